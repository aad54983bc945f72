//! How long a post takes to read.
//!
//! Silent reading speed differs by script: the International Reading Speed Texts
//! (Trauzettel-Klosinski and Dietz, 2012) measured about 228 words a minute in English,
//! 195 in French, 179 in German, 184 in Russian, 187 in Hebrew, 138 in Arabic, and 255
//! characters a minute in Chinese. Folio counts each word by the script it is written
//! in, at a round figure near those: text in any one language gets its own pace, and a
//! mixed text the sum.

/// Words a minute, for letters in a script with spaces between words (Latin, Greek,
/// Cyrillic and the rest).
pub const WORDS_PER_MINUTE: u32 = 220;
/// Words a minute in the Arabic script (Arabic, Persian, Urdu…).
pub const ARABIC_WORDS_PER_MINUTE: u32 = 140;
/// Words a minute in Hebrew.
pub const HEBREW_WORDS_PER_MINUTE: u32 = 185;
/// Characters a minute in Chinese, Japanese and Korean, which are not counted in words.
pub const CJK_CHARACTERS_PER_MINUTE: u32 = 260;

/// Whole minutes to read `text`, at least one; `None` for a text with no words.
pub fn reading_minutes(text: &str) -> Option<u32> {
    let (mut other, mut arabic, mut hebrew, mut cjk) = (0u32, 0u32, 0u32, 0u32);
    for word in text.split_whitespace() {
        let mut letters = word.chars().filter(|c| c.is_alphanumeric());
        let Some(first) = letters.next() else {
            continue;
        };
        match Script::of(first) {
            Script::Cjk => {
                let count = 1 + letters.filter(|&c| Script::of(c) == Script::Cjk).count();
                cjk = cjk.saturating_add(u32::try_from(count).unwrap_or(u32::MAX));
            }
            Script::Arabic => arabic = arabic.saturating_add(1),
            Script::Hebrew => hebrew = hebrew.saturating_add(1),
            Script::Other => other = other.saturating_add(1),
        }
    }
    if other == 0 && arabic == 0 && hebrew == 0 && cjk == 0 {
        return None;
    }
    let minutes = f64::from(other) / f64::from(WORDS_PER_MINUTE)
        + f64::from(arabic) / f64::from(ARABIC_WORDS_PER_MINUTE)
        + f64::from(hebrew) / f64::from(HEBREW_WORDS_PER_MINUTE)
        + f64::from(cjk) / f64::from(CJK_CHARACTERS_PER_MINUTE);
    // Rounded to the nearest minute, never below one.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // 0 < minutes < 2^32
    let rounded = minutes.round().max(1.0) as u32;
    Some(rounded)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Arabic,
    Hebrew,
    Cjk,
    Other,
}

impl Script {
    fn of(c: char) -> Self {
        match c {
            '\u{0600}'..='\u{06FF}'
            | '\u{0750}'..='\u{077F}'
            | '\u{08A0}'..='\u{08FF}'
            | '\u{FB50}'..='\u{FDFF}'
            | '\u{FE70}'..='\u{FEFF}' => Self::Arabic,
            '\u{0590}'..='\u{05FF}' | '\u{FB1D}'..='\u{FB4F}' => Self::Hebrew,
            '\u{3040}'..='\u{30FF}'
            | '\u{3400}'..='\u{4DBF}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{AC00}'..='\u{D7AF}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{20000}'..='\u{2FA1F}' => Self::Cjk,
            _ => Self::Other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_reads_at_its_pace_and_rounds_to_whole_minutes() {
        assert_eq!(reading_minutes(""), None);
        assert_eq!(reading_minutes(" — … "), None);
        assert_eq!(reading_minutes("one word"), Some(1));
        assert_eq!(reading_minutes(&"word ".repeat(220 * 5)), Some(5));
        assert_eq!(reading_minutes(&"word ".repeat(220 * 5 + 100)), Some(5));
        assert_eq!(reading_minutes(&"word ".repeat(220 * 5 + 120)), Some(6));
    }

    #[test]
    fn persian_and_arabic_read_slower_than_english() {
        let persian = "کیفیت آب رودخانه ".repeat(140); // 420 words
        assert_eq!(reading_minutes(&persian), Some(3));
        let english = "water river quality ".repeat(140);
        assert_eq!(reading_minutes(&english), Some(2));
        assert_eq!(reading_minutes(&"שלום ".repeat(185 * 2)), Some(2));
    }

    #[test]
    fn chinese_is_counted_in_characters() {
        // 520 characters in two "words".
        let text = format!("{} {}", "水".repeat(260), "河".repeat(260));
        assert_eq!(reading_minutes(&text), Some(2));
    }
}

//! Folding text for search: the same function reads the index and the query, so
//! whatever a reader types meets the text however it was written.
//!
//! Per character: compatibility decomposition (NFKD, so `ﬁ` is `fi` and full-width `Ａ` is
//! `a`), combining marks dropped (so `é` is `e` and Arabic vowel marks vanish), lowercase,
//! from a table of the blocks real text uses (see `fold_table`),
//! Arabic and Persian letter variants unified, Persian and Arabic-Indic digits read as
//! ASCII digits. Zero-width joiners, tatweel and soft hyphens join a word rather than
//! split it, so `می‌خواهیم` and `میخواهیم` are one token.

use crate::fold_table::{FOLDED, KEY_STEPS, LENGTHS, MARK_STEPS};
use std::sync::OnceLock;

/// The version of the folding rules. A sharded index records it; change it whenever a
/// word folds differently, so an index is never searched with other rules than its own.
pub const FOLD_VERSION: u32 = 1;
/// The version of the rules that split text into words, likewise.
pub const TOKENIZER_VERSION: u32 = 1;

/// The fold table, decoded from its compact form in `fold_table` on first use.
struct Table {
    /// Characters with a folding of their own, ascending.
    keys: Vec<u16>,
    /// Where each one's folding ends in `FOLDED` (it starts where the previous ends).
    ends: Vec<u16>,
    /// Combining marks, as inclusive ranges, ascending.
    marks: Vec<(u32, u32)>,
}

/// The LEB128 varints in `bytes`, in order.
fn varints(bytes: &[u8]) -> impl Iterator<Item = u32> + '_ {
    let mut rest = bytes.iter();
    std::iter::from_fn(move || {
        let mut value = 0u32;
        let mut shift = 0;
        loop {
            let byte = *rest.next()?;
            value |= u32::from(byte & 0x7f).checked_shl(shift).unwrap_or(0);
            shift += 7;
            if byte & 0x80 == 0 {
                return Some(value);
            }
        }
    })
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let keys = varints(&KEY_STEPS)
            .scan(0u32, |at, step| {
                *at += step;
                Some(u16::try_from(*at).unwrap_or(u16::MAX))
            })
            .collect();
        let ends = LENGTHS
            .iter()
            .scan(0u16, |end, &length| {
                *end = end.saturating_add(u16::from(length));
                Some(*end)
            })
            .collect();
        let mut steps = varints(&MARK_STEPS);
        let mut marks = Vec::new();
        let mut previous_end = 0;
        while let (Some(gap), Some(length)) = (steps.next(), steps.next()) {
            let start = previous_end + gap;
            previous_end = start + length;
            marks.push((start, previous_end));
        }
        Table { keys, ends, marks }
    })
}

include!(concat!(env!("OUT_DIR"), "/lowercase.rs"));

/// The lowercase runs, decoded on first use: first, last, stride and the distance to
/// the lowercase.
fn lower_runs() -> &'static [(u32, u32, u32, i32)] {
    static RUNS: OnceLock<Vec<(u32, u32, u32, i32)>> = OnceLock::new();
    RUNS.get_or_init(|| {
        let mut values = varints(&LOWER_RUNS);
        let mut runs = Vec::new();
        let mut previous = 0;
        while let (Some(gap), Some(count), Some(stride), Some(zigzag)) =
            (values.next(), values.next(), values.next(), values.next())
        {
            let first = previous + gap;
            let last = first + count * stride;
            let magnitude = i32::try_from(zigzag >> 1).unwrap_or(0);
            let delta = if zigzag & 1 == 1 {
                -magnitude - 1
            } else {
                magnitude
            };
            runs.push((first, last, stride.max(1), delta));
            previous = last;
        }
        runs
    })
}

/// Gives `f` each character of `c`'s lowercase, as `char::to_lowercase` does, from
/// `build.rs`'s runs rather than core's larger table.
pub(crate) fn lowercase(c: char, mut f: impl FnMut(char)) {
    if c.is_ascii() {
        return f(c.to_ascii_lowercase());
    }
    if c == '\u{130}' {
        // "İ": the one character whose lowercase is two.
        f('i');
        return f('\u{307}');
    }
    let code = u32::from(c);
    let runs = lower_runs();
    let at = runs.partition_point(|run| run.0 <= code);
    let lower = at
        .checked_sub(1)
        .and_then(|i| runs.get(i))
        .filter(|&&(first, last, stride, _)| code <= last && (code - first) % stride == 0)
        .and_then(|&(_, _, _, delta)| code.checked_add_signed(delta))
        .and_then(char::from_u32);
    f(lower.unwrap_or(c));
}

/// True for combining marks (accents, Arabic vowel marks…).
fn is_combining_mark(c: char) -> bool {
    let c = u32::from(c);
    let marks = &table().marks;
    let at = marks.partition_point(|&(_, end)| end < c);
    marks.get(at).is_some_and(|&(start, _)| start <= c)
}

/// The folding of `c` from the table, when it has one of its own.
fn table_folding(c: char) -> Option<&'static str> {
    let key = u16::try_from(u32::from(c)).ok()?;
    let table = table();
    let at = table.keys.binary_search(&key).ok()?;
    let start = match at.checked_sub(1) {
        Some(before) => usize::from(*table.ends.get(before)?),
        None => 0,
    };
    FOLDED.get(start..usize::from(*table.ends.get(at)?))
}

/// What one character contributes to a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Letters or digits were appended.
    Word,
    /// Part of the word around it, but appends nothing (marks, joiners).
    Joiner,
    /// Ends a token.
    Separator,
}

fn unify_arabic(c: char) -> char {
    match c {
        'ي' | 'ى' => 'ی',
        'ك' => 'ک',
        'ة' | 'ە' => 'ه',
        _ => c,
    }
}

/// Characters that sit inside a word without being letters of it.
fn is_joiner(c: char) -> bool {
    matches!(
        c,
        '\u{200c}' | '\u{200d}' | '\u{640}' | '\u{ad}' | '\u{2060}' | '\u{feff}'
    )
}

fn fold_char(c: char, out: &mut String) -> Class {
    if c.is_ascii() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
            return Class::Word;
        }
        return Class::Separator;
    }
    if is_joiner(c) {
        return Class::Joiner;
    }
    match c {
        '۰'..='۹' => {
            out.extend(char::from_digit(u32::from(c) - u32::from('۰'), 10));
            return Class::Word;
        }
        '٠'..='٩' => {
            out.extend(char::from_digit(u32::from(c) - u32::from('٠'), 10));
            return Class::Word;
        }
        _ => {}
    }
    let before = out.len();
    let mut push = |d: char| {
        if is_combining_mark(d) || is_joiner(d) {
            return;
        }
        lowercase(unify_arabic(d), |lower| {
            if lower == 'ß' {
                out.push_str("ss");
            } else if lower.is_alphanumeric() {
                out.push(lower);
            }
        });
    };
    match table_folding(c) {
        Some(folded) => folded.chars().for_each(&mut push),
        None => push(c),
    }
    if out.len() > before {
        Class::Word
    } else if is_combining_mark(c) {
        Class::Joiner
    } else {
        Class::Separator
    }
}

/// Calls `f(token, start, end)` for each folded token of `text`, where `start..end` is
/// the byte range of the token in `text` (for highlighting).
pub fn for_each_token(text: &str, mut f: impl FnMut(&str, usize, usize)) {
    let mut token = String::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    for (i, c) in text.char_indices() {
        match fold_char(c, &mut token) {
            Class::Word => {
                start.get_or_insert(i);
                end = i + c.len_utf8();
            }
            Class::Joiner => {
                if start.is_some() {
                    end = i + c.len_utf8();
                }
            }
            Class::Separator => {
                if let Some(s) = start.take() {
                    f(&token, s, end);
                    token.clear();
                }
            }
        }
    }
    if let Some(s) = start {
        f(&token, s, end);
    }
}

/// The folded tokens of `text`.
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_token(text, |t, _, _| out.push(t.to_owned()));
    out
}

/// The folded tokens of `text` joined by single spaces.
pub fn fold(text: &str) -> String {
    tokens(text).join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercase_is_char_to_lowercase_for_every_character() {
        for c in (0..=0x10_FFFF_u32).filter_map(char::from_u32) {
            let mut ours = String::new();
            super::lowercase(c, |l| ours.push(l));
            assert_eq!(ours, c.to_lowercase().collect::<String>(), "{c:?}");
        }
    }

    #[test]
    fn the_compact_table_decodes_to_ascending_keys_ends_and_marks() {
        let table = super::table();
        assert_eq!(table.keys.len(), crate::fold_table::LENGTHS.len());
        assert_eq!(table.ends.len(), table.keys.len());
        assert!(table.keys.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(
            table.ends.last().map(|&e| usize::from(e)),
            Some(crate::fold_table::FOLDED.len())
        );
        assert!(table.marks.windows(2).all(|w| w[0].1 < w[1].0));
        assert!(table.marks.iter().all(|&(a, b)| a <= b));
        // The combining acute accent and the Arabic fatha are marks; a letter is not.
        assert!(super::is_combining_mark('\u{301}') && super::is_combining_mark('\u{64e}'));
        assert!(!super::is_combining_mark('a'));
        assert_eq!(super::table_folding('\u{fb01}'), Some("fi"));
    }

    #[test]
    fn folds_case_and_latin_diacritics() {
        assert_eq!(fold("Café DÉJÀ-vu"), "cafe deja vu");
        assert_eq!(fold("Straße naïve Ångström"), "strasse naive angstrom");
        // Decomposed input folds the same as precomposed.
        assert_eq!(fold("Cafe\u{301}"), "cafe");
    }

    #[test]
    fn applies_compatibility_forms() {
        assert_eq!(fold("ﬁsh ＡＢＣ１２"), "fish abc12");
        assert_eq!(fold("x²"), "x2");
    }

    #[test]
    fn unifies_arabic_and_persian_letters() {
        // Arabic yeh and kaf vs Persian yeh and keheh.
        assert_eq!(fold("علي كتاب"), fold("علی کتاب"));
        // Hamza forms fold to their bare letters.
        assert_eq!(fold("أحمد إيران آب"), "احمد ایران اب");
        assert_eq!(fold("مسؤول"), "مسوول");
        // Teh marbuta and heh.
        assert_eq!(fold("مدرسة"), "مدرسه");
    }

    #[test]
    fn drops_vowel_marks_and_tatweel() {
        assert_eq!(fold("كَتَبَ"), fold("کتب"));
        assert_eq!(fold("کـــتاب"), "کتاب");
    }

    #[test]
    fn zwnj_joins_a_persian_word() {
        assert_eq!(fold("می\u{200c}خواهیم"), "میخواهیم");
        assert_eq!(tokens("می\u{200c}خواهیم بسازیم").len(), 2);
    }

    #[test]
    fn persian_and_arabic_indic_digits_are_ascii() {
        assert_eq!(fold("۱۴۰۲"), "1402");
        assert_eq!(fold("٢٠٢٤"), "2024");
    }

    #[test]
    fn mixed_scripts_split_on_punctuation_only() {
        assert_eq!(tokens("Sorrel—رود, river!"), ["sorrel", "رود", "river"]);
    }

    #[test]
    fn offsets_point_at_the_original_text() {
        let text = "Déjà vu, می\u{200c}خواهیم!";
        let mut spans = Vec::new();
        for_each_token(text, |t, s, e| spans.push((t.to_owned(), &text[s..e])));
        assert_eq!(spans[0], ("deja".to_owned(), "Déjà"));
        assert_eq!(spans[1], ("vu".to_owned(), "vu"));
        assert_eq!(spans[2], ("میخواهیم".to_owned(), "می\u{200c}خواهیم"));
    }

    proptest::proptest! {
        #[test]
        fn folding_is_idempotent(s in "\\PC*") {
            let once = fold(&s);
            proptest::prop_assert_eq!(fold(&once), once.clone());
        }

        #[test]
        fn token_spans_are_in_bounds_and_ordered(s in "\\PC*") {
            let mut last = 0;
            for_each_token(&s, |t, start, end| {
                assert!(!t.is_empty());
                assert!(start >= last && start < end && end <= s.len());
                assert!(s.is_char_boundary(start) && s.is_char_boundary(end));
                last = end;
            });
        }
    }
}

#[cfg(test)]
mod table_tests {
    use super::fold;
    use unicode_normalization::UnicodeNormalization;

    /// Folding by the full algorithm: NFKD, marks dropped, lowercase, marks dropped.
    fn reference(c: char) -> String {
        let is_mark = unicode_normalization::char::is_combining_mark;
        let stripped: String = c.to_string().nfkd().filter(|d| !is_mark(*d)).collect();
        stripped
            .to_lowercase()
            .chars()
            .filter(|d| !is_mark(*d))
            .collect()
    }

    #[test]
    fn the_table_matches_full_nfkd_for_latin_greek_cyrillic_arabic_and_forms() {
        let blocks = [
            0x00C0..=0x024F,
            0x0370..=0x03FF,
            0x0400..=0x04FF,
            0x0600..=0x06FF,
            0x1E00..=0x1EFF,
            0xFB00..=0xFDFF,
            0xFE70..=0xFEFF,
            0xFF00..=0xFFEF,
        ];
        let mut checked = 0;
        for block in blocks {
            for cp in block {
                let Some(c) = char::from_u32(cp) else {
                    continue;
                };
                // A few ligatures decompose into several words (U+FDFA); one character
                // stays one token, so compare without the spaces.
                let expected = fold(&reference(c)).replace(' ', "");
                // Compare only letters and digits: both sides then go through the same
                // Arabic unification and alphanumeric filter.
                if reference(c).chars().any(char::is_alphanumeric) {
                    assert_eq!(fold(&c.to_string()), expected, "U+{cp:04X} {c}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 2000, "{checked}");
    }
}

//! Folding text for search: the same function reads the index and the query, so
//! whatever a reader types meets the text however it was written.
//!
//! Per character: compatibility decomposition (NFKD, so `ﬁ` is `fi` and full-width `Ａ` is
//! `a`), combining marks dropped (so `é` is `e` and Arabic vowel marks vanish), lowercase,
//! Arabic and Persian letter variants unified, Persian and Arabic-Indic digits read as
//! ASCII digits. Zero-width joiners, tatweel and soft hyphens join a word rather than
//! split it, so `می‌خواهیم` and `میخواهیم` are one token.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

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
    decompose_compatible(c, |d| {
        if is_combining_mark(d) || is_joiner(d) {
            return;
        }
        for lower in unify_arabic(d).to_lowercase() {
            if lower == 'ß' {
                out.push_str("ss");
            } else if lower.is_alphanumeric() {
                out.push(lower);
            }
        }
    });
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

//! The reader's query: words that must all match, quoted phrases, and a last word that
//! matches as a prefix while it is being typed.

use crate::fold::{for_each_token, tokens};

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Whole words (folded) that must all appear.
    pub words: Vec<String>,
    /// Phrases (folded tokens in order) that must appear as written.
    pub phrases: Vec<Vec<String>>,
    /// The word being typed, matched as a prefix of a word.
    pub prefix: Option<String>,
}

const QUOTES: &[char] = &['"', '“', '”', '«', '»', '„'];

/// The longest query read, in characters; the rest of a longer one is ignored. Long
/// enough for any phrase a reader types or pastes, short enough that a hostile `?q=`
/// costs nothing.
pub const MAX_QUERY_CHARS: usize = 500;

impl Query {
    /// Parses what the reader typed. The last word counts as a prefix unless the text
    /// ends in a space or closes a phrase.
    pub fn parse(text: &str) -> Self {
        let text = text
            .char_indices()
            .nth(MAX_QUERY_CHARS)
            .map_or(text, |(cut, _)| &text[..cut]);
        let mut query = Self::default();
        let mut in_phrase = false;
        for (i, part) in text.split(QUOTES).enumerate() {
            in_phrase = i % 2 == 1;
            if in_phrase {
                match tokens(part).as_slice() {
                    [] => {}
                    [one] => query.words.push(one.clone()),
                    many => query.phrases.push(many.to_vec()),
                }
            } else {
                query.words.extend(tokens(part));
            }
        }
        let still_typing = !in_phrase
            && text
                .chars()
                .next_back()
                .is_some_and(|c| !c.is_whitespace() && !QUOTES.contains(&c));
        if still_typing
            && !text
                .trim_end_matches(|c: char| c.is_alphanumeric())
                .ends_with(QUOTES)
        {
            query.prefix = query.words.pop();
        }
        query.words.sort();
        query.words.dedup();
        query.phrases.sort();
        query.phrases.dedup();
        query
    }

    /// True when there is nothing to search for.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.phrases.is_empty() && self.prefix.is_none()
    }

    fn matches_token(&self, token: &str) -> bool {
        self.words.iter().any(|w| w == token)
            || self.phrases.iter().flatten().any(|w| w == token)
            || self.prefix.as_deref().is_some_and(|p| token.starts_with(p))
    }

    /// Byte ranges of `text` to highlight: every word that matches a query word, a
    /// phrase word, or the prefix.
    pub fn highlights(&self, text: &str) -> Vec<(usize, usize)> {
        let mut ranges = Vec::new();
        if self.is_empty() {
            return ranges;
        }
        for_each_token(text, |token, start, end| {
            if self.matches_token(token) {
                ranges.push((start, end));
            }
        });
        ranges
    }
}

impl Query {
    /// `text` cut into consecutive pieces, each `true` where it is a highlighted word;
    /// the pieces join back into `text`. One piece, unmarked, when nothing matches.
    pub fn segments<'a>(&self, text: &'a str) -> Vec<(&'a str, bool)> {
        let mut pieces = Vec::new();
        let mut at = 0;
        for (start, end) in self.highlights(text) {
            if start > at {
                pieces.push((&text[at..start], false));
            }
            pieces.push((&text[start..end], true));
            at = end;
        }
        if at < text.len() || pieces.is_empty() {
            pieces.push((&text[at..], false));
        }
        pieces
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|w| (*w).to_owned()).collect()
    }

    #[test]
    fn a_long_query_is_cut_and_repeats_count_once() {
        let long = "\"golden harbour\" ".repeat(2_000);
        let query = Query::parse(&long);
        assert_eq!(query.phrases, vec![words(&["golden", "harbour"])]);
        let many: String = (0..5_000)
            .map(|i| ["w", &i.to_string(), " "].concat())
            .collect();
        let query = Query::parse(&many);
        assert!(
            query.words.len() < MAX_QUERY_CHARS / 2,
            "{}",
            query.words.len()
        );
        assert!(query.words.contains(&"w0".to_owned()));
        // A cut inside a multi-byte character cannot happen: it counts characters.
        assert_eq!(
            Query::parse(&"ش".repeat(600))
                .prefix
                .map(|p| p.chars().count()),
            Some(500)
        );
    }

    #[test]
    fn the_last_word_is_a_prefix_while_typing() {
        let q = Query::parse("river wat");
        assert_eq!(q.words, words(&["river"]));
        assert_eq!(q.prefix.as_deref(), Some("wat"));
    }

    #[test]
    fn a_trailing_space_completes_the_word() {
        let q = Query::parse("river water ");
        assert_eq!(q.words, words(&["river", "water"]));
        assert_eq!(q.prefix, None);
    }

    #[test]
    fn quoted_text_is_a_phrase() {
        let q = Query::parse("\"clean water\" report");
        assert_eq!(q.phrases, vec![words(&["clean", "water"])]);
        assert_eq!(q.prefix.as_deref(), Some("report"));
        let closed = Query::parse("report \"clean water\"");
        assert_eq!(closed.prefix, None);
        assert_eq!(closed.words, words(&["report"]));
    }

    #[test]
    fn an_unclosed_quote_is_a_phrase_to_the_end() {
        let q = Query::parse("\"clean wat");
        assert_eq!(q.phrases, vec![words(&["clean", "wat"])]);
        assert_eq!(q.prefix, None);
    }

    #[test]
    fn the_query_is_folded_like_the_index() {
        let q = Query::parse("CAFÉ علي ۱۴۰۲ ");
        assert_eq!(q.words, words(&["1402", "cafe", "علی"]));
    }

    #[test]
    fn empty_and_punctuation_only_queries_are_empty() {
        assert!(Query::parse("").is_empty());
        assert!(Query::parse("  \"\" !? ").is_empty());
    }

    #[test]
    fn highlights_cover_matching_words_in_the_original_text() {
        let q = Query::parse("cafe ri");
        let text = "Café by the River, riverside";
        let marked: Vec<&str> = q
            .highlights(text)
            .iter()
            .map(|&(s, e)| &text[s..e])
            .collect();
        assert_eq!(marked, ["Café", "River", "riverside"]);
    }

    #[test]
    fn segments_alternate_and_join_back_into_the_text() {
        let q = Query::parse("river");
        let text = "The River and the riverside";
        assert_eq!(
            q.segments(text),
            [
                ("The ", false),
                ("River", true),
                (" and the ", false),
                ("riverside", true)
            ]
        );
        assert_eq!(Query::parse("").segments("plain"), [("plain", false)]);
    }

    proptest::proptest! {
        #[test]
        fn segments_rebuild_the_text(q in "\\PC*", t in "\\PC*") {
            let joined: String = Query::parse(&q).segments(&t).iter().map(|(piece, _)| *piece).collect();
            proptest::prop_assert_eq!(joined, t);
        }

        #[test]
        fn parsing_never_panics_and_highlights_are_in_bounds(q in "\\PC*", t in "\\PC*") {
            let query = Query::parse(&q);
            for (s, e) in query.highlights(&t) {
                proptest::prop_assert!(s < e && e <= t.len());
            }
        }
    }
}

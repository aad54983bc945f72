//! Readable, stable URL slugs.

/// The longest slug, in characters, before a clash suffix.
const MAX_SLUG_CHARS: usize = 80;

/// A readable slug: lowercase letters and digits of any script, joined by hyphens.
/// Returns an empty string when the text has no letters or digits.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    let mut chars = 0;
    for ch in text.chars() {
        if is_joiner_or_mark(ch) {
            // ZWNJ inside a Persian word and Arabic vowel marks are part of the word.
            continue;
        }
        if ch.is_alphanumeric() {
            let needed = if pending_hyphen && !slug.is_empty() {
                2
            } else {
                1
            };
            if chars + needed > MAX_SLUG_CHARS {
                break;
            }
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
                chars += 1;
            }
            pending_hyphen = false;
            for lower in ch.to_lowercase() {
                slug.push(lower);
            }
            chars += 1;
        } else {
            pending_hyphen = true;
        }
    }
    slug
}

fn is_joiner_or_mark(ch: char) -> bool {
    matches!(ch,
        '\u{200c}' | '\u{200d}' | '\u{ad}' | '\u{640}'
        | '\u{300}'..='\u{36f}'
        | '\u{610}'..='\u{61a}'
        | '\u{64b}'..='\u{65f}'
        | '\u{670}'
        | '\u{6d6}'..='\u{6ed}')
}

/// The last path segment of a URL, which on most blogs is the post's slug.
pub fn url_tail(url: &str) -> &str {
    let without_query = url.split(['?', '#']).next().unwrap_or_default();
    let path = without_query
        .split_once("://")
        .map_or(without_query, |(_, rest)| {
            rest.split_once('/').map_or("", |(_, p)| p)
        });
    path.trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .trim_end_matches(".html")
        .trim_end_matches(".htm")
}

/// Hands out unique slugs: the first claim of a slug gets it as is, later ones get
/// `-2`, `-3` and so on.
#[derive(Debug, Default)]
pub struct SlugRegistry {
    taken: std::collections::HashSet<String>,
}

impl SlugRegistry {
    /// Reserves `base` (or `post` when empty), suffixed as needed to make it unique.
    pub fn claim(&mut self, base: &str) -> String {
        let base = if base.is_empty() { "post" } else { base };
        if self.taken.insert(base.to_owned()) {
            return base.to_owned();
        }
        let mut n = 2;
        loop {
            let candidate = format!("{base}-{n}");
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_titles_become_hyphenated_lowercase() {
        assert_eq!(slugify("Hello, World!"), "hello-world");
        assert_eq!(slugify("  Rivers & Rain: 2024  "), "rivers-rain-2024");
        assert_eq!(slugify("Café déjà vu"), "café-déjà-vu");
    }

    #[test]
    fn persian_titles_keep_their_letters() {
        assert_eq!(slugify("گزارش سالانهٔ ۱۴۰۲"), "گزارش-سالانه-۱۴۰۲");
        assert_eq!(slugify("می\u{200c}خواهیم"), "میخواهیم");
    }

    #[test]
    fn symbols_only_give_an_empty_slug() {
        assert_eq!(slugify("!!! ???"), "");
        assert_eq!(slugify(""), "");
    }

    #[test]
    fn long_titles_are_bounded() {
        let long = "word ".repeat(100);
        assert!(slugify(&long).chars().count() <= MAX_SLUG_CHARS);
        assert!(!slugify(&long).ends_with('-'));
    }

    #[test]
    fn url_tail_finds_the_blog_slug() {
        assert_eq!(
            url_tail("https://example.org/2019/12/clean-water/"),
            "clean-water"
        );
        assert_eq!(url_tail("https://example.org/news/post.html?x=1"), "post");
        assert_eq!(url_tail("https://example.org/"), "");
        assert_eq!(url_tail("https://example.org"), "");
    }

    #[test]
    fn clashes_get_numbered_suffixes() {
        let mut registry = SlugRegistry::default();
        assert_eq!(registry.claim("news"), "news");
        assert_eq!(registry.claim("news"), "news-2");
        assert_eq!(registry.claim("news"), "news-3");
        assert_eq!(registry.claim(""), "post");
        assert_eq!(registry.claim(""), "post-2");
    }

    proptest::proptest! {
        #[test]
        fn slugs_have_no_edge_or_double_hyphens(s in "\\PC*") {
            let slug = slugify(&s);
            proptest::prop_assert!(!slug.starts_with('-'));
            proptest::prop_assert!(!slug.ends_with('-'));
            proptest::prop_assert!(!slug.contains("--"));
            proptest::prop_assert!(!slug.contains('/'));
            proptest::prop_assert!(!slug.contains('?'));
        }
    }
}

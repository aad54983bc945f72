//! Readable, stable URL slugs.

/// The longest slug, in characters, before a clash suffix.
pub const MAX_SLUG_CHARS: usize = 80;

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
            // "İ" lowercases to "i" and a combining dot, a mark that this function
            // drops: dropping it here too keeps a slug its own slug.
            crate::fold::lowercase(ch, |lower| {
                if !is_joiner_or_mark(lower) {
                    slug.push(lower);
                }
            });
            chars += 1;
        } else {
            pending_hyphen = true;
        }
    }
    slug
}

/// The slug of an author's page: the name slugified, or the name itself when it has no
/// letters or digits to make a slug of.
pub fn author_slug(name: &str) -> String {
    let slug = slugify(name);
    if slug.is_empty() {
        name.to_owned()
    } else {
        slug
    }
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
/// `-2`, `-3` and so on. A suffixed slug is kept within [`MAX_SLUG_CHARS`] too, so
/// that `slugify` leaves every slug it hands out unchanged (the `folio` command writes
/// them into the index, and the reader reads them back through `slugify`).
#[derive(Debug, Default)]
pub struct SlugRegistry {
    taken: std::collections::HashSet<String>,
    /// The next suffix to try for each base, so k clashes on one base cost k steps,
    /// not k².
    next_suffix: std::collections::HashMap<String, usize>,
}

impl SlugRegistry {
    /// Reserves `base` (or `post` when empty), suffixed as needed to make it unique.
    pub fn claim(&mut self, base: &str) -> String {
        let base = if base.is_empty() { "post" } else { base };
        if self.taken.insert(base.to_owned()) {
            return base.to_owned();
        }
        let mut n = self.next_suffix.get(base).copied().unwrap_or(2);
        loop {
            let suffix = format!("-{n}");
            let room = MAX_SLUG_CHARS.saturating_sub(suffix.len());
            let stem: String = base.chars().take(room).collect();
            let candidate = format!("{}{suffix}", stem.trim_end_matches('-'));
            n += 1;
            if self.taken.insert(candidate.clone()) {
                self.next_suffix.insert(base.to_owned(), n);
                return candidate;
            }
        }
    }
}

/// The slug a post gets when it asks for none: from its title, else the last segment
/// of its URL, else its id. Both the reader and the `folio` command use this.
pub fn derive_slug(title: Option<&str>, url: Option<&str>, id: &str) -> String {
    title
        .map(slugify)
        .filter(|s| !s.is_empty())
        .or_else(|| url.map(|u| slugify(url_tail(u))).filter(|s| !s.is_empty()))
        .unwrap_or_else(|| slugify(id))
}

/// What one post asks for, to [`assign_slugs`].
#[derive(Debug, Clone)]
pub struct SlugRequest<K: Ord> {
    /// A slug the source chose (`_folio.slug`, an export's post name, front matter),
    /// already passed through [`slugify`]; `None` or empty when it chose none.
    pub explicit: Option<String>,
    /// The slug from [`derive_slug`].
    pub derived: String,
    /// Orders posts oldest first (undated last, ties in input order).
    pub age: Option<K>,
}

/// Gives every post a unique slug. Explicit slugs win over derived ones; among equals,
/// the older post keeps the plain slug, so adding a new post never renames an old one.
/// Returns the slugs in the order of `requests`.
pub fn assign_slugs<K: Ord>(requests: &[SlugRequest<K>]) -> Vec<String> {
    let mut order: Vec<usize> = (0..requests.len()).collect();
    order.sort_by(|&a, &b| match (&requests[a].age, &requests[b].age) {
        (Some(x), Some(y)) => x.cmp(y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    let mut slugs = vec![String::new(); requests.len()];
    let mut registry = SlugRegistry::default();
    let explicit = |r: &SlugRequest<K>| r.explicit.clone().filter(|s| !s.is_empty());
    for &i in &order {
        if let Some(slug) = explicit(&requests[i]) {
            slugs[i] = registry.claim(&slug);
        }
    }
    for &i in &order {
        if explicit(&requests[i]).is_none() {
            slugs[i] = registry.claim(&requests[i].derived);
        }
    }
    slugs
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
    fn a_slug_is_its_own_slug_even_for_a_dotted_capital_i() {
        // Found by the `text` fuzz target: "İ" lowercased to "i" and U+0307, which a
        // second pass dropped, so the reader renamed the command's slug.
        assert_eq!(slugify("İstanbul notları"), "istanbul-notları");
        assert_eq!(slugify(&slugify("İİ İ")), slugify("İİ İ"));
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

    #[test]
    fn suffixed_slugs_stay_within_the_limit_and_survive_slugify() {
        let long = slugify(&"word ".repeat(40));
        let mut registry = SlugRegistry::default();
        assert_eq!(registry.claim(&long), long);
        let second = registry.claim(&long);
        assert!(second.ends_with("-2"), "{second}");
        assert!(second.chars().count() <= MAX_SLUG_CHARS);
        assert_eq!(slugify(&second), second);
    }

    #[test]
    fn many_clashes_on_one_base_stay_unique() {
        let mut registry = SlugRegistry::default();
        let slugs: Vec<String> = (0..500).map(|_| registry.claim("weeknotes")).collect();
        let unique: std::collections::HashSet<&String> = slugs.iter().collect();
        assert_eq!(unique.len(), 500);
        assert_eq!(slugs[499], "weeknotes-500");
        // A later plain claim of a taken suffix still gets a fresh one.
        assert_eq!(registry.claim("weeknotes-2"), "weeknotes-2-2");
    }

    #[test]
    fn derived_slugs_fall_back_from_title_to_url_to_id() {
        assert_eq!(derive_slug(Some("Hello There"), None, "1"), "hello-there");
        assert_eq!(
            derive_slug(Some("!!!"), Some("https://e.org/2020/a-b/"), "1"),
            "a-b"
        );
        assert_eq!(
            derive_slug(None, None, "tag:e.org,2020:42"),
            "tag-e-org-2020-42"
        );
    }

    #[test]
    fn explicit_slugs_win_and_older_posts_keep_plain_slugs() {
        let request = |explicit: Option<&str>, derived: &str, age: Option<i32>| SlugRequest {
            explicit: explicit.map(str::to_owned),
            derived: derived.to_owned(),
            age,
        };
        let slugs = assign_slugs(&[
            request(None, "news", Some(3)),
            request(None, "news", Some(1)),
            request(Some("news"), "other", Some(2)),
            request(None, "news", None),
        ]);
        assert_eq!(slugs, ["news-3", "news-2", "news", "news-4"]);
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

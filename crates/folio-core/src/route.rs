//! In-app addresses, the same in both routing modes.
//!
//! An in-app address is a path and an optional query, such as `/posts/spring-flood?q=weir`.
//! Path routing writes it after the base path (`/blog/posts/spring-flood?q=weir`); hash
//! routing writes it after a `#` (`#/posts/spring-flood?q=weir`), so an archive embedded
//! in someone else's page never touches that page's own path.

/// How the app keeps its address in the browser's URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RoutingMode {
    /// In the path, under a base path. Needs the host to serve the app for unknown paths.
    #[default]
    Path,
    /// In the fragment, as `#/…`. Needs nothing from the host.
    Hash,
}

impl RoutingMode {
    /// Reads a `data-routing` value: `path` or `hash`, in any case. Anything else is `None`.
    pub fn parse(value: &str) -> Option<Self> {
        match value.trim().to_ascii_lowercase().as_str() {
            "path" => Some(Self::Path),
            "hash" => Some(Self::Hash),
            _ => None,
        }
    }
}

/// The posts shown per page when nothing else is asked for.
pub const DEFAULT_PAGE_SIZE: usize = 10;
/// The most posts a page may show; larger lists are slow to render and to read.
pub const MAX_PAGE_SIZE: usize = 100;

/// Reads a `data-page-size` value: a whole number from 1 to [`MAX_PAGE_SIZE`].
pub fn parse_page_size(value: &str) -> Option<usize> {
    whole_number_in(value, 1..=MAX_PAGE_SIZE)
}

/// A whole number within `range`, read from a setting's text (spaces around it allowed).
pub fn whole_number_in<T: std::str::FromStr + PartialOrd>(
    value: &str,
    range: std::ops::RangeInclusive<T>,
) -> Option<T> {
    value.trim().parse::<T>().ok().filter(|n| range.contains(n))
}

/// The page an in-app path names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    /// `/`: the list, filtered by the query.
    List,
    /// `/posts/<slug>`, with the slug percent-decoded.
    Post(String),
    /// `/authors/<slug>`: one author's posts, with the slug percent-decoded.
    Author(String),
    /// Anything else.
    NotFound,
}

impl Page {
    /// Matches an in-app path (without query). A trailing slash is ignored, as the
    /// path router ignores it.
    pub fn of_path(path: &str) -> Self {
        let trimmed = path.trim_end_matches('/');
        if trimmed.is_empty() || list_page_of_path(path).is_some() {
            return Self::List;
        }
        let one_segment = |prefix: &str| {
            trimmed
                .strip_prefix(prefix)
                .filter(|slug| !slug.is_empty() && !slug.contains('/'))
                .map(|slug| percent_decode(slug).unwrap_or_else(|| slug.to_owned()))
        };
        if let Some(slug) = one_segment("/posts/") {
            Self::Post(slug)
        } else if let Some(slug) = one_segment("/authors/") {
            Self::Author(slug)
        } else {
            Self::NotFound
        }
    }

    /// The in-app path of a list page: `/`, or `/authors/<slug>` for an author's.
    pub fn list_path(author_slug: Option<&str>) -> String {
        author_slug.map_or_else(
            || "/".to_owned(),
            |slug| format!("/authors/{}", crate::list_state::encode(slug)),
        )
    }

    /// The in-app path of the post with this slug.
    pub fn post_path(slug: &str) -> String {
        format!("/posts/{slug}")
    }

    /// The in-app path of the page of the author with this name.
    pub fn author_path(name: &str) -> String {
        Self::list_path(Some(&crate::slug::author_slug(name)))
    }
}

/// The page number of a static list page's path, `/page/N` (as `folio build --pages`
/// writes them); the app reads it as `/?page=N`.
pub fn list_page_of_path(path: &str) -> Option<usize> {
    let number = path.trim_end_matches('/').strip_prefix("/page/")?;
    number
        .bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| number.parse().ok())
        .flatten()
        .filter(|&n| n >= 1)
}

/// Splits an address into its path and its query (without the `?`).
pub fn split_address(address: &str) -> (&str, &str) {
    match address.split_once('?') {
        Some((path, query)) => (path, query),
        None => (address, ""),
    }
}

/// The in-app address a location hash carries, or `None` when the hash is not Folio's:
/// `#/posts/x?q=a` gives `/posts/x?q=a`, while a host page's own anchors (`#contact`, or
/// an empty `#`) give `None`, so the archive stays where it is.
/// With several archives on a page, each reads its own slot: see [`crate::embed`].
pub fn address_from_hash(hash: &str) -> Option<&str> {
    crate::embed::slot_address(hash, "")
}

/// The in-app address a path carries under `base` (no trailing slash, `""` at the root),
/// or `None` when the path is outside the base.
pub fn address_from_path<'a>(base: &str, path: &'a str) -> Option<&'a str> {
    let rest = path.strip_prefix(base)?;
    if rest.is_empty() {
        Some("/")
    } else if rest.starts_with('/') {
        Some(rest)
    } else {
        None
    }
}

/// Decodes `application/x-www-form-urlencoded` text into pairs, in order: `+` is a space,
/// `%XX` a byte, and invalid escapes stay as they are written.
pub fn parse_query(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (key, value) = part.split_once('=').unwrap_or((part, ""));
            (decode_component(key), decode_component(value))
        })
        .collect()
}

fn decode_component(raw: &str) -> String {
    let spaced = raw.replace('+', " ");
    percent_decode(&spaced).unwrap_or(spaced)
}

/// Percent-decodes `raw`. Escapes that are not two hex digits stay as written; `None`
/// when the bytes decoded are not UTF-8.
pub fn percent_decode(raw: &str) -> Option<String> {
    if !raw.contains('%') {
        return Some(raw.to_owned());
    }
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        if let Some(byte) = escaped {
            out.push(byte);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routing_modes_parse_loosely_and_reject_others() {
        assert_eq!(RoutingMode::parse("hash"), Some(RoutingMode::Hash));
        assert_eq!(RoutingMode::parse(" PATH "), Some(RoutingMode::Path));
        assert_eq!(RoutingMode::parse("history"), None);
        assert_eq!(RoutingMode::parse(""), None);
    }

    #[test]
    fn page_sizes_must_be_whole_and_in_range() {
        assert_eq!(parse_page_size("10"), Some(10));
        assert_eq!(parse_page_size(" 25 "), Some(25));
        assert_eq!(parse_page_size("100"), Some(100));
        for bad in ["0", "101", "-3", "ten", "2.5", ""] {
            assert_eq!(parse_page_size(bad), None, "{bad}");
        }
    }

    #[test]
    fn paths_name_pages() {
        assert_eq!(Page::of_path("/"), Page::List);
        assert_eq!(Page::of_path(""), Page::List);
        assert_eq!(Page::of_path("/posts/a-b"), Page::Post("a-b".into()));
        assert_eq!(Page::of_path("/posts/a-b/"), Page::Post("a-b".into()));
        assert_eq!(
            Page::of_path("/posts/%D8%B3%D9%84%D8%A7%D9%85"),
            Page::Post("سلام".into())
        );
        assert_eq!(Page::of_path("/posts/"), Page::NotFound);
        for slug in ["a-b", "گزارش-سالانه-۱۴۰۲", "x_1"] {
            assert_eq!(
                Page::of_path(&Page::post_path(slug)),
                Page::Post(slug.into())
            );
        }
        assert_eq!(
            Page::of_path("/authors/ana-lima"),
            Page::Author("ana-lima".into())
        );
        assert_eq!(
            Page::of_path("/authors/ana-lima/"),
            Page::Author("ana-lima".into())
        );
        assert_eq!(
            Page::of_path("/authors/%D8%B3%D8%A7%D8%B1%D8%A7"),
            Page::Author("سارا".into())
        );
        assert_eq!(Page::of_path("/authors/"), Page::NotFound);
        assert_eq!(Page::of_path("/authors/a/b"), Page::NotFound);
        assert_eq!(Page::list_path(None), "/");
        assert_eq!(Page::list_path(Some("ana-lima")), "/authors/ana-lima");
        assert_eq!(Page::author_path("Ana Lima"), "/authors/ana-lima");
        // A name with nothing to slugify keeps itself, encoded, and reads back.
        let path = Page::author_path("?/");
        assert_eq!(path, "/authors/%3F%2F");
        assert_eq!(Page::of_path(&path), Page::Author("?/".into()));
        let persian = Page::author_path("سارا احمدی");
        assert_eq!(Page::of_path(&persian), Page::Author("سارا-احمدی".into()));
        assert_eq!(Page::of_path("/posts/a/b"), Page::NotFound);
        assert_eq!(Page::of_path("/about"), Page::NotFound);
        assert_eq!(Page::of_path("/page/3/"), Page::List);
        assert_eq!(list_page_of_path("/page/3/"), Some(3));
        assert_eq!(list_page_of_path("/page/0"), None);
        assert_eq!(list_page_of_path("/page/x"), None);
        assert_eq!(Page::of_path("/page/x"), Page::NotFound);
    }

    #[test]
    fn hashes_carry_addresses_and_leave_host_anchors_alone() {
        assert_eq!(address_from_hash(""), None);
        assert_eq!(address_from_hash("#"), None);
        assert_eq!(address_from_hash("#/"), Some("/"));
        assert_eq!(
            address_from_hash("#/posts/x?q=weir"),
            Some("/posts/x?q=weir")
        );
        assert_eq!(address_from_hash("#contact"), None);
        assert_eq!(address_from_hash("#top"), None);
    }

    #[test]
    fn paths_carry_addresses_under_their_base() {
        assert_eq!(address_from_path("", "/"), Some("/"));
        assert_eq!(address_from_path("", "/posts/x"), Some("/posts/x"));
        assert_eq!(address_from_path("/blog", "/blog"), Some("/"));
        assert_eq!(
            address_from_path("/blog", "/blog/posts/x"),
            Some("/posts/x")
        );
        assert_eq!(address_from_path("/blog", "/blogroll"), None);
        assert_eq!(address_from_path("/blog", "/about"), None);
    }

    #[test]
    fn addresses_split_at_the_first_question_mark() {
        assert_eq!(split_address("/posts/x?q=a?b"), ("/posts/x", "q=a?b"));
        assert_eq!(split_address("/"), ("/", ""));
    }

    #[test]
    fn queries_decode_like_a_browser() {
        assert_eq!(
            parse_query("q=river+weir&tag=flood%20plain&page=2"),
            vec![
                ("q".into(), "river weir".into()),
                ("tag".into(), "flood plain".into()),
                ("page".into(), "2".into()),
            ]
        );
        assert_eq!(
            parse_query("?q=%D8%A2%D8%A8&&flag"),
            vec![("q".into(), "آب".into()), ("flag".into(), String::new())]
        );
        // A stray percent sign stays; a broken UTF-8 sequence is left undecoded.
        assert_eq!(parse_query("q=100%"), vec![("q".into(), "100%".into())]);
        assert_eq!(parse_query("q=%ZZ"), vec![("q".into(), "%ZZ".into())]);
        assert_eq!(parse_query("q=%FF"), vec![("q".into(), "%FF".into())]);
        assert_eq!(parse_query("q=a%2Bb"), vec![("q".into(), "a+b".into())]);
    }

    #[test]
    fn written_queries_read_back() {
        use crate::list_state::ListState;
        let state = ListState::from_pairs([
            ("q", "\"spring flood\" weir & dam"),
            ("tag", "water+quality"),
            ("from", "2023-01-01"),
            ("page", "3"),
        ]);
        let pairs = parse_query(&state.to_query());
        let again = ListState::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        assert_eq!(again, state);
    }
}

//! Entry points for the fuzz targets in `fuzz/`, one per input a stranger controls.
//!
//! Each takes arbitrary bytes and must return without panicking, in time that grows
//! with the input. Where an input has a property that holds for every value, the entry
//! point asserts it, so the fuzzer finds wrong answers as well as crashes. The same
//! functions replay the committed corpus in `tests/fuzz_corpus.rs`, so `make test`
//! runs every input the fuzzer ever kept, on stable Rust.

use crate::markdown::Layout;
use crate::model::Collected;
use crate::Settings;
use folio_core::list_state::ListState;
use folio_core::route::{parse_query, Page};
use folio_core::search::SearchIndex;
use folio_core::slug::slugify;
use folio_core::text::{collapse_whitespace, excerpt, html_excerpt, html_to_text};
use folio_core::Archive;
use std::collections::HashSet;
use std::path::Path;

/// A fuzz target's body: takes any bytes, returns or panics.
pub type Target = fn(&[u8]);

/// The targets by name, as `fuzz/fuzz_targets/<name>.rs` and `fuzz/corpus/<name>/`
/// call them.
pub const TARGETS: &[(&str, Target)] = &[
    ("feed", feed),
    ("text", text),
    ("search", search),
    ("address", address),
    ("wxr", wxr),
    ("markdown", markdown),
    ("rss", rss),
    ("sanitize", sanitize),
];

fn lossy(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}

/// A JSON Feed as the reader loads it: parsed, normalized, indexed and searched.
///
/// # Panics
/// When a post's slug is empty, repeated, or not its own slug.
pub fn feed(data: &[u8]) {
    let Ok(archive) = Archive::from_json(&lossy(data)) else {
        return;
    };
    let mut slugs = HashSet::new();
    for post in &archive.posts {
        assert!(!post.slug.is_empty(), "a post without a slug");
        assert_eq!(slugify(&post.slug), post.slug, "a slug that is not a slug");
        assert!(slugs.insert(post.slug.as_str()), "slug {} twice", post.slug);
    }
    let index = SearchIndex::build(&archive);
    let words: Vec<String> = archive
        .posts
        .iter()
        .take(4)
        .filter_map(|p| p.title.as_deref())
        .chain(
            archive
                .posts
                .first()
                .and_then(|p| p.tags.first())
                .map(String::as_str),
        )
        .map(str::to_owned)
        .collect();
    for word in words {
        let found = index.search(&ListState::from_pairs([("q", word.as_str())]).filters());
        assert!(found.posts.iter().all(|&p| p < archive.posts.len()));
    }
}

/// HTML as the text extraction sees it: visible text, excerpts and slugs.
///
/// # Panics
/// When the excerpt read from HTML differs from the excerpt of the whole text, or a
/// slug or collapsed text is not stable.
pub fn text(data: &[u8]) {
    let html = lossy(data);
    let text = html_to_text(&html);
    assert!(!text.contains("  "), "a double space in {text:?}");
    assert_eq!(collapse_whitespace(&text), text);
    for words in [0, 1, 3, 55] {
        assert_eq!(html_excerpt(&html, words), excerpt(&text, words));
    }
    let slug = slugify(&html);
    assert_eq!(slugify(&slug), slug, "slugify is not stable on {html:?}");
}

/// What a reader types into the search box, over a small archive.
///
/// # Panics
/// When a result is out of range, or the highlighted pieces do not join back into
/// the text they came from.
pub fn search(data: &[u8]) {
    static SAMPLE: std::sync::OnceLock<(Archive, SearchIndex)> = std::sync::OnceLock::new();
    let (archive, index) = SAMPLE.get_or_init(|| {
        let archive = Archive::from_json(SEARCH_FEED).unwrap_or_default();
        let index = SearchIndex::build(&archive);
        (archive, index)
    });
    let typed = lossy(data);
    let filters = ListState::from_pairs([("q", typed.as_ref())]).filters();
    let found = index.search(&filters);
    assert!(found.posts.iter().all(|&p| p < archive.posts.len()));
    for &p in found.posts.iter().take(3) {
        let title = archive.posts[p].display_title();
        let joined: String = filters
            .query
            .segments(title)
            .iter()
            .map(|(piece, _)| *piece)
            .collect();
        assert_eq!(joined, title);
    }
}

/// A few posts with the shapes search treats differently: phrases, tags, authors,
/// accents, Persian, and no title.
const SEARCH_FEED: &str = r#"{"version":"https://jsonfeed.org/version/1.1","title":"Sample",
"items":[
{"id":"1","title":"The golden harbour at dawn","content_html":"<p>Fog over the <b>harbour</b>; ferries &amp; gulls.</p>","tags":["Harbour","Photos"],"authors":[{"name":"Ann Lee"}],"date_published":"2024-03-02T08:00:00Z"},
{"id":"2","title":"Café notes: crème brûlée","summary":"Über-long évening","tags":["Food"],"authors":[{"name":"Zoë"}],"date_published":"2023-12-31T23:59:00+03:30"},
{"id":"3","title":"گزارش رود و باران","content_text":"متن فارسی با نیم‌فاصله و اعداد ۱۴۰۲","language":"fa","date_published":"2023-08-30T10:00:00+03:30"},
{"id":"4","content_html":"<p>Untitled post about the harbour golden hour</p>","date_published":"2020-01-01T00:00:00Z"},
{"id":"5","title":"Weeknotes","content_html":"<ul><li>one</li><li>two</li></ul>","tags":["weeknotes"]}
]}"#;

/// An address a reader or a link can put in the location bar: the path and the query.
///
/// # Panics
/// When the list state does not come back the same from the query it writes.
pub fn address(data: &[u8]) {
    let address = lossy(data);
    let (path, query) = address.split_once('?').unwrap_or((&address, ""));
    let _ = Page::of_path(path);
    let pairs = parse_query(query);
    let state = ListState::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let written = state.to_query();
    let again_pairs = parse_query(&written);
    let again = ListState::from_pairs(again_pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    assert_eq!(again.to_query(), written, "the query does not round-trip");
}

/// A WordPress export (WXR).
pub fn wxr(data: &[u8]) {
    let mut out = Collected::default();
    let _ = crate::wxr::read(Path::new("fuzz.xml"), data, &Settings::default(), &mut out);
}

/// One Markdown file, front matter and body, as each generator's layout reads it.
pub fn markdown(data: &[u8]) {
    let text = lossy(data);
    for layout in [Layout::Hugo, Layout::Jekyll, Layout::Zola, Layout::Eleventy] {
        let _ = crate::markdown::read_text(
            Path::new("content/posts/2024-01-02-fuzz.md"),
            &text,
            layout,
            &Settings::default(),
        );
    }
}

/// An RSS or Atom document, and the same bytes as a JSON Feed read by the command.
pub fn rss(data: &[u8]) {
    let mut out = Collected::default();
    let _ = crate::feeds::read_xml(Path::new("fuzz.xml"), data, &Settings::default(), &mut out);
    let mut out = Collected::default();
    let _ = crate::feeds::read_json(
        Path::new("fuzz.json"),
        &lossy(data),
        &Settings::default(),
        &mut out,
    );
}

/// A post body through the static pages' sanitizer.
///
/// # Panics
/// When a script or frame element survives.
pub fn sanitize(data: &[u8]) {
    static SANITIZER: std::sync::OnceLock<crate::sanitize::Sanitizer> = std::sync::OnceLock::new();
    let sanitizer = SANITIZER.get_or_init(|| {
        crate::sanitize::Sanitizer::new(url::Url::parse("https://example.org/blog/").ok())
    });
    let clean = sanitizer.clean(&lossy(data)).to_ascii_lowercase();
    for element in ["<script", "<iframe", "<object", "<embed", "<style", "<form"] {
        assert!(!clean.contains(element), "{element} survived: {clean}");
    }
}

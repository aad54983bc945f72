//! Folio's pure core.
//!
//! Everything here is plain Rust with no browser types, so the native `cargo test`
//! covers it and a command-line tool can share it: reading a JSON Feed, turning it into
//! a sorted [`Archive`], slugs, dates, excerpts and text extraction.

mod archive;
mod date;
pub mod embed;
mod feed;
pub mod fold;
mod fold_table;
pub mod i18n;
mod lenient;
pub mod list_state;
pub mod query;
pub mod reading;
pub mod route;
pub mod sanitize_policy;
pub mod search;
pub mod shard;
pub mod slug;
pub mod text;
pub mod url_policy;

pub use archive::{Archive, Author, FeedReader, Post, EXCERPT_WORDS};
pub use date::{parse_date, Date, MONTH_NAMES};
pub use feed::{FeedError, JSON_FEED_VERSION_PREFIX};

/// Languages whose script is written right to left, by primary subtag.
const RTL_LANGUAGES: &[&str] = &[
    "ar", "arc", "ckb", "dv", "fa", "he", "khw", "ks", "ps", "sd", "ug", "ur", "yi",
];

/// True when a BCP 47 language tag (such as `fa-IR`) names a right-to-left language.
pub fn is_rtl_language(tag: &str) -> bool {
    let primary = tag.split(['-', '_']).next().unwrap_or_default();
    RTL_LANGUAGES
        .iter()
        .any(|rtl| rtl.eq_ignore_ascii_case(primary))
}

/// The HTML `dir` value for a language tag.
pub fn direction_of(tag: &str) -> &'static str {
    if is_rtl_language(tag) {
        "rtl"
    } else {
        "ltr"
    }
}

#[cfg(test)]
mod tests {
    use super::{direction_of, is_rtl_language};

    #[test]
    fn direction_follows_the_language() {
        assert_eq!(direction_of("fa"), "rtl");
        assert_eq!(direction_of("en-GB"), "ltr");
    }

    #[test]
    fn rtl_languages_are_recognised_by_primary_subtag() {
        assert!(is_rtl_language("fa"));
        assert!(is_rtl_language("fa-IR"));
        assert!(is_rtl_language("AR_eg"));
        assert!(!is_rtl_language("en-US"));
        assert!(!is_rtl_language("fr"));
        assert!(!is_rtl_language(""));
    }
}

//! The JSON Feed 1.1 document as it arrives, before normalization.
//!
//! Every field is optional and read leniently (see `lenient`): the spec's required
//! fields are checked by hand so that a reader gets a message that names the problem.

use crate::lenient::{object_list, opt_string, string_list, ObjectOrSkip};
use serde::Deserialize;
use serde_json::value::RawValue;
use thiserror::Error;

/// Every JSON Feed version URL starts with this.
pub const JSON_FEED_VERSION_PREFIX: &str = "https://jsonfeed.org/version/";

/// Why a document could not be read as a JSON Feed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FeedError {
    /// The server sent an HTML page where the feed should be, which is what a static
    /// host's fallback page looks like when the index file is missing.
    #[error("the server sent an HTML page instead of the JSON post index")]
    HtmlInsteadOfJson,
    /// The text is not valid JSON.
    #[error("the post index is not valid JSON: {message} at line {line}, column {column}")]
    InvalidJson {
        /// 1-based line of the first error.
        line: usize,
        /// 1-based column of the first error.
        column: usize,
        /// What the parser found there.
        message: String,
    },
    /// Valid JSON, but not a JSON Feed.
    #[error("the post index is not a JSON Feed: {0}")]
    NotJsonFeed(String),
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct RawFeed {
    #[serde(default, deserialize_with = "opt_string")]
    pub version: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub title: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub home_page_url: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub description: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub icon: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub favicon: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub language: Option<String>,
    #[serde(default, deserialize_with = "object_list")]
    pub authors: Vec<RawAuthor>,
    /// JSON Feed 1.0's single author.
    #[serde(default)]
    pub author: Option<ObjectOrSkip<RawAuthor>>,
    /// `None` when absent; a non-list value is an error the caller reports.
    #[serde(default)]
    pub items: Option<RawItems>,
}

/// The `items` member: each entry as its JSON text, read one at a time later (see
/// [`parse_item`]), or a marker that the member had the wrong type.
#[derive(Debug)]
pub(crate) enum RawItems {
    List(Vec<Box<RawValue>>),
    NotAList,
}

impl<'de> Deserialize<'de> for RawItems {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ItemsVisitor)
    }
}

struct ItemsVisitor;

impl<'de> serde::de::Visitor<'de> for ItemsVisitor {
    type Value = RawItems;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of items")
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<RawItems, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element::<Box<RawValue>>()? {
            items.push(item);
        }
        Ok(RawItems::List(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<RawItems, A::Error> {
        while map
            .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
            .is_some()
        {}
        Ok(RawItems::NotAList)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<RawItems, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<RawItems, E> {
        Ok(RawItems::NotAList)
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<RawItems, E> {
        Ok(RawItems::NotAList)
    }
    fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<RawItems, E> {
        Ok(RawItems::NotAList)
    }
    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<RawItems, E> {
        Ok(RawItems::NotAList)
    }
    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<RawItems, E> {
        Ok(RawItems::NotAList)
    }
    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<RawItems, E> {
        Ok(RawItems::NotAList)
    }
    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<RawItems, E> {
        Ok(RawItems::NotAList)
    }
}

/// One entry of `items`: the item when it is an object, read leniently (a repeated key
/// keeps its last value), else `None`.
pub(crate) fn parse_item(raw: &RawValue) -> Option<RawItem> {
    match serde_json::from_str::<ObjectOrSkip<RawItem>>(raw.get()) {
        Ok(ObjectOrSkip(item)) => item,
        // The text is valid JSON (the document was read whole), so this is a repeated
        // key, which serde's derived readers refuse.
        Err(_) => without_repeated_keys::<RawItem>(raw.get()).ok(),
    }
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct RawAuthor {
    #[serde(default, deserialize_with = "opt_string")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub url: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub avatar: Option<String>,
    #[serde(default, rename = "_folio")]
    pub folio: Option<ObjectOrSkip<RawAuthorExtension>>,
}

/// `_folio` inside an author object.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct RawAuthorExtension {
    #[serde(default, deserialize_with = "opt_string")]
    pub bio: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub email: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct RawItem {
    #[serde(default, deserialize_with = "opt_string")]
    pub id: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub url: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub external_url: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub title: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub content_html: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub content_text: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub summary: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub image: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub date_published: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub date_modified: Option<String>,
    #[serde(default, deserialize_with = "object_list")]
    pub authors: Vec<RawAuthor>,
    #[serde(default)]
    pub author: Option<ObjectOrSkip<RawAuthor>>,
    #[serde(default, deserialize_with = "string_list")]
    pub tags: Vec<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub language: Option<String>,
    #[serde(default, rename = "_folio")]
    pub folio: Option<ObjectOrSkip<RawItemExtension>>,
}

/// `_folio` inside an item.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct RawItemExtension {
    #[serde(default, deserialize_with = "opt_string")]
    pub slug: Option<String>,
    #[serde(default, deserialize_with = "string_list")]
    pub categories: Vec<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub content_url: Option<String>,
}

/// Parses the text of a feed and checks that it is a JSON Feed.
pub(crate) fn parse(text: &str) -> Result<(RawFeed, Vec<Box<RawValue>>), FeedError> {
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('<') {
        return Err(FeedError::HtmlInsteadOfJson);
    }
    // Lines skipped before the document, so positions count from the file's start.
    let skipped = &text[..text.len() - trimmed.len()];
    let skipped_lines = skipped.matches('\n').count();
    let skipped_columns = skipped
        .rsplit('\n')
        .next()
        .map_or(0, |l| l.trim_start_matches('\u{feff}').chars().count());
    if trimmed.starts_with('[') {
        // serde would read a list as the struct's fields in order.
        return Err(FeedError::NotJsonFeed(
            "the document is a list, not a JSON object".into(),
        ));
    }
    let mut feed: RawFeed = match serde_json::from_str(trimmed) {
        Ok(feed) => feed,
        Err(err) if err.is_data() => without_repeated_keys(trimmed)?,
        Err(err) => {
            return Err(FeedError::InvalidJson {
                line: err.line() + skipped_lines,
                column: if err.line() == 1 {
                    err.column() + skipped_columns
                } else {
                    err.column()
                },
                message: if err.is_eof() {
                    "the text ends part-way through, as a file cut off in transfer does".into()
                } else {
                    describe_json_error(&err)
                },
            })
        }
    };
    match feed.version.as_deref() {
        Some(v)
            if v.starts_with(JSON_FEED_VERSION_PREFIX)
                || v.starts_with("http://jsonfeed.org/version/") => {}
        Some(other) => {
            return Err(FeedError::NotJsonFeed(format!(
                "its \"version\" is \"{other}\", not a jsonfeed.org version URL"
            )))
        }
        None => {
            return Err(FeedError::NotJsonFeed(
                "it has no \"version\" member".into(),
            ))
        }
    }
    match feed.items.take() {
        Some(RawItems::List(items)) => Ok((feed, items)),
        Some(RawItems::NotAList) => Err(FeedError::NotJsonFeed(
            "its \"items\" member is not a list".into(),
        )),
        None => Err(FeedError::NotJsonFeed("it has no \"items\" list".into())),
    }
}

/// Reads a document that is valid JSON but did not fit the feed's shape. Every field is
/// read leniently, so that happens only when the document is not an object or when an
/// object repeats a key, which serde's derived readers refuse. JSON.parse keeps the last
/// value of a repeated key; reading the document as a plain JSON value does the same,
/// and writing that back out gives a text without repeats. This is the rare path, so it
/// may cost a second parse.
fn without_repeated_keys<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, FeedError> {
    let not_an_object = || FeedError::NotJsonFeed("the document is not a JSON object".into());
    let value: serde_json::Value = serde_json::from_str(text).map_err(|_| not_an_object())?;
    if !value.is_object() {
        return Err(not_an_object());
    }
    let text = serde_json::to_string(&value).map_err(|_| not_an_object())?;
    serde_json::from_str(&text).map_err(|err| FeedError::NotJsonFeed(describe_json_error(&err)))
}

/// `serde_json`'s message without its trailing " at line L column C", which the error
/// variant carries separately.
fn describe_json_error(err: &serde_json::Error) -> String {
    let full = err.to_string();
    match full.rfind(" at line ") {
        Some(pos) => full[..pos].to_owned(),
        None => full,
    }
}

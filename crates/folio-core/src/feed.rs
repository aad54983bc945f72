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
/// value of a repeated key; [`last_wins`] writes the text again that way. This is the
/// rare path, so it may cost a second parse.
fn without_repeated_keys<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, FeedError> {
    let not_an_object = || FeedError::NotJsonFeed("the document is not a JSON object".into());
    if !text.trim_start().starts_with('{') {
        return Err(not_an_object());
    }
    let text = last_wins(text).ok_or_else(not_an_object)?;
    serde_json::from_str(&text).map_err(|err| FeedError::NotJsonFeed(describe_json_error(&err)))
}

/// `text`, valid JSON, written again with each object's repeated keys left out but the
/// last, at every depth, as JSON.parse reads them. Values other than objects and lists
/// are copied as they are. (Reading into `serde_json::Value` and writing it out did the
/// same, and cost 4.7 KB of wasm for a path most feeds never take.)
fn last_wins(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    match text.trim_start().as_bytes().first() {
        Some(b'{') => {
            let Entries(entries) = serde_json::from_str(text).ok()?;
            out.push('{');
            let kept = entries
                .iter()
                .enumerate()
                .filter(|(i, (key, _))| !entries[i + 1..].iter().any(|(later, _)| later == key));
            for (n, (_, (key, value))) in kept.enumerate() {
                if n > 0 {
                    out.push(',');
                }
                push_json_string(&mut out, key);
                out.push(':');
                out.push_str(&last_wins(value.get())?);
            }
            out.push('}');
        }
        Some(b'[') => {
            let items: Vec<&RawValue> = serde_json::from_str(text).ok()?;
            out.push('[');
            for (n, item) in items.iter().enumerate() {
                if n > 0 {
                    out.push(',');
                }
                out.push_str(&last_wins(item.get())?);
            }
            out.push(']');
        }
        _ => out.push_str(text),
    }
    Some(out)
}

/// An object's members in order, repeats included, each value as its raw text.
struct Entries<'a>(Vec<(String, &'a RawValue)>);

impl<'de> Deserialize<'de> for Entries<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Members;
        impl<'de> serde::de::Visitor<'de> for Members {
            type Value = Entries<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                let mut members = Vec::new();
                while let Some(member) = map.next_entry::<String, &'de RawValue>()? {
                    members.push(member);
                }
                Ok(Entries(members))
            }
        }
        deserializer.deserialize_map(Members)
    }
}

/// Writes `text` as a JSON string: quoted, with quotes, backslashes and control
/// characters escaped.
fn push_json_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if u32::from(c) < 0x20 => {
                out.push_str("\\u00");
                // A control character is a single byte.
                crate::list_state::push_hex(out, u8::try_from(c).unwrap_or_default());
            }
            c => out.push(c),
        }
    }
    out.push('"');
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

#[cfg(test)]
mod tests {
    use super::last_wins;

    #[test]
    fn repeated_keys_keep_their_last_value_at_every_depth() {
        let text = r#"{"a": 1, "b": {"x": [1, {"y": 1, "y": 2}], "x": "late"}, "a": [true, null]}"#;
        assert_eq!(
            last_wins(text).as_deref(),
            Some(r#"{"b":{"x":"late"},"a":[true,null]}"#)
        );
        let nested = r#"[{"k": 1, "k": 2}, "s", 3.5]"#;
        assert_eq!(last_wins(nested).as_deref(), Some(r#"[{"k":2},"s",3.5]"#));
    }

    #[test]
    fn keys_are_written_back_escaped_and_read_the_same() {
        let text = "{\"q\\\"uote\": 1, \"back\\\\slash\": 2, \"tab\\t\": 3, \"q\\\"uote\": 4}";
        let written = last_wins(text).expect("valid JSON");
        let again: std::collections::BTreeMap<String, i32> =
            serde_json::from_str(&written).expect("written back as valid JSON");
        assert_eq!(again["q\"uote"], 4);
        assert_eq!(again["back\\slash"], 2);
        assert_eq!(again["tab\t"], 3);
        assert_eq!(again.len(), 3);
    }
}

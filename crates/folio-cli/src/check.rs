//! `folio check`: reads an index with the reader's own code and reports, with a line
//! and column, everything the reader will repair or drop.

use crate::location::locate_in;
use folio_core::slug::{derive_slug, slugify};
use folio_core::text::html_to_text;
use folio_core::url_policy::{contact_email, is_safe_image, is_safe_link};
use folio_core::{parse_date, Archive, FeedError};
use serde_json::value::RawValue;
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;
use std::process::ExitCode;

/// One finding: where it is (a byte offset in the file) and what the reader does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub offset: u64,
    pub message: String,
}

pub fn run(path: &Path, quiet: bool) -> ExitCode {
    let text = match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(err) => {
                let offset = err.utf8_error().valid_up_to() as u64;
                let (line, column) = locate_in(err.as_bytes(), &[offset])[0];
                eprintln!(
                    "{}:{line}:{column}: the file is not UTF-8 text, which JSON must be",
                    path.display()
                );
                return ExitCode::from(2);
            }
        },
        Err(err) => {
            eprintln!("{}: cannot read: {err}", path.display());
            return ExitCode::from(2);
        }
    };
    let archive = match Archive::from_json(&text) {
        Ok(archive) => archive,
        Err(FeedError::InvalidJson {
            line,
            column,
            message,
        }) => {
            eprintln!(
                "{}:{line}:{column}: not valid JSON: {message}",
                path.display()
            );
            return ExitCode::from(2);
        }
        Err(err) => {
            eprintln!(
                "{}:1:1: the reader cannot show this file: {err}",
                path.display()
            );
            return ExitCode::from(2);
        }
    };
    let findings = inspect(&text, &archive);
    let offsets: Vec<u64> = findings.iter().map(|f| f.offset).collect();
    let places = locate_in(text.as_bytes(), &offsets);
    if !quiet {
        for (finding, (line, column)) in findings.iter().zip(places) {
            println!("{}:{line}:{column}: {}", path.display(), finding.message);
        }
    }
    let verdict = if findings.is_empty() {
        "the reader will show everything as it is".to_owned()
    } else {
        format!("{} problems the reader will repair or drop", findings.len())
    };
    println!(
        "{}: {} posts; {verdict}",
        path.display(),
        archive.posts.len()
    );
    if findings.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// The members of one JSON object, each with its raw text (and so its place).
type Members<'a> = HashMap<String, &'a RawValue>;

fn members(raw: &RawValue) -> Option<Members<'_>> {
    serde_json::from_str(raw.get()).ok()
}

fn offset(text: &str, raw: &RawValue) -> u64 {
    crate::feeds::offset_in(text, raw.get())
}

/// A member's value as a trimmed, non-empty string; a number counts as its text, as
/// the reader reads it.
fn string(members: &Members, key: &str) -> Option<String> {
    let value = members
        .get(key)
        .and_then(|raw| serde_json::from_str::<Value>(raw.get()).ok())?;
    match value {
        Value::String(s) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Everything in the file that the reader will not show as written.
pub fn inspect(text: &str, archive: &Archive) -> Vec<Finding> {
    let mut findings = Vec::new();
    let Ok(top) = serde_json::from_str::<Members>(text.trim_start_matches('\u{feff}')) else {
        return findings;
    };
    let mut note = |offset: u64, message: String| findings.push(Finding { offset, message });
    let top_offset = |key: &str| top.get(key).map_or(0, |raw| offset(text, raw));

    if string(&top, "title").is_none_or(|t| html_to_text(&t).is_empty()) {
        note(
            0,
            "the feed has no \"title\"; the archive is called \"Archive\"".into(),
        );
    }
    for (key, safe) in [
        ("home_page_url", is_safe_link as fn(&str) -> bool),
        ("icon", is_safe_image),
        ("favicon", is_safe_image),
    ] {
        if let Some(url) = string(&top, key) {
            if !safe(&url) {
                note(
                    top_offset(key),
                    format!("unsafe URL in \"{key}\" (\"{}\") is dropped", shorten(&url)),
                );
            }
        }
    }
    if let Some(authors) = top.get("authors") {
        check_authors(text, authors, &mut note);
    } else if let Some(author) = top.get("author") {
        check_author(text, author, &mut note);
    }

    let slugs: HashMap<&str, &str> = archive
        .posts
        .iter()
        .map(|p| (p.id.as_str(), p.slug.as_str()))
        .collect();
    let Some(items) = top
        .get("items")
        .and_then(|raw| serde_json::from_str::<Vec<&RawValue>>(raw.get()).ok())
    else {
        return findings;
    };
    let mut first_seen: HashMap<String, u64> = HashMap::new();
    let mut repeats: Vec<(u64, u64, String)> = Vec::new();
    let mut object_index = 0;
    for raw in items {
        let at = offset(text, raw);
        let Some(item) = members(raw) else {
            note(at, "an item that is not an object is dropped".into());
            continue;
        };
        object_index += 1;
        let field_at = |key: &str| item.get(key).map_or(at, |r| offset(text, r));
        let url = string(&item, "url");
        let id = match string(&item, "id") {
            Some(id) => id,
            None => {
                let stand_in = url
                    .clone()
                    .unwrap_or_else(|| format!("item-{object_index}"));
                note(
                    at,
                    format!(
                        "the item has no \"id\"; the reader uses \"{}\"",
                        shorten(&stand_in)
                    ),
                );
                stand_in
            }
        };
        if let Some(&earlier) = first_seen.get(&id) {
            repeats.push((at, earlier, id));
            continue;
        }
        first_seen.insert(id.clone(), at);

        let title = string(&item, "title")
            .map(|t| html_to_text(&t))
            .filter(|t| !t.is_empty());
        if title.is_none() {
            note(
                field_at("title"),
                "the item has no \"title\"; it is shown as \"Untitled\"".into(),
            );
        }
        match (item.get("date_published"), string(&item, "date_published")) {
            (None, _) => note(at, "the item has no \"date_published\"; it is shown undated, after every dated post".into()),
            (Some(_), Some(date)) if parse_date(&date).is_some() => {}
            (Some(raw), value) => note(
                offset(text, raw),
                format!(
                    "\"date_published\" {} is not an RFC 3339 date such as 2024-08-08T16:20:00+01:00; the post is shown undated",
                    value.map_or_else(|| raw.get().to_owned(), |v| format!("\"{}\"", shorten(&v)))
                ),
            ),
        }
        if let Some(raw) = item.get("date_modified") {
            if string(&item, "date_modified")
                .and_then(|d| parse_date(&d))
                .is_none()
            {
                note(
                    offset(text, raw),
                    "\"date_modified\" is not an RFC 3339 date; it is ignored".into(),
                );
            }
        }
        let extension = item.get("_folio").and_then(|raw| members(raw));
        let content_url = extension.as_ref().and_then(|e| string(e, "content_url"));
        if string(&item, "content_html").is_none()
            && string(&item, "content_text").is_none()
            && content_url.is_none()
        {
            note(at, "the item has no \"content_html\", \"content_text\" or \"_folio.content_url\"; the post has no body".into());
        }
        for (key, safe) in [
            ("url", is_safe_link as fn(&str) -> bool),
            ("external_url", is_safe_link),
            ("image", is_safe_image),
        ] {
            if let Some(value) = string(&item, key) {
                if !safe(&value) {
                    note(
                        field_at(key),
                        format!(
                            "unsafe URL in \"{key}\" (\"{}\") is dropped",
                            shorten(&value)
                        ),
                    );
                }
            }
        }
        if let (Some(value), Some(ext)) = (&content_url, &extension) {
            if !is_safe_link(value) {
                let place = ext.get("content_url").map_or(at, |r| offset(text, r));
                note(
                    place,
                    format!(
                        "unsafe URL in \"_folio.content_url\" (\"{}\") is dropped",
                        shorten(value)
                    ),
                );
            }
        }
        if let Some(raw) = item.get("tags") {
            let value: Value = serde_json::from_str(raw.get()).unwrap_or(Value::Null);
            if !(value.is_array() || value.is_string()) {
                note(
                    offset(text, raw),
                    "\"tags\" is neither a list nor a string; it is ignored".into(),
                );
            }
        }
        if let Some(authors) = item.get("authors") {
            check_authors(text, authors, &mut note);
        } else if let Some(author) = item.get("author") {
            check_author(text, author, &mut note);
        }

        let explicit = extension
            .as_ref()
            .and_then(|e| string(e, "slug"))
            .map(|s| slugify(&s))
            .filter(|s| !s.is_empty());
        let wanted = explicit
            .clone()
            .unwrap_or_else(|| derive_slug(title.as_deref(), url.as_deref(), &id));
        let wanted = if wanted.is_empty() {
            "post".to_owned()
        } else {
            wanted
        };
        if let Some(&given) = slugs.get(id.as_str()) {
            if given != wanted {
                let place = extension
                    .as_ref()
                    .and_then(|e| e.get("slug"))
                    .map_or(at, |r| offset(text, r));
                note(place, format!("the slug \"{wanted}\" is taken by another post; this one is at /posts/{given}"));
            }
        }
    }
    // Where each repeated id was first seen, located in one pass over the file.
    let earlier: Vec<u64> = repeats.iter().map(|r| r.1).collect();
    for ((at, _, id), (line, column)) in repeats.iter().zip(locate_in(text.as_bytes(), &earlier)) {
        note(
            *at,
            format!(
                "the id \"{}\" repeats the item at {line}:{column}; this item is dropped",
                shorten(id)
            ),
        );
    }
    findings.sort_by_key(|f| f.offset);
    findings
}

fn check_authors(text: &str, authors: &RawValue, note: &mut impl FnMut(u64, String)) {
    let Ok(list) = serde_json::from_str::<Vec<&RawValue>>(authors.get()) else {
        note(
            offset(text, authors),
            "\"authors\" is not a list; it is ignored".into(),
        );
        return;
    };
    for raw in list {
        check_author(text, raw, note);
    }
}

/// One author object (JSON Feed 1.1's list entries, or 1.0's single `author`).
fn check_author(text: &str, raw: &RawValue, note: &mut impl FnMut(u64, String)) {
    {
        let Some(author) = members(raw) else {
            return;
        };
        if string(&author, "name").is_none() && string(&author, "url").is_none() {
            note(
                offset(text, raw),
                "an author with neither \"name\" nor \"url\" is skipped".into(),
            );
        }
        for (key, safe) in [
            ("url", is_safe_link as fn(&str) -> bool),
            ("avatar", is_safe_image),
        ] {
            if let Some(value) = string(&author, key) {
                if !safe(&value) {
                    let place = author.get(key).map_or(0, |r| offset(text, r));
                    note(
                        place,
                        format!(
                            "unsafe URL in the author's \"{key}\" (\"{}\") is dropped",
                            shorten(&value)
                        ),
                    );
                }
            }
        }
        let extension = author.get("_folio").and_then(|raw| members(raw));
        let email = extension
            .as_ref()
            .and_then(|e| Some((e.get("email")?, string(e, "email")?)));
        if let Some((raw, email)) = email {
            if contact_email(&email).is_none() {
                note(
                    offset(text, raw),
                    format!(
                        "the author's \"_folio.email\" (\"{}\") is not one plain address; it is dropped",
                        shorten(&email)
                    ),
                );
            }
        }
    }
}

fn shorten(text: &str) -> String {
    if text.chars().count() > 60 {
        let cut: String = text.chars().take(57).collect();
        format!("{cut}…")
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn findings(text: &str) -> Vec<(usize, usize, String)> {
        let archive = Archive::from_json(text).expect("readable");
        let found = inspect(text, &archive);
        let offsets: Vec<u64> = found.iter().map(|f| f.offset).collect();
        locate_in(text.as_bytes(), &offsets)
            .into_iter()
            .zip(found)
            .map(|((l, c), f)| (l, c, f.message))
            .collect()
    }

    #[test]
    fn a_clean_feed_has_no_findings() {
        let text = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": [
{"id": "1", "title": "A", "content_html": "<p>x</p>", "date_published": "2024-01-01T00:00:00Z"}
]}"#;
        assert!(findings(text).is_empty(), "{:?}", findings(text));
    }

    #[test]
    fn every_repair_is_reported_at_its_place() {
        let text = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": [
{"id": "1", "title": "Same", "content_html": "x", "date_published": "2024-01-01T00:00:00Z"},
{"id": "2", "title": "Same", "content_html": "x", "date_published": "2024-02-01T00:00:00Z"},
{"id": "1", "title": "Again", "content_html": "x", "date_published": "2024-03-01T00:00:00Z"},
{"id": "3", "content_html": "x", "date_published": "yesterday", "url": "javascript:alert(1)"},
"not an object"
]}"#;
        let found = findings(text);
        let messages: Vec<&str> = found.iter().map(|(_, _, m)| m.as_str()).collect();
        assert!(
            found.iter().any(|(l, _, m)| *l == 3
                && m.contains("\"same\" is taken")
                && m.contains("/posts/same-2")),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|(l, c, m)| *l == 4 && *c == 1 && m.contains("repeats the item at 2:1")),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|(l, _, m)| *l == 5 && m.contains("\"Untitled\"")),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|(l, _, m)| *l == 5 && m.contains("\"yesterday\" is not an RFC 3339 date")),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|(l, _, m)| *l == 5 && m.contains("unsafe URL in \"url\"")),
            "{found:?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("not an object")),
            "{found:?}"
        );
        assert_eq!(found.len(), 6, "{found:?}");
    }

    #[test]
    fn an_author_email_that_is_not_one_plain_address_is_reported() {
        let text = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "T",
"authors": [{"name": "A", "_folio": {"email": "MAILTO:a@example.org"}},
{"name": "B", "_folio": {"email": "b@example.org?bcc=all@example.org"}}],
"items": []}"#;
        let found = findings(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].0 == 3 && found[0].2.contains("not one plain address"),
            "{found:?}"
        );
    }
}

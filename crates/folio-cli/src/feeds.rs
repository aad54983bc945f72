//! RSS 2.0 (and 1.0), Atom, and JSON Feed 1.0/1.1 files.

use crate::model::{AuthorInfo, Collected, Entry, Source};
use crate::xml::{self, escape_text, Node};
use crate::{dates, Settings};
use folio_core::text::html_to_text;
use serde_json::Value;
use std::io::BufRead;
use std::path::Path;

/// Reads an RSS or Atom document.
pub fn read_xml<R: BufRead>(
    path: &Path,
    source: R,
    settings: &Settings,
    out: &mut Collected,
) -> Result<(), xml::XmlError> {
    let atom = std::cell::Cell::new(false);
    let mut feed_authors: Vec<String> = Vec::new();
    xml::walk(
        source,
        |root| {
            atom.set(root.name == "feed" || root.name.ends_with(":feed"));
            true
        },
        |node| {
            if atom.get() {
                atom_record(path, &node, settings, &mut feed_authors, out);
            } else {
                rss_record(path, &node, settings, out);
            }
        },
    )
}

fn text_of(node: Option<&Node>) -> Option<String> {
    node.map(|n| n.text().trim().to_owned())
        .filter(|t| !t.is_empty())
}

fn rss_record(path: &Path, node: &Node, settings: &Settings, out: &mut Collected) {
    match node.local_name() {
        "title" => fill(
            &mut out.site.title,
            text_of(Some(node)).map(|t| html_to_text(&t)),
        ),
        "description" => fill(
            &mut out.site.description,
            text_of(Some(node)).map(|t| html_to_text(&t)),
        ),
        "link" if node.name == "link" => fill(&mut out.site.home_page_url, text_of(Some(node))),
        "language" => fill(&mut out.site.language, text_of(Some(node))),
        "image" => fill(&mut out.site.icon, node.child_text("url")),
        // RSS 1.0 keeps the channel's fields inside <channel>, beside the items.
        "channel" => {
            for child in node.elements() {
                if child.local_name() != "items" {
                    rss_record(path, child, settings, out);
                }
            }
        }
        "item" => {
            let source = Source::at(path, node.offset);
            // An export read as RSS (`--from rss`) must still never publish what
            // WordPress keeps private.
            let status = node.child_text("wp:status");
            let kind = node.child_text("wp:post_type");
            if let Some(reason) = kind
                .filter(|k| k != "post")
                .or(status.filter(|s| s != "publish"))
            {
                out.skip(&reason);
                return;
            }
            if node.child_text("wp:post_password").is_some() {
                out.skip("password-protected");
                return;
            }
            let entry = rss_item(node, settings, source, out);
            out.add(entry);
        }
        _ => {}
    }
}

fn fill(slot: &mut Option<String>, value: Option<String>) {
    if slot.is_none() {
        *slot = value;
    }
}

fn rss_item(node: &Node, settings: &Settings, source: Source, out: &mut Collected) -> Entry {
    let content = node.child_text("content:encoded");
    let description = node.child_text("description");
    let (content_html, summary) = match (content, description) {
        (Some(c), d) => (Some(c), d.map(|d| html_to_text(&d))),
        (None, d) => (d, None),
    };
    let date_text = node
        .child_text("pubDate")
        .or_else(|| node.child_text("dc:date"))
        .or_else(|| node.child_text("a10:updated"));
    let published = read_date(date_text.as_deref(), settings, &source, out);
    let mut authors = Vec::new();
    for creator in node.all("dc:creator") {
        let name = creator.text().trim().to_owned();
        if !name.is_empty() {
            authors.push(name);
        }
    }
    if let Some(author) = node.child_text("author") {
        // "mail@example.org (Name)", or a bare name.
        let name = match (author.find('('), author.rfind(')')) {
            (Some(a), Some(b)) if b > a => author[a + 1..b].trim().to_owned(),
            _ if author.contains('@') => String::new(),
            _ => author.clone(),
        };
        if !name.is_empty() && !authors.contains(&name) {
            authors.push(name);
        }
    }
    for name in &authors {
        out.describe_author(AuthorInfo::named(name));
    }
    let tags = node
        .all("category")
        .map(|c| html_to_text(&c.text()))
        .filter(|t| !t.is_empty())
        .fold(Vec::new(), |mut acc: Vec<String>, t| {
            if !acc.contains(&t) {
                acc.push(t);
            }
            acc
        });
    let link = node.child_text("link");
    let guid = node.child_text("guid");
    let image = node
        .all("media:content")
        .chain(node.all("media:thumbnail"))
        .chain(
            node.all("enclosure")
                .filter(|e| e.attr("type").is_some_and(|t| t.starts_with("image/"))),
        )
        .find_map(|m| m.attr("url").map(str::to_owned));
    let teaser = content_html
        .as_deref()
        .and_then(|c| crate::wxr::split_more(c).0)
        .map(str::to_owned);
    Entry {
        id: guid.or_else(|| link.clone()),
        url: link,
        title: node.child_text("title"),
        content_html,
        summary,
        teaser_html: teaser,
        image,
        published,
        modified: node
            .child_text("atom:updated")
            .and_then(|d| dates::flexible(&d, None)),
        authors,
        tags,
        source,
        ..Entry::default()
    }
}

/// Atom text constructs: `type="text"` is plain (escaped for the index), `html` is
/// markup as a string, `xhtml` is markup inline.
fn atom_text(node: Option<&Node>) -> Option<String> {
    let node = node?;
    let value = match node.attr("type") {
        Some("xhtml") => node.inner_markup(),
        Some("html" | "text/html") => node.text(),
        _ => escape_text(&node.text()),
    };
    let value = value.trim().to_owned();
    (!value.is_empty()).then_some(value)
}

fn atom_record(
    path: &Path,
    node: &Node,
    settings: &Settings,
    feed_authors: &mut Vec<String>,
    out: &mut Collected,
) {
    match node.local_name() {
        "title" => fill(
            &mut out.site.title,
            atom_text(Some(node)).map(|t| html_to_text(&t)),
        ),
        "subtitle" => fill(
            &mut out.site.description,
            atom_text(Some(node)).map(|t| html_to_text(&t)),
        ),
        "link" if node.attr("rel").unwrap_or("alternate") == "alternate" => {
            fill(
                &mut out.site.home_page_url,
                node.attr("href").map(str::to_owned),
            );
        }
        "icon" => fill(&mut out.site.favicon, text_of(Some(node))),
        "logo" => fill(&mut out.site.icon, text_of(Some(node))),
        "author" => {
            if let Some(info) = atom_author(node) {
                feed_authors.push(info.name.clone());
                out.describe_author(info);
            }
        }
        "entry" => {
            let source = Source::at(path, node.offset);
            let mut entry = atom_entry(node, settings, source, out);
            if entry.authors.is_empty() {
                entry.authors.clone_from(feed_authors);
            }
            out.add(entry);
        }
        _ => {}
    }
}

fn atom_author(node: &Node) -> Option<AuthorInfo> {
    let name = node
        .elements()
        .find(|e| e.local_name() == "name")
        .and_then(|n| text_of(Some(n)))?;
    let url = node
        .elements()
        .find(|e| e.local_name() == "uri")
        .and_then(|n| text_of(Some(n)));
    Some(AuthorInfo {
        name,
        url,
        ..AuthorInfo::default()
    })
}

fn atom_entry(node: &Node, settings: &Settings, source: Source, out: &mut Collected) -> Entry {
    let child = |name: &str| node.elements().find(|e| e.local_name() == name);
    let link = node
        .elements()
        .filter(|e| e.local_name() == "link")
        .find(|l| l.attr("rel").unwrap_or("alternate") == "alternate")
        .and_then(|l| l.attr("href").map(str::to_owned));
    let date_text = text_of(child("published")).or_else(|| text_of(child("updated")));
    let published = read_date(date_text.as_deref(), settings, &source, out);
    let mut authors = Vec::new();
    for author in node.elements().filter(|e| e.local_name() == "author") {
        if let Some(info) = atom_author(author) {
            authors.push(info.name.clone());
            out.describe_author(info);
        }
    }
    let tags = node
        .elements()
        .filter(|e| e.local_name() == "category")
        .filter_map(|c| c.attr("label").or(c.attr("term")).map(str::to_owned))
        .filter(|t| !t.trim().is_empty())
        .collect();
    let content_html = atom_text(child("content"));
    let teaser = content_html
        .as_deref()
        .and_then(|c| crate::wxr::split_more(c).0)
        .map(str::to_owned);
    Entry {
        id: text_of(child("id")).or_else(|| link.clone()),
        url: link,
        title: atom_text(child("title")),
        content_html,
        summary: atom_text(child("summary")).map(|s| html_to_text(&s)),
        teaser_html: teaser,
        published,
        modified: text_of(child("updated")).and_then(|d| dates::flexible(&d, None)),
        authors,
        tags,
        language: node.attr("xml:lang").map(str::to_owned),
        source,
        ..Entry::default()
    }
}

/// Reads a JSON Feed (1.0 or 1.1), keeping Folio's `_folio` members.
pub fn read_json(
    path: &Path,
    text: &str,
    settings: &Settings,
    out: &mut Collected,
) -> Result<(), String> {
    use serde_json::value::RawValue;
    let text = text.trim_start_matches('\u{feff}');
    // One pass: the feed's own members as values, its items kept as raw text (with
    // their places in the file) and read one at a time.
    let top: std::collections::HashMap<String, &RawValue> =
        serde_json::from_str(text).map_err(|e| {
            format!(
                "{}:{}:{}: not valid JSON: {}",
                path.display(),
                e.line(),
                e.column(),
                strip_position(&e)
            )
        })?;
    let feed: Value = Value::Object(
        top.iter()
            .filter(|(key, _)| key.as_str() != "items")
            .filter_map(|(key, raw)| Some((key.clone(), serde_json::from_str(raw.get()).ok()?)))
            .collect(),
    );
    // As the reader reads them: a number where a string belongs counts as its text.
    let str_of = |v: Option<&Value>| match v {
        Some(Value::String(s)) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let version = str_of(feed.get("version")).unwrap_or_default();
    if !version.contains("jsonfeed.org/version/") {
        return Err(format!(
            "{}: a JSON file, but not a JSON Feed (no jsonfeed.org \"version\")",
            path.display()
        ));
    }
    fill(&mut out.site.title, str_of(feed.get("title")));
    fill(&mut out.site.description, str_of(feed.get("description")));
    fill(
        &mut out.site.home_page_url,
        str_of(feed.get("home_page_url")),
    );
    fill(&mut out.site.language, str_of(feed.get("language")));
    fill(&mut out.site.icon, str_of(feed.get("icon")));
    fill(&mut out.site.favicon, str_of(feed.get("favicon")));
    let json_author = |a: &Value| -> Option<AuthorInfo> {
        let ext = a.get("_folio");
        Some(AuthorInfo {
            name: str_of(a.get("name")).or_else(|| str_of(a.get("url")))?,
            url: str_of(a.get("url")),
            avatar: str_of(a.get("avatar")),
            bio: str_of(ext.and_then(|e| e.get("bio"))),
            email: str_of(ext.and_then(|e| e.get("email"))),
            aliases: Vec::new(),
        })
    };
    let authors_of = |v: &Value| -> Vec<AuthorInfo> {
        match (v.get("authors"), v.get("author")) {
            (Some(Value::Array(list)), _) => list.iter().filter_map(json_author).collect(),
            (_, Some(one)) => json_author(one).into_iter().collect(),
            _ => Vec::new(),
        }
    };
    let feed_authors = authors_of(&feed);
    for a in &feed_authors {
        out.describe_author(a.clone());
    }
    let Some(items) = top
        .get("items")
        .and_then(|raw| serde_json::from_str::<Vec<&RawValue>>(raw.get()).ok())
    else {
        return Err(format!(
            "{}: a JSON Feed without an \"items\" list",
            path.display()
        ));
    };
    for raw in items {
        let source = Source::at(path, offset_in(text, raw.get()));
        let item: Value = serde_json::from_str(raw.get()).unwrap_or(Value::Null);
        let item = &item;
        if !item.is_object() {
            out.problem(source, "an item that is not an object; skipped");
            out.skip("malformed item");
            continue;
        }
        let ext = item.get("_folio");
        let list = |v: Option<&Value>| -> Vec<String> {
            match v {
                Some(Value::Array(l)) => l
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect(),
                Some(Value::String(one)) => vec![one.clone()],
                _ => Vec::new(),
            }
        };
        let date_text = str_of(item.get("date_published"));
        let published = read_date(date_text.as_deref(), settings, &source, out);
        let mut authors: Vec<String> = Vec::new();
        for a in authors_of(item) {
            authors.push(a.name.clone());
            out.describe_author(a);
        }
        if authors.is_empty() {
            authors = feed_authors.iter().map(|a| a.name.clone()).collect();
        }
        // A body split out by `folio build --split-bodies` is read back from beside
        // the feed, never from outside its folder.
        let content_html = str_of(item.get("content_html")).or_else(|| {
            let url = str_of(ext.and_then(|e| e.get("content_url")))?;
            local_body(path, &url)
        });
        let teaser = content_html
            .as_deref()
            .and_then(|c| crate::wxr::split_more(c).0)
            .map(str::to_owned);
        out.add(Entry {
            id: str_of(item.get("id")).or_else(|| str_of(item.get("url"))),
            url: str_of(item.get("url")),
            external_url: str_of(item.get("external_url")),
            title: str_of(item.get("title")),
            content_html,
            content_text: str_of(item.get("content_text")),
            summary: str_of(item.get("summary")),
            teaser_html: teaser,
            image: str_of(item.get("image")),
            published,
            modified: str_of(item.get("date_modified")).and_then(|d| dates::flexible(&d, None)),
            authors,
            tags: list(item.get("tags")),
            categories: list(ext.and_then(|e| e.get("categories"))),
            language: str_of(item.get("language")),
            slug: str_of(ext.and_then(|e| e.get("slug"))),
            source,
            stored_body: None,
        });
    }
    Ok(())
}

/// The file a relative `content_url` names, read when it lies inside the feed's folder.
fn local_body(feed: &Path, url: &str) -> Option<String> {
    if !folio_core::url_policy::is_relative(url) || url.starts_with('/') || url.contains("..") {
        return None;
    }
    let path = url.split(['?', '#']).next()?;
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    let folder = feed.parent()?;
    std::fs::read_to_string(folder.join(decoded.as_ref())).ok()
}

/// A feed's date, or a problem saying the post is kept undated.
fn read_date(
    text: Option<&str>,
    settings: &Settings,
    source: &Source,
    out: &mut Collected,
) -> Option<folio_core::Date> {
    let text = text?;
    let date = dates::flexible(text, settings.utc_offset);
    if date.is_none() {
        out.problem(
            source.clone(),
            format!("the date \"{text}\" cannot be read; the post is kept, undated"),
        );
    }
    date
}

/// Where `inner` (a slice of `text`) starts, in bytes.
pub fn offset_in(text: &str, inner: &str) -> u64 {
    let start = inner.as_ptr() as usize;
    let base = text.as_ptr() as usize;
    u64::try_from(start.saturating_sub(base)).unwrap_or(0)
}

pub fn strip_position(err: &serde_json::Error) -> String {
    let full = err.to_string();
    full.rfind(" at line ")
        .map_or(full.clone(), |p| full[..p].to_owned())
}

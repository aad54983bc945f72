//! WordPress exports (WXR 1.0 to 1.2, Tools → Export), read as a stream.

use crate::dates;
use crate::model::{AuthorInfo, Collected, Entry, Source};
use crate::xml::{self, Node};
use crate::{wp_content, Settings};
use chrono::NaiveDateTime;
use folio_core::text::html_to_text;
use std::collections::HashMap;
use std::io::BufRead;
use std::path::Path;

/// A post whose date must wait until the site's UTC offset is known.
struct PendingDate {
    entry: usize,
    local: NaiveDateTime,
}

/// Reads one export into `out`. Returns an error only when the file cannot be read to
/// its end; every post read before that is kept.
pub fn read<R: BufRead>(
    path: &Path,
    source: R,
    settings: &Settings,
    out: &mut Collected,
) -> Result<(), xml::XmlError> {
    let mut logins: HashMap<String, String> = HashMap::new();
    let mut attachments: HashMap<String, String> = HashMap::new();
    let mut thumbnails: Vec<(usize, String)> = Vec::new();
    let mut offsets: HashMap<i64, usize> = HashMap::new();
    let mut pending: Vec<PendingDate> = Vec::new();
    let mut site_url: Option<String> = None;

    let result = xml::walk(
        source,
        |_| true,
        |node| match node.name.as_str() {
            "title" => out.site.title = out.site.title.take().or(non_empty(node.text())),
            "description" => {
                out.site.description = out.site.description.take().or(non_empty(node.text()));
            }
            "link" => site_url = site_url.take().or(non_empty(node.text())),
            "wp:base_blog_url" => site_url = non_empty(node.text()).or(site_url.take()),
            "language" => out.site.language = out.site.language.take().or(non_empty(node.text())),
            "wp:author" => {
                if let Some((login, info)) = author(&node, settings) {
                    logins.insert(login, info.name.clone());
                    out.describe_author(info);
                }
            }
            "item" => {
                let source = Source::at(path, node.offset);
                let kind = node
                    .child_text("wp:post_type")
                    .unwrap_or_else(|| "post".into());
                if kind == "attachment" {
                    if let (Some(id), Some(url)) = (
                        node.child_text("wp:post_id"),
                        node.child_text("wp:attachment_url"),
                    ) {
                        attachments.insert(id, url);
                    }
                }
                match item(&node, &kind, settings, &logins, source) {
                    Ok(mut read) => {
                        let index = out.entries.len();
                        if let Some(local) = read.local_date.take() {
                            pending.push(PendingDate {
                                entry: index,
                                local,
                            });
                        }
                        if let Some(offset) = read.utc_offset {
                            *offsets.entry(offset).or_default() += 1;
                        }
                        if let Some(id) = read.thumbnail {
                            thumbnails.push((index, id));
                        }
                        out.add(read.entry);
                    }
                    Err(Skip::Reason(reason)) => out.skip(&reason),
                    Err(Skip::Problem(reason, message)) => {
                        out.skip(&reason);
                        out.problem(Source::at(path, node.offset), message);
                    }
                }
            }
            _ => {}
        },
    );

    // Posts whose GMT date was zero: use the local date with the offset the other
    // posts show, or the one given on the command line, or UTC.
    let offset = settings.utc_offset.or_else(|| {
        offsets
            .iter()
            .max_by_key(|(seconds, count)| (**count, -**seconds))
            .and_then(|(seconds, _)| i32::try_from(*seconds).ok())
            .and_then(chrono::FixedOffset::east_opt)
    });
    for p in pending {
        out.entries[p.entry].published = dates::with_offset(p.local, offset);
    }
    for (index, id) in thumbnails {
        if let Some(url) = attachments.get(&id) {
            let entry = &mut out.entries[index];
            if entry.image.is_none() {
                entry.image = Some(url.clone());
            }
        }
    }
    if out.site.home_page_url.is_none() {
        out.site.home_page_url = site_url;
    }
    result
}

fn non_empty(text: String) -> Option<String> {
    let trimmed = text.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

fn author(node: &Node, settings: &Settings) -> Option<(String, AuthorInfo)> {
    let login = node.child_text("wp:author_login")?;
    let full_name = match (
        node.child_text("wp:author_first_name"),
        node.child_text("wp:author_last_name"),
    ) {
        (Some(first), Some(last)) => Some(format!("{first} {last}")),
        (first, last) => first.or(last),
    };
    // WordPress allows email logins, and the display name defaults to the login: an
    // address is never shown as a name unless emails may be published.
    let private = |n: &String| !settings.author_emails && n.contains('@');
    let name = [
        node.child_text("wp:author_display_name"),
        full_name,
        Some(login.clone()),
    ]
    .into_iter()
    .flatten()
    .find(|n| !private(n))
    .unwrap_or_else(|| public_name(&login));
    let info = AuthorInfo {
        name: html_to_text(&name),
        url: node.child_text("wp:author_url"),
        avatar: None,
        bio: node
            .child_text("wp:author_description")
            .map(|b| html_to_text(&b)),
        // Login emails are private unless the owner says otherwise.
        email: if settings.author_emails {
            node.child_text("wp:author_email")
        } else {
            None
        },
        aliases: vec![login.clone()],
    };
    Some((login, info))
}

struct ReadItem {
    entry: Entry,
    /// Local time, when the GMT date was missing.
    local_date: Option<NaiveDateTime>,
    /// Local minus GMT, in seconds, when both were given.
    utc_offset: Option<i64>,
    /// `_thumbnail_id`: the featured image's attachment.
    thumbnail: Option<String>,
}

enum Skip {
    Reason(String),
    Problem(String, String),
}

fn item(
    node: &Node,
    kind: &str,
    settings: &Settings,
    logins: &HashMap<String, String>,
    source: Source,
) -> Result<ReadItem, Skip> {
    if kind != "post" {
        return Err(Skip::Reason(kind.to_owned()));
    }
    let status = node
        .child_text("wp:status")
        .unwrap_or_else(|| "publish".into());
    let drafts_allowed =
        settings.drafts && matches!(status.as_str(), "draft" | "pending" | "future");
    if status != "publish" && !drafts_allowed {
        return Err(Skip::Reason(status));
    }
    // A password-protected post is skipped whole: its body must never be published,
    // and a title with nothing behind it helps no reader.
    if node.child_text("wp:post_password").is_some() {
        return Err(Skip::Reason("password-protected".into()));
    }

    let gmt = node
        .child_text("wp:post_date_gmt")
        .and_then(|d| dates::naive(&d));
    let local = node
        .child_text("wp:post_date")
        .and_then(|d| dates::naive(&d));
    let pub_date = node
        .child_text("pubDate")
        .and_then(|d| folio_core::parse_date(&d))
        .filter(|d| d.ymd().0 > 1970);
    let (published, local_date, utc_offset) = match (gmt, local) {
        (Some(gmt), local) => (
            dates::with_offset(gmt, None).map(|d| match local {
                Some(l) => dates::in_offset(&d, (l - gmt).num_seconds()),
                None => d,
            }),
            None,
            local.map(|l| (l - gmt).num_seconds()),
        ),
        (None, Some(_)) if pub_date.is_some() => (pub_date, None, None),
        (None, Some(local)) => (None, Some(local), None),
        (None, None) => (pub_date, None, None),
    };
    if published.is_none() && local_date.is_none() {
        let raw = node.child_text("wp:post_date").unwrap_or_default();
        return Err(Skip::Problem(
            "undated".into(),
            format!("post has no readable date (wp:post_date is \"{raw}\"); skipped"),
        ));
    }

    let raw_content = node.child_text("content:encoded").unwrap_or_default();
    let (teaser, _) = split_more(&raw_content);
    let content_html = non_empty(wp_content::render(&raw_content));
    let teaser_html = teaser.map(wp_content::render);

    let mut tags = Vec::new();
    let mut categories = Vec::new();
    for category in node.all("category") {
        let name = html_to_text(&category.text());
        if name.is_empty() {
            continue;
        }
        match category.attr("domain") {
            Some("post_tag") => tags.push(name),
            Some("category") if name != "Uncategorized" => categories.push(name),
            _ => {}
        }
    }
    let authors = node
        .child_text("dc:creator")
        .map(|login| match logins.get(&login) {
            Some(name) => name.clone(),
            None if !settings.author_emails => public_name(&login),
            None => login,
        })
        .into_iter()
        .collect();
    let thumbnail = node
        .all("wp:postmeta")
        .find(|m| m.child_text("wp:meta_key").as_deref() == Some("_thumbnail_id"))
        .and_then(|m| m.child_text("wp:meta_value"));

    let slug = node.child_text("wp:post_name").map(|s| {
        percent_encoding::percent_decode_str(&s)
            .decode_utf8()
            .map_or(s.clone(), std::borrow::Cow::into_owned)
    });
    let entry = Entry {
        id: node.child_text("guid").or_else(|| node.child_text("link")),
        url: node.child_text("link"),
        title: node.child_text("title"),
        content_html,
        summary: node
            .child_text("excerpt:encoded")
            .map(|e| html_to_text(&e))
            .filter(|e| !e.is_empty()),
        teaser_html,
        published,
        modified: node
            .child_text("wp:post_modified_gmt")
            .and_then(|d| dates::naive(&d))
            .and_then(|d| dates::with_offset(d, None))
            .map(|d| utc_offset.map_or(d, |seconds| dates::in_offset(&d, seconds))),
        authors,
        tags,
        categories,
        slug,
        source,
        ..Entry::default()
    };
    Ok(ReadItem {
        entry,
        local_date,
        utc_offset,
        thumbnail,
    })
}

/// A login fit to show: the part of an email address before the `@`.
fn public_name(login: &str) -> String {
    match login.split_once('@') {
        Some((local, _)) if !local.is_empty() => local.to_owned(),
        Some(_) => "Author".to_owned(),
        None => login.to_owned(),
    }
}

/// The part before `<!--more-->` (WordPress's teaser), when the body has one.
pub fn split_more(content: &str) -> (Option<&str>, &str) {
    match content.find("<!--more") {
        Some(pos) => {
            let after = &content[pos..];
            let end = after.find("-->").map_or(after.len(), |e| e + 3);
            (Some(&content[..pos]), &after[end..])
        }
        None => (None, content),
    }
}

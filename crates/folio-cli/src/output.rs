//! Turning what the readers found into the index: one JSON Feed 1.1 file with Folio's
//! `_folio` extension, and with `--split-bodies` one file per body.

use crate::model::{AuthorInfo, Collected, Entry, Preparation, SiteInfo};
use crate::{urls, Settings};
use folio_core::shard::fnv1a;
use folio_core::slug::{assign_slugs, derive_slug, slugify, SlugRequest};
use folio_core::text::{excerpt, html_to_text};
use folio_core::{Date, EXCERPT_WORDS};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// The folder, under the output folder, that split bodies go to.
pub const BODIES_DIR: &str = "bodies";

#[derive(Serialize)]
struct FeedHead<'a> {
    version: &'static str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    home_page_url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    icon: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    favicon: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    authors: Vec<AuthorOut<'a>>,
}

#[derive(Serialize)]
struct AuthorOut<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    avatar: Option<&'a str>,
    #[serde(rename = "_folio", skip_serializing_if = "Option::is_none")]
    folio: Option<AuthorExtension<'a>>,
}

#[derive(Serialize)]
struct AuthorExtension<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    bio: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<&'a str>,
}

#[derive(Serialize)]
struct ItemOut<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_html: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_text: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_modified: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: Vec<AuthorOut<'a>>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    tags: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    #[serde(rename = "_folio")]
    folio: ItemExtension<'a>,
}

#[derive(Serialize)]
struct ItemExtension<'a> {
    slug: &'a str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    categories: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    content_url: Option<String>,
}

/// Figures for the summary line.
pub struct Built {
    pub posts: usize,
    pub authors: usize,
    pub tags: usize,
    pub duplicates: usize,
    pub written: usize,
    pub unchanged: usize,
    pub bytes: u64,
}

/// Writes the index for everything collected into `out`: posts.json streamed item by
/// item (bodies come back from the spool one at a time), and with `--split-bodies` one
/// file per body. Files whose content is unchanged are left alone.
pub fn write(mut collected: Collected, settings: &Settings, out: &Path) -> Result<Built, String> {
    let mut site = SiteInfo {
        title: settings.title.clone(),
        description: settings.description.clone(),
        home_page_url: settings.site_url.clone(),
        language: settings.language.clone(),
        icon: settings.icon.clone(),
        favicon: settings.favicon.clone(),
    };
    site.fill_from(&collected.site);

    let (mut entries, duplicates) = dedupe(std::mem::take(&mut collected.entries));
    unify_authors(&mut collected.authors, &mut entries);
    // Newest first; undated last; ties by id, so the order never depends on input order.
    entries.sort_by(|a, b| match (a.published, b.published) {
        (Some(x), Some(y)) => y.cmp(&x).then_with(|| a.id.cmp(&b.id)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.id.cmp(&b.id),
    });
    let slugs = slugs_for(&entries);

    let authors = authors_in_use(&entries, &collected.authors);
    let by_name: HashMap<&str, &AuthorInfo> =
        authors.iter().map(|a| (a.name.as_str(), a)).collect();
    let mut files = Files::new(out)?;
    let index_path = out.join("posts.json");
    let mut index = Files::start(&index_path)?;
    let head = FeedHead {
        version: "https://jsonfeed.org/version/1.1",
        title: site.title.as_deref().unwrap_or("Archive"),
        home_page_url: site.home_page_url.as_deref(),
        description: site.description.as_deref(),
        icon: site.icon.as_deref(),
        favicon: site.favicon.as_deref(),
        language: site.language.as_deref(),
        authors: authors.iter().map(author_out).collect(),
    };
    // One item per line: a deploy diff shows the posts that changed.
    let mut head_json = serde_json::to_string(&head).map_err(|e| e.to_string())?;
    head_json.pop();
    head_json.push_str(",\"items\":[\n");
    let io = |e: std::io::Error| format!("{}: cannot write: {e}", index_path.display());
    index.write_all(head_json.as_bytes()).map_err(io)?;

    let mut tags = BTreeSet::new();
    for (position, (entry, slug)) in entries.iter().zip(&slugs).enumerate() {
        tags.extend(entry.tags.iter().map(String::as_str));
        let body = match (entry.stored_body, &collected.spool) {
            (Some(stored), Some(spool)) => Some(
                spool
                    .get(stored)
                    .map_err(|e| format!("reading back a body: {e}"))?,
            ),
            _ => entry.content_html.clone(),
        };
        let content_url = match (&body, settings.split_bodies) {
            (Some(html), true) => {
                let name = format!("{BODIES_DIR}/{:016x}.html", fnv1a(html.as_bytes()));
                files.put(&out.join(&name), html.as_bytes())?;
                Some(name)
            }
            _ => None,
        };
        let item = ItemOut {
            id: entry.id.as_deref().unwrap_or_default(),
            url: entry.url.as_deref(),
            external_url: entry.external_url.as_deref(),
            title: entry.title.as_deref(),
            content_html: if content_url.is_some() {
                None
            } else {
                body.as_deref()
            },
            content_text: entry.content_text.as_deref(),
            summary: entry.summary.as_deref(),
            image: entry.image.as_deref(),
            date_published: entry.published.map(|d| d.iso()),
            date_modified: entry.modified.map(|d| d.iso()),
            authors: entry
                .authors
                .iter()
                .filter_map(|n| by_name.get(n.as_str()).map(|a| author_out(a)))
                .collect(),
            tags: &entry.tags,
            language: entry
                .language
                .as_deref()
                .filter(|l| Some(*l) != site.language.as_deref()),
            folio: ItemExtension {
                slug,
                categories: &entry.categories,
                content_url,
            },
        };
        if position > 0 {
            index.write_all(b",\n").map_err(io)?;
        }
        serde_json::to_writer(&mut index, &item).map_err(|e| e.to_string())?;
    }
    index.write_all(b"\n]}\n").map_err(io)?;
    files.finish(index, &index_path)?;
    if collected.failures == 0 {
        files.remove_stale_bodies(settings.split_bodies);
    }
    Ok(Built {
        posts: entries.len(),
        authors: authors.len(),
        tags: tags.len(),
        duplicates,
        written: files.written,
        unchanged: files.unchanged,
        bytes: files.bytes,
    })
}

/// Writes files only when their content changed, each through a temporary file renamed
/// into place, so a reader never sees half a file.
struct Files {
    written: usize,
    unchanged: usize,
    bytes: u64,
    bodies: std::collections::HashSet<PathBuf>,
    out: PathBuf,
}

impl Files {
    fn new(out: &Path) -> Result<Self, String> {
        std::fs::create_dir_all(out)
            .map_err(|e| format!("{}: cannot create the folder: {e}", out.display()))?;
        Ok(Self {
            written: 0,
            unchanged: 0,
            bytes: 0,
            bodies: std::collections::HashSet::new(),
            out: out.to_owned(),
        })
    }

    fn start(path: &Path) -> Result<BufWriter<File>, String> {
        File::create(partial(path))
            .map(|f| BufWriter::with_capacity(1 << 20, f))
            .map_err(|e| format!("{}: cannot write: {e}", path.display()))
    }

    /// Moves a streamed file into place, or drops it when the old one is the same.
    fn finish(&mut self, writer: BufWriter<File>, path: &Path) -> Result<(), String> {
        let io = |e: std::io::Error| format!("{}: cannot write: {e}", path.display());
        let file = writer.into_inner().map_err(|e| io(e.into_error()))?;
        file.sync_all().map_err(io)?;
        drop(file);
        let temporary = partial(path);
        self.bytes += std::fs::metadata(&temporary).map_or(0, |m| m.len());
        if same_content(&temporary, path) {
            let _ = std::fs::remove_file(&temporary);
            self.unchanged += 1;
        } else {
            std::fs::rename(&temporary, path).map_err(io)?;
            self.written += 1;
        }
        Ok(())
    }

    fn put(&mut self, path: &Path, content: &[u8]) -> Result<(), String> {
        self.bodies.insert(path.to_owned());
        self.bytes += content.len() as u64;
        if std::fs::read(path).is_ok_and(|old| old == content) {
            self.unchanged += 1;
            return Ok(());
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("{}: cannot create the folder: {e}", parent.display()))?;
        }
        std::fs::write(partial(path), content)
            .and_then(|()| std::fs::rename(partial(path), path))
            .map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
        self.written += 1;
        Ok(())
    }

    /// Removes bodies an earlier build wrote that this one did not.
    fn remove_stale_bodies(&self, split: bool) {
        let Ok(entries) = std::fs::read_dir(self.out.join(BODIES_DIR)) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let ours = path
                .file_stem()
                .and_then(|s| s.to_str())
                .is_some_and(|s| s.len() == 16 && s.chars().all(|c| c.is_ascii_hexdigit()));
            if ours && (!split || !self.bodies.contains(&path)) {
                let _ = std::fs::remove_file(&path);
            }
        }
    }
}

fn read_full(r: &mut impl std::io::Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match r.read(&mut buf[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

fn partial(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_owned();
    name.push(".partial");
    path.with_file_name(name)
}

/// True when both files exist with the same bytes, compared a block at a time.
fn same_content(a: &Path, b: &Path) -> bool {
    let (Ok(fa), Ok(fb)) = (File::open(a), File::open(b)) else {
        return false;
    };
    if fa.metadata().map(|m| m.len()).ok() != fb.metadata().map(|m| m.len()).ok() {
        return false;
    }
    let (mut ra, mut rb) = (std::io::BufReader::new(fa), std::io::BufReader::new(fb));
    let (mut ba, mut bb) = (vec![0u8; 1 << 16], vec![0u8; 1 << 16]);
    loop {
        let (Ok(na), Ok(nb)) = (read_full(&mut ra, &mut ba), read_full(&mut rb, &mut bb)) else {
            return false;
        };
        if na != nb || ba[..na] != bb[..nb] {
            return false;
        }
        if na == 0 {
            return true;
        }
    }
}

fn author_out(a: &AuthorInfo) -> AuthorOut<'_> {
    let folio = (a.bio.is_some() || a.email.is_some()).then_some(AuthorExtension {
        bio: a.bio.as_deref(),
        email: a.email.as_deref(),
    });
    AuthorOut {
        name: &a.name,
        url: a.url.as_deref(),
        avatar: a.avatar.as_deref(),
        folio,
    }
}

/// Drops entries whose id repeats an earlier one's; of two, the one changed later wins.
fn dedupe(entries: Vec<Entry>) -> (Vec<Entry>, usize) {
    let mut kept: Vec<Entry> = Vec::with_capacity(entries.len());
    let mut seen: HashMap<String, usize> = HashMap::with_capacity(entries.len());
    let mut duplicates = 0;
    for entry in entries {
        let Some(id) = entry.id.clone() else {
            kept.push(entry);
            continue;
        };
        match seen.get(&id) {
            Some(&at) => {
                duplicates += 1;
                let newer = match (entry.modified, kept[at].modified) {
                    (Some(a), Some(b)) => a > b,
                    (Some(_), None) => true,
                    _ => false,
                };
                if newer {
                    kept[at] = entry;
                }
            }
            None => {
                seen.insert(id, kept.len());
                kept.push(entry);
            }
        }
    }
    (kept, duplicates)
}

/// Merges people the sources know by several names: two descriptions that share a
/// name or an alias (a WordPress login, a nickname from `--authors`) are one person,
/// under the name of whichever was described first (the authors file comes first).
fn unify_authors(authors: &mut Vec<AuthorInfo>, entries: &mut [Entry]) {
    let mut owner: HashMap<String, usize> = HashMap::new();
    let mut renamed: HashMap<String, String> = HashMap::new();
    let mut kept: Vec<AuthorInfo> = Vec::with_capacity(authors.len());
    for author in authors.drain(..) {
        let keys: Vec<String> = std::iter::once(author.name.clone())
            .chain(author.aliases.iter().cloned())
            .collect();
        match keys.iter().find_map(|k| owner.get(k).copied()) {
            Some(at) => {
                kept[at].fill_from(&author);
                if kept[at].name != author.name {
                    renamed.insert(author.name.clone(), kept[at].name.clone());
                }
                for key in keys {
                    owner.entry(key).or_insert(at);
                }
            }
            None => {
                for key in keys {
                    owner.entry(key).or_insert(kept.len());
                }
                kept.push(author);
            }
        }
    }
    *authors = kept;
    for entry in entries {
        for name in &mut entry.authors {
            if let Some(at) = owner.get(name.as_str()) {
                if authors[*at].name != *name {
                    name.clone_from(&authors[*at].name);
                }
            } else if let Some(canonical) = renamed.get(name.as_str()) {
                name.clone_from(canonical);
            }
        }
        let mut seen = BTreeSet::new();
        entry.authors.retain(|n| seen.insert(n.clone()));
    }
}

/// Fills what the reader needs and the source left out: an id, resolved URLs and a
/// summary computed by the same code the reader uses.
pub fn prepare(entry: &mut Entry, site_url: Option<&str>, settings: &Preparation) {
    if entry.id.is_none() {
        // Stable whatever the order or place of the inputs: from what the post says.
        entry.id = Some(match &entry.url {
            Some(url) => url.clone(),
            None => {
                let mut key = Vec::new();
                for part in [
                    &entry.title,
                    &entry.content_html,
                    &entry.content_text,
                    &entry.summary,
                ] {
                    key.extend(part.as_deref().unwrap_or_default().as_bytes());
                    key.push(0);
                }
                key.extend(
                    entry
                        .published
                        .map(|d| d.iso())
                        .unwrap_or_default()
                        .as_bytes(),
                );
                format!("folio:{:016x}", fnv1a(&key))
            }
        });
    }
    if entry.authors.is_empty() {
        entry.authors.clone_from(&settings.default_authors);
    }
    entry.title = entry.title.take().filter(|t| !html_to_text(t).is_empty());
    if settings.site_url.is_some() {
        let base = entry.url.clone().or_else(|| site_url.map(str::to_owned));
        if let Some(base) = base {
            for html in [&mut entry.content_html, &mut entry.teaser_html]
                .into_iter()
                .flatten()
            {
                *html = urls::resolve_body(html, &base);
            }
            for field in [&mut entry.image, &mut entry.url, &mut entry.external_url] {
                if let Some(value) = field.as_deref() {
                    *field = urls::absolute(Some(&base), value);
                }
            }
        }
    }
    // The reader computes the same excerpt from a body it has; the index carries one
    // only when the body is elsewhere (split) or the author cut it (`<!--more-->`).
    if entry.summary.is_none() {
        let text = match (&entry.teaser_html, &entry.content_html, &entry.content_text) {
            (Some(teaser), _, _) => html_to_text(teaser),
            (None, Some(html), _) if settings.split_bodies => {
                excerpt(&html_to_text(html), EXCERPT_WORDS)
            }
            (None, None, Some(text)) if settings.split_bodies => excerpt(text, EXCERPT_WORDS),
            _ => String::new(),
        };
        entry.summary = Some(text).filter(|s| !s.is_empty());
    }
    entry.teaser_html = None;
    entry.categories.retain(|c| !c.trim().is_empty());
    entry.tags.retain(|t| !t.trim().is_empty());
}

/// The same slugs the reader would give, written into the index so they never change
/// when another post is added.
fn slugs_for(entries: &[Entry]) -> Vec<String> {
    let requests: Vec<SlugRequest<Date>> = entries
        .iter()
        .map(|e| {
            let title = e.title.as_deref().map(html_to_text);
            SlugRequest {
                explicit: e.slug.as_deref().map(slugify),
                derived: derive_slug(
                    title.as_deref(),
                    e.url.as_deref(),
                    e.id.as_deref().unwrap_or_default(),
                ),
                age: e.published,
            }
        })
        .collect();
    assign_slugs(&requests)
}

/// Authors who wrote something, in the order they were first described.
fn authors_in_use(entries: &[Entry], known: &[AuthorInfo]) -> Vec<AuthorInfo> {
    let used: BTreeSet<&str> = entries
        .iter()
        .flat_map(|e| e.authors.iter().map(String::as_str))
        .collect();
    let mut out: Vec<AuthorInfo> = known
        .iter()
        .filter(|a| used.contains(a.name.as_str()))
        .cloned()
        .collect();
    for entry in entries {
        for name in &entry.authors {
            if !out.iter().any(|a| &a.name == name) {
                out.push(AuthorInfo::named(name));
            }
        }
    }
    out
}

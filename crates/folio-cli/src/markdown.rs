//! Markdown sites: Hugo, Jekyll, Eleventy and Zola layouts, front matter in YAML, TOML
//! or JSON, rendered with GitHub's extensions.

use crate::dates;
use crate::model::{AuthorInfo, Collected, Entry, SiteInfo, Source};
use crate::{urls, xml::escape_text, Settings};
use pulldown_cmark::{html, Options, Parser};
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};

/// Folders that never hold posts: build output, dependencies, theme and template code.
const SKIPPED_DIRS: &[&str] = &[
    "node_modules",
    "_site",
    "public",
    "resources",
    "themes",
    "static",
    "assets",
    "layouts",
    "_includes",
    "_layouts",
    "_data",
    "_sass",
    "target",
    "vendor",
    "dist",
    "archetypes",
    "data",
    "i18n",
    "templates",
    "sass",
];

/// Which generator the folder looks like, which decides where posts are and what their
/// addresses are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Hugo,
    Jekyll,
    Zola,
    Eleventy,
}

pub fn detect_layout(root: &Path) -> Layout {
    let has = |p: &str| root.join(p).exists();
    if has("_posts") || has("_config.yml") || has("_config.yaml") {
        Layout::Jekyll
    } else if has("hugo.toml") || has("hugo.yaml") || has("hugo.json") || has("archetypes") {
        Layout::Hugo
    } else if has("content") && has("config.toml") && is_zola_config(&root.join("config.toml")) {
        Layout::Zola
    } else if has("content") {
        Layout::Hugo
    } else {
        Layout::Eleventy
    }
}

fn is_zola_config(path: &Path) -> bool {
    std::fs::read_to_string(path).is_ok_and(|t| t.contains("base_url"))
}

/// True when the folder holds Markdown files somewhere a post could be.
pub fn looks_like_site(root: &Path) -> bool {
    let mut files = Vec::new();
    walk(root, &mut files, 2000);
    !files.is_empty()
}

/// Reads every post of the site at `root` into `out`.
pub fn read(
    root: &Path,
    settings: &Settings,
    out: &mut Collected,
    mut progress: impl FnMut(usize, usize),
) {
    let layout = detect_layout(root);
    let mut site = site_config(root, layout, out);
    if let Some(url) = &settings.site_url {
        site.home_page_url = Some(url.clone());
    }
    let base_url = site.home_page_url.clone();
    out.site.fill_from(&site);

    let (content_root, dirs) = post_dirs(root, layout, settings);
    let mut files = Vec::new();
    for dir in &dirs {
        walk(dir, &mut files, usize::MAX);
    }
    files.sort();
    files.dedup();
    let total = files.len();
    for (done, file) in files.iter().enumerate() {
        progress(done, total);
        let name = file
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if name.starts_with("_index.")
            || matches!(name, "README.md" | "CHANGELOG.md" | "LICENSE.md")
        {
            continue;
        }
        let is_draft_dir = file
            .strip_prefix(root)
            .is_ok_and(|p| p.starts_with("_drafts"));
        let text = match std::fs::read_to_string(file) {
            Ok(t) => t,
            Err(err) => {
                out.problem(
                    Source::file(file),
                    format!("cannot read the file: {err}; skipped"),
                );
                out.skip("unreadable");
                continue;
            }
        };
        let relative = file.strip_prefix(&content_root).unwrap_or(file);
        match post(file, relative, &text, layout, base_url.as_deref(), settings) {
            Ok(Outcome::Post(entry)) => {
                let entry = *entry;
                if is_draft_dir && !settings.drafts {
                    out.skip("draft");
                    continue;
                }
                for name in &entry.authors {
                    out.describe_author(AuthorInfo::named(name));
                }
                out.add(entry);
            }
            Ok(Outcome::Skip(reason)) => out.skip(reason),
            Err((source, message)) => {
                out.problem(source, format!("{message}; skipped"));
                out.skip("unreadable front matter");
            }
        }
    }
    progress(total, total);
}

/// The folders to read posts from, and the folder addresses are relative to.
fn post_dirs(root: &Path, layout: Layout, settings: &Settings) -> (PathBuf, Vec<PathBuf>) {
    if !settings.posts_dirs.is_empty() {
        let dirs = settings.posts_dirs.iter().map(|d| root.join(d)).collect();
        let content = if root.join("content").is_dir() {
            root.join("content")
        } else {
            root.to_owned()
        };
        return (content, dirs);
    }
    let first_existing =
        |base: &Path, names: &[&str]| names.iter().map(|n| base.join(n)).find(|p| p.is_dir());
    match layout {
        Layout::Jekyll => {
            let mut dirs = vec![root.join("_posts")];
            if settings.drafts {
                dirs.push(root.join("_drafts"));
            }
            (root.to_owned(), dirs)
        }
        Layout::Hugo | Layout::Zola => {
            let content = root.join("content");
            let dirs = first_existing(&content, &["posts", "post", "blog", "news"])
                .map_or_else(|| vec![content.clone()], |d| vec![d]);
            (content, dirs)
        }
        Layout::Eleventy => {
            let dirs = first_existing(
                root,
                &["posts", "src/posts", "blog", "src/blog", "content/posts"],
            )
            .map_or_else(|| vec![root.to_owned()], |d| vec![d]);
            (root.to_owned(), dirs)
        }
    }
}

/// Collects Markdown files under `dir`, in name order, skipping hidden and build folders.
fn walk(dir: &Path, files: &mut Vec<PathBuf>, limit: usize) {
    let Ok(read) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = read.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if files.len() >= limit {
            return;
        }
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        let is_link = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
        if path.is_dir() {
            // A linked folder may loop back on itself; a site's posts are real folders.
            if !SKIPPED_DIRS.contains(&name) && !is_link {
                walk(&path, files, limit);
            }
        } else if is_markdown(&path) {
            files.push(path);
        }
    }
}

fn is_markdown(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("md" | "markdown" | "mdown" | "mkd")
    )
}

/// The site's title, description, address and language from its generator's config.
fn site_config(root: &Path, layout: Layout, out: &mut Collected) -> SiteInfo {
    let candidates: &[&str] = match layout {
        Layout::Jekyll => &["_config.yml", "_config.yaml"],
        Layout::Hugo => &[
            "hugo.toml",
            "hugo.yaml",
            "hugo.yml",
            "hugo.json",
            "config.toml",
            "config.yaml",
            "config.json",
        ],
        Layout::Zola => &["config.toml"],
        Layout::Eleventy => &[
            "_data/metadata.json",
            "_data/site.json",
            "src/_data/metadata.json",
            "src/_data/site.json",
            "_data/site.yaml",
        ],
    };
    let Some(path) = candidates
        .iter()
        .map(|c| root.join(c))
        .find(|p| p.is_file())
    else {
        return SiteInfo::default();
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(err) => {
            out.problem(
                Source::file(&path),
                format!("cannot read the site's config: {err}"),
            );
            return SiteInfo::default();
        }
    };
    let format = match path.extension().and_then(|e| e.to_str()) {
        Some("toml") => Format::Toml,
        Some("json") => Format::Json,
        _ => Format::Yaml,
    };
    let config = match parse_data(&text, format) {
        Ok(Value::Object(map)) => map,
        Ok(_) => return SiteInfo::default(),
        Err((line, column, message)) => {
            out.problem(
                Source::line(&path, line, column),
                format!("the site's config: {message}"),
            );
            return SiteInfo::default();
        }
    };
    let params = config.get("params").and_then(Value::as_object);
    let get = |keys: &[&str]| -> Option<String> {
        keys.iter().find_map(|k| {
            config
                .get(*k)
                .or_else(|| params.and_then(|p| p.get(*k)))
                .and_then(Value::as_str)
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        })
    };
    let mut home = get(&["baseURL", "baseurl_full", "base_url", "url"]);
    if layout == Layout::Jekyll {
        if let (Some(url), Some(base)) = (&home, get(&["baseurl"])) {
            home = Some(format!(
                "{}/{}",
                url.trim_end_matches('/'),
                base.trim_matches('/')
            ));
        }
    }
    SiteInfo {
        title: get(&["title"]),
        description: get(&["description", "tagline", "subtitle"]),
        home_page_url: home.map(|h| if h.ends_with('/') { h } else { format!("{h}/") }),
        language: get(&[
            "languageCode",
            "default_language",
            "defaultContentLanguage",
            "lang",
            "language",
            "locale",
        ]),
        icon: get(&["icon"]),
        favicon: get(&["favicon"]),
    }
}

#[derive(Debug, Clone, Copy)]
enum Format {
    Yaml,
    Toml,
    Json,
}

/// Parses YAML, TOML or JSON into a JSON value; errors give a line and column within
/// `text`.
fn parse_data(text: &str, format: Format) -> Result<Value, (usize, usize, String)> {
    match format {
        Format::Yaml => {
            if text.trim().is_empty() {
                return Ok(Value::Object(Map::new()));
            }
            serde_saphyr::from_str::<Value>(text).map_err(|err| {
                let (line, column) = err
                    .location()
                    .map_or((1, 1), |l| (to_usize(l.line()), to_usize(l.column())));
                (
                    line,
                    column,
                    without_position(&first_line(&err.to_string())),
                )
            })
        }
        Format::Toml => {
            let table: toml::Table = toml::from_str(text).map_err(|err| {
                let start = err.span().map_or(0, |s| s.start);
                let (line, column) = line_column(text, start);
                (line, column, first_line(err.message()))
            })?;
            Ok(toml_to_json(toml::Value::Table(table)))
        }
        Format::Json => serde_json::from_str(text)
            .map_err(|err| (err.line(), err.column(), first_line(&err.to_string()))),
    }
}

fn to_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or_default().trim().to_owned()
}

/// "error: line 3 column 5: message" → "message": the place is reported separately.
fn without_position(message: &str) -> String {
    let rest = message.strip_prefix("error: ").unwrap_or(message);
    match rest.strip_prefix("line ").and_then(|r| r.split_once(": ")) {
        Some((_, tail)) => tail.to_owned(),
        None => rest.to_owned(),
    }
}

fn line_column(text: &str, byte: usize) -> (usize, usize) {
    let before = &text[..byte.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

fn toml_to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(table) => Value::Object(
            table
                .into_iter()
                .map(|(k, v)| (k, toml_to_json(v)))
                .collect(),
        ),
    }
}

/// Splits a file into its front matter (format, text, line the text starts on) and body.
fn front_matter(text: &str) -> (Option<(Format, &str, usize)>, &str, usize) {
    let text = text.trim_start_matches('\u{feff}');
    for (fence, format) in [("---", Format::Yaml), ("+++", Format::Toml)] {
        let Some(after) = text.strip_prefix(fence) else {
            continue;
        };
        let Some(after) = after
            .strip_prefix('\n')
            .or_else(|| after.strip_prefix("\r\n"))
        else {
            continue;
        };
        let mut pos = 0;
        for line in after.split_inclusive('\n') {
            let bare = line.trim_end();
            if bare == fence || (matches!(format, Format::Yaml) && bare == "...") {
                let matter = &after[..pos];
                let body = &after[pos + line.len()..];
                let body_line = 2 + matter.matches('\n').count() + 1;
                return (Some((format, matter, 2)), body, body_line);
            }
            pos += line.len();
        }
        // An opening fence without a closing one: not front matter.
        return (None, text, 1);
    }
    if text.starts_with('{') {
        let mut stream = serde_json::Deserializer::from_str(text).into_iter::<Value>();
        if let Some(Ok(_)) = stream.next() {
            let end = stream.byte_offset();
            let body = &text[end..];
            let body_line = text[..end].matches('\n').count() + 1;
            return (Some((Format::Json, &text[..end], 1)), body, body_line);
        }
    }
    (None, text, 1)
}

type PostError = (Source, String);

/// Reads the text of one Markdown file as [`read`] does, without a site around it: the
/// entry, `None` when the file is left out on purpose, or the problem. For the fuzz
/// targets.
pub fn read_text(
    file: &Path,
    text: &str,
    layout: Layout,
    settings: &Settings,
) -> Result<Option<Entry>, String> {
    match post(
        file,
        file,
        text,
        layout,
        settings.site_url.as_deref(),
        settings,
    ) {
        Ok(Outcome::Post(entry)) => Ok(Some(*entry)),
        Ok(Outcome::Skip(_)) => Ok(None),
        Err((_, message)) => Err(message),
    }
}

/// What one file gives.
enum Outcome {
    Post(Box<Entry>),
    /// Left out on purpose, for this reason.
    Skip(&'static str),
}

/// Reads one Markdown file. `Ok(None)` is a draft left out.
fn post(
    file: &Path,
    relative: &Path,
    text: &str,
    layout: Layout,
    base_url: Option<&str>,
    settings: &Settings,
) -> Result<Outcome, PostError> {
    let (matter, body, _) = front_matter(text);
    let fields = match matter {
        Some((format, matter_text, first_line)) => match parse_data(matter_text, format) {
            Ok(Value::Object(map)) => map,
            Ok(Value::Null) => Map::new(),
            Ok(_) => {
                return Err((
                    Source::line(file, first_line, 1),
                    "the front matter is not a set of key: value pairs".into(),
                ))
            }
            Err((line, column, message)) => {
                return Err((
                    Source::line(file, first_line + line - 1, column),
                    format!("front matter: {message}"),
                ))
            }
        },
        None => Map::new(),
    };
    let field = |keys: &[&str]| -> Option<&Value> {
        keys.iter().find_map(|k| {
            fields.get(*k).or_else(|| {
                fields
                    .get("extra")
                    .and_then(|e| e.get(*k))
                    .filter(|v| !v.is_null())
            })
        })
    };
    let string = |keys: &[&str]| -> Option<String> { field(keys).and_then(scalar) };

    let is_draft =
        field(&["draft"]).is_some_and(truthy) || field(&["published"]).is_some_and(|v| !truthy(v));
    if is_draft && !settings.drafts {
        return Ok(Outcome::Skip("draft"));
    }
    // Eleventy's "write no page for this", and its "keep out of collections".
    if fields.get("permalink") == Some(&Value::Bool(false))
        || field(&["eleventyExcludeFromCollections"]).is_some_and(truthy)
    {
        return Ok(Outcome::Skip("not published by the site"));
    }

    let stem = file_stem(file);
    let (language_suffix, stem) = split_language(&stem);
    let (file_date, file_slug) = jekyll_name(&stem);
    // A page bundle (`my-post/index.md`) is named by its folder.
    let bundle_name = (stem == "index")
        .then(|| {
            file.parent()
                .and_then(|p| p.file_name())
                .and_then(|n| n.to_str())
                .map(str::to_owned)
        })
        .flatten();
    let source = Source::line(file, 1, 1);
    let date_source = Source::line(file, key_line(text, "date").unwrap_or(1), 1);

    let date_text = string(&["date", "publishDate", "pubDate", "created"]);
    let published = match &date_text {
        Some(text) => Some(dates::flexible(text, settings.utc_offset).ok_or_else(|| {
            (
                date_source.clone(),
                format!("the date \"{text}\" is not a date this tool can read (try 2024-08-08 or 2024-08-08T16:20:00+01:00)"),
            )
        })?),
        None => file_date.and_then(|d| dates::flexible(&d, settings.utc_offset)),
    };
    // Generators hold back posts dated in the future (Hugo's buildFuture, Jekyll's
    // future: false) until that day.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(i64::MAX, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    if !settings.drafts && published.is_some_and(|d| d.timestamp() > now) {
        return Ok(Outcome::Skip("scheduled"));
    }
    let modified = string(&[
        "lastmod",
        "updated",
        "modified",
        "last_modified_at",
        "dateModified",
    ])
    .and_then(|d| dates::flexible(&d, settings.utc_offset));

    let title = string(&["title"])
        .map(|t| escape_text(templates::strip(&t).trim()))
        .filter(|t| !t.is_empty());
    // `2024-03-05-hello.md` is `hello` in every generator (Eleventy's fileSlug too).
    let slug = string(&["slug"])
        .or_else(|| file_slug.clone())
        .or_else(|| bundle_name.clone())
        .or_else(|| (stem != "index").then(|| stem.clone()));

    let tags = list(
        field(&["tags", "keywords"])
            .or_else(|| fields.get("taxonomies").and_then(|t| t.get("tags"))),
    );
    let categories = list(
        field(&["categories", "category"])
            .or_else(|| fields.get("taxonomies").and_then(|t| t.get("categories"))),
    );
    let authors = authors(field(&["authors", "author"]));

    let address = string(&["url", "permalink"]).or_else(|| {
        default_address(
            layout,
            relative,
            slug.as_deref(),
            published.as_ref(),
            &categories,
        )
    });
    // A site-relative address (`/2024/08/post/`) is under the site's base path.
    let url = address
        .as_deref()
        .and_then(|a| urls::absolute(base_url, a.strip_prefix('/').unwrap_or(a)));

    let body = templates::strip(body);
    let (teaser, _) = crate::wxr::split_more(&body);
    let content_html = render(&body);
    let teaser_html = teaser.map(render);

    let id = string(&["id", "guid", "uuid"])
        .or_else(|| url.clone())
        .unwrap_or_else(|| relative.to_string_lossy().replace('\\', "/"));
    let image = field(&[
        "image",
        "cover",
        "featured_image",
        "images",
        "thumbnail",
        "banner",
    ])
    .and_then(|v| match v {
        Value::Array(items) => items.first().and_then(scalar),
        Value::Object(map) => map.get("image").or_else(|| map.get("src")).and_then(scalar),
        other => scalar(other),
    })
    .map(|i| urls::absolute(url.as_deref().or(base_url), &i).unwrap_or(i));

    Ok(Outcome::Post(Box::new(Entry {
        id: Some(id),
        url,
        external_url: string(&["external_url", "link"]),
        title,
        content_html: Some(content_html).filter(|h| !h.trim().is_empty()),
        content_text: None,
        summary: string(&["summary", "description", "excerpt"])
            .map(|s| templates::strip(&s).trim().to_owned()),
        teaser_html,
        image,
        published,
        modified,
        authors,
        tags,
        categories,
        language: string(&["language", "lang", "languageCode"]).or(language_suffix),
        slug,
        source,
        stored_body: None,
    })))
}

/// The line of the file where front matter key `key` is set (`key:` or `key =`).
fn key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|line| {
            line.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with([':', '=']))
        })
        .map(|i| i + 1)
}

fn file_stem(file: &Path) -> String {
    file.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_owned()
}

/// `post.fa` → (`fa`, `post`): Hugo's and Zola's language suffix.
fn split_language(stem: &str) -> (Option<String>, String) {
    if let Some((name, lang)) = stem.rsplit_once('.') {
        let primary = lang.split('-').next().unwrap_or_default();
        let plausible = (2..=3).contains(&primary.len())
            && primary.chars().all(|c| c.is_ascii_lowercase())
            && lang.len() <= 8;
        if plausible && !name.is_empty() {
            return (Some(lang.to_owned()), name.to_owned());
        }
    }
    (None, stem.to_owned())
}

/// Jekyll's `2024-08-08-my-post` → the date and the slug.
fn jekyll_name(stem: &str) -> (Option<String>, Option<String>) {
    let bytes = stem.as_bytes();
    let dated = bytes.len() > 11
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes[10] == b'-'
        && stem[..4].chars().all(|c| c.is_ascii_digit())
        && stem[5..7].chars().all(|c| c.is_ascii_digit())
        && stem[8..10].chars().all(|c| c.is_ascii_digit());
    if dated {
        (Some(stem[..10].to_owned()), Some(stem[11..].to_owned()))
    } else {
        (None, None)
    }
}

/// Where the generator would publish a post that names no address of its own.
fn default_address(
    layout: Layout,
    relative: &Path,
    slug: Option<&str>,
    published: Option<&folio_core::Date>,
    categories: &[String],
) -> Option<String> {
    let slug = slug?;
    let slug_part = folio_core::slug::slugify(slug);
    let slug_part = if slug_part.is_empty() {
        slug.to_owned()
    } else {
        slug_part
    };
    match layout {
        Layout::Jekyll => {
            let (y, m, d) = published?.ymd();
            let mut path = String::from("/");
            for c in categories {
                path.push_str(&folio_core::slug::slugify(c));
                path.push('/');
            }
            Some(format!("{path}{y:04}/{m:02}/{d:02}/{slug_part}.html"))
        }
        Layout::Hugo | Layout::Zola | Layout::Eleventy => {
            let mut section: Vec<String> = relative
                .parent()
                .map(|p| {
                    p.components()
                        .map(|c| c.as_os_str().to_string_lossy().into_owned())
                        .collect()
                })
                .unwrap_or_default();
            // A page bundle's folder is the post itself.
            if relative
                .file_stem()
                .and_then(|s| s.to_str())
                .is_some_and(|s| s == "index" || s.starts_with("index."))
            {
                section.pop();
            }
            let mut path = String::from("/");
            for part in section {
                path.push_str(&part);
                path.push('/');
            }
            Some(format!("{path}{slug_part}/"))
        }
    }
}

/// A string, number or date value as text.
fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn truthy(value: &Value) -> bool {
    match value {
        Value::Bool(b) => *b,
        Value::String(s) => matches!(s.trim().to_ascii_lowercase().as_str(), "true" | "yes" | "1"),
        Value::Number(n) => n.as_i64().is_some_and(|n| n != 0),
        _ => false,
    }
}

/// A list of strings from a list, or from one comma-separated string.
fn list(value: Option<&Value>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |s: &str| {
        let s = s.trim();
        if !s.is_empty() && !out.iter().any(|o| o == s) {
            out.push(s.to_owned());
        }
    };
    match value {
        Some(Value::Array(items)) => items.iter().filter_map(scalar).for_each(|s| push(&s)),
        Some(Value::String(s)) => s.split(',').for_each(&mut push),
        _ => {}
    }
    out
}

/// Author names from a name, a list of names, or objects with a `name`.
fn authors(value: Option<&Value>) -> Vec<String> {
    let name_of = |v: &Value| match v {
        Value::Object(map) => map.get("name").and_then(scalar),
        other => scalar(other),
    };
    match value {
        Some(Value::Array(items)) => items.iter().filter_map(name_of).collect(),
        Some(other) => name_of(other).into_iter().collect(),
        None => Vec::new(),
    }
}

/// Markdown to HTML, with tables, footnotes, strikethrough and task lists.
pub fn render(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, Parser::new_ext(markdown, options));
    out.trim_end().to_owned()
}

/// Template tags that only a site generator can run.
pub mod templates {
    /// Removes Liquid (`{% … %}`, `{{ … }}`) and Hugo shortcodes (`{{< … >}}`,
    /// `{{% … %}}`), keeping what a reader should see: the content between paired
    /// tags, `{% raw %}` text, highlighted code as a fenced block, and Hugo's
    /// `figure` as a figure. Fenced code blocks are left alone.
    pub fn strip(body: &str) -> String {
        let mut out = String::with_capacity(body.len());
        let mut fence: Option<&str> = None;
        let mut pending = String::new();
        for line in body.split_inclusive('\n') {
            let trimmed = line.trim_start();
            if let Some(marker) = fence {
                out.push_str(line);
                if trimmed.starts_with(marker) {
                    fence = None;
                }
                continue;
            }
            if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
                out.push_str(&strip_text(&std::mem::take(&mut pending)));
                fence = Some(if trimmed.starts_with("```") {
                    "```"
                } else {
                    "~~~"
                });
                out.push_str(line);
                continue;
            }
            pending.push_str(line);
        }
        out.push_str(&strip_text(&pending));
        out
    }

    /// Finds patterns in `text`, remembering each pattern's last answer so that many
    /// unclosed tags cost linear time, not a scan to the end each.
    struct Finder<'a> {
        text: &'a str,
        /// Per pattern: (searched from, first match at or after it, or `usize::MAX`).
        cache: Vec<Option<(usize, usize)>>,
    }

    impl Finder<'_> {
        fn find(&mut self, pattern: usize, needle: &str, from: usize) -> Option<usize> {
            if let Some((start, found)) = self.cache[pattern] {
                if start <= from && (found >= from) {
                    return (found != usize::MAX).then_some(found);
                }
            }
            let found = self
                .text
                .get(from..)
                .and_then(|t| t.find(needle))
                .map_or(usize::MAX, |p| p + from);
            self.cache[pattern] = Some((from, found));
            (found != usize::MAX).then_some(found)
        }
    }

    const CLOSES: [&str; 4] = [">}}", "%}}", "%}", "}}"];

    fn strip_text(text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut finder = Finder {
            text,
            cache: vec![None; 7],
        };
        let mut at = 0;
        while let Some(offset) = text[at..].find('{') {
            let pos = at + offset;
            let tail = &text[pos..];
            let kind = if tail.starts_with("{{<") {
                0
            } else if tail.starts_with("{{%") {
                1
            } else if tail.starts_with("{%") {
                2
            } else if tail.starts_with("{{") {
                3
            } else {
                out.push_str(&text[at..=pos]);
                at = pos + 1;
                continue;
            };
            let open = ["{{<", "{{%", "{%", "{{"][kind];
            let close = CLOSES[kind];
            out.push_str(&text[at..pos]);
            let inner_start = pos + open.len();
            let Some(end) = finder.find(kind, close, inner_start) else {
                out.push_str(open);
                at = inner_start;
                continue;
            };
            let inner = text[inner_start..end].trim();
            at = end + close.len();
            // Hugo's escaped shortcodes `{{</* x */>}}` are shown as written.
            if let Some(shown) = inner.strip_prefix("/*").and_then(|i| i.strip_suffix("*/")) {
                out.push_str(open);
                out.push(' ');
                out.push_str(shown.trim());
                out.push(' ');
                out.push_str(close);
                continue;
            }
            let (name, args) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
            match name.trim_start_matches('-') {
                "raw" if kind == 2 => {
                    if let Some(e) = finder.find(4, "endraw", at) {
                        let tag_start = text[..e].rfind("{%").filter(|&t| t >= at).unwrap_or(e);
                        out.push_str(&text[at..tag_start]);
                        at = finder.find(2, "%}", e).map_or(text.len(), |c| c + 2);
                    }
                }
                "highlight" => {
                    let lang = args
                        .split_whitespace()
                        .next()
                        .unwrap_or_default()
                        .trim_matches('"');
                    out.push_str("\n```");
                    out.push_str(lang);
                    out.push('\n');
                    let (slot, closing) = if kind == 2 {
                        (5, "endhighlight")
                    } else {
                        (6, "/highlight")
                    };
                    if let Some(e) = finder.find(slot, closing, at) {
                        let code_end = text[..e].rfind(open).filter(|&c| c >= at).unwrap_or(e);
                        out.push_str(text[at..code_end].trim_matches('\n'));
                        at = finder
                            .find(kind, close, e)
                            .map_or(text.len(), |c| c + close.len());
                    }
                    out.push_str("\n```\n");
                }
                "figure" if kind != 2 => out.push_str(&figure(args)),
                _ => {}
            }
        }
        out.push_str(&text[at..]);
        out
    }

    fn arg(args: &str, key: &str) -> Option<String> {
        let pattern = format!("{key}=\"");
        let start = args.find(&pattern)? + pattern.len();
        let end = args[start..].find('"')?;
        Some(args[start..start + end].to_owned())
    }

    fn figure(args: &str) -> String {
        let attr = |s: &str| crate::xml::escape_text(s).replace('"', "&quot;");
        let Some(src) = arg(args, "src") else {
            return String::new();
        };
        let alt = arg(args, "alt").unwrap_or_default();
        let mut html = format!(
            "<figure><img src=\"{}\" alt=\"{}\">",
            attr(&src),
            attr(&alt)
        );
        if let Some(caption) = arg(args, "caption").or_else(|| arg(args, "title")) {
            html.push_str("<figcaption>");
            html.push_str(&crate::xml::escape_text(&caption));
            html.push_str("</figcaption>");
        }
        html.push_str("</figure>");
        html
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_in_each_format() {
        let (m, body, _) = front_matter("---\ntitle: A\n---\nBody\n");
        assert!(matches!(m, Some((Format::Yaml, "title: A\n", 2))));
        assert_eq!(body, "Body\n");
        let (m, body, _) = front_matter("+++\ntitle = \"A\"\n+++\n\nBody");
        assert!(matches!(m, Some((Format::Toml, "title = \"A\"\n", 2))));
        assert_eq!(body, "\nBody");
        let (m, body, _) = front_matter("{\"title\": \"A\"}\nBody");
        assert!(matches!(m, Some((Format::Json, _, 1))));
        assert_eq!(body, "\nBody");
        let (m, body, _) = front_matter("No front matter\n---\n");
        assert!(m.is_none());
        assert_eq!(body, "No front matter\n---\n");
    }

    #[test]
    fn yaml_errors_have_a_line() {
        let err = parse_data("title: A\ntags: [a, b\n", Format::Yaml).expect_err("broken");
        assert!(err.0 >= 2, "{err:?}");
        let err = parse_data("title = \nx = 1", Format::Toml).expect_err("broken");
        assert_eq!(err.0, 1, "{err:?}");
    }

    #[test]
    fn gfm_extensions_render() {
        let html = render(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ new[^1]\n\n- [x] done\n\n[^1]: A note.",
        );
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("<del>old</del>"), "{html}");
        assert!(
            html.contains("<sup class=\"footnote-reference\">"),
            "{html}"
        );
        assert!(html.contains("type=\"checkbox\""), "{html}");
    }

    #[test]
    fn template_tags_never_show_raw() {
        let text = templates::strip(
            "Hi {{ page.title }}.\n{% include note.html %}\n{{< youtube abc >}}\n{{% notice %}}Kept{{% /notice %}}\n{% raw %}{{ shown }}{% endraw %}\n{{< figure src=\"/a.jpg\" caption=\"Cap\" >}}\n```\n{{ in code }}\n```\n",
        );
        assert!(!text.contains("page.title"), "{text}");
        assert!(!text.contains("include"), "{text}");
        assert!(!text.contains("youtube"), "{text}");
        assert!(text.contains("Kept"), "{text}");
        assert!(!text.contains("notice"), "{text}");
        assert!(text.contains("{{ shown }}"), "{text}");
        assert!(
            text.contains(
                "<figure><img src=\"/a.jpg\" alt=\"\"><figcaption>Cap</figcaption></figure>"
            ),
            "{text}"
        );
        assert!(text.contains("{{ in code }}"), "{text}");
    }

    #[test]
    fn many_unclosed_tags_cost_linear_time() {
        // Quadratic scanning would take minutes here; linear takes milliseconds.
        let text = "{%".repeat(200_000) + &"{{a}} ".repeat(100_000);
        let out = templates::strip(&text);
        assert!(out.starts_with("{%{%"), "{}", &out[..10]);
        assert!(!out.contains("{{a}}"));
    }

    #[test]
    fn liquid_highlight_becomes_a_fenced_block() {
        let text = templates::strip("{% highlight ruby %}\nputs 1\n{% endhighlight %}\nafter");
        assert!(text.contains("```ruby\nputs 1\n```"), "{text}");
        assert!(text.contains("after"), "{text}");
    }

    #[test]
    fn file_names_give_jekyll_dates_and_languages() {
        assert_eq!(
            jekyll_name("2024-08-08-hello-world"),
            (Some("2024-08-08".into()), Some("hello-world".into()))
        );
        assert_eq!(jekyll_name("hello"), (None, None));
        assert_eq!(
            split_language("post.fa"),
            (Some("fa".into()), "post".into())
        );
        assert_eq!(split_language("v1.2"), (None, "v1.2".into()));
    }
}

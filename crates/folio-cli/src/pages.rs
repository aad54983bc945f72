//! `--pages`: every post, and every page of the list, as a static HTML document at the
//! address the app uses with path routing, readable with no JavaScript at all, with the
//! tags link previews and search engines read. Each page also loads the app (its tags
//! come from the app's own `index.html`), which takes the page over when it runs.
//!
//! The markup uses the app's own classes, so the app's stylesheet lays it out the same
//! way before and after the takeover.

use crate::sanitize::Sanitizer;
use folio_core::i18n::{Lang, Msg};
use folio_core::sanitize_policy::LINK_REL;
use folio_core::{Archive, Author, Post};
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use url::Url;

thread_local! {
    /// The interface language of the archive being written (its feed's `language`, as
    /// the app chooses it), so that every page reads as the app will draw it.
    static UI: std::cell::Cell<Lang> = const { std::cell::Cell::new(Lang::En) };
}

/// The interface language of the pages being written.
fn ui() -> Lang {
    UI.with(std::cell::Cell::get)
}

/// `msg` in the pages' language, escaped for HTML.
fn tr(msg: Msg) -> String {
    escape(ui().text(msg))
}

/// Posts per list page, as the app's default.
const PER_PAGE: usize = 10;
/// Posts in the Atom feed.
const ATOM_ENTRIES: usize = 50;
/// Marks a page this command wrote (and not the app's own `index.html`).
const MARKER: &str = "data-folio-static";
/// The files a pages build wrote, kept so the next one can remove pages of posts that
/// are gone.
const PAGE_FILES: &str = ".folio-page-files";
/// The app's `<head>`, saved by the first pages build.
const SHELL: &str = ".folio-shell.html";

/// What a pages build did.
pub struct Outcome {
    pub pages: usize,
    pub written: usize,
    pub unchanged: usize,
    pub bytes: u64,
}

/// Writes the pages, `sitemap.xml`, `robots.txt` and `feed.atom` for `out/posts.json`.
pub fn write(out: &Path, site: &Url, newest: Option<usize>) -> Result<Outcome, String> {
    let feed = out.join("posts.json");
    let text = std::fs::read_to_string(&feed)
        .map_err(|e| format!("{}: cannot read: {e}", feed.display()))?;
    let archive = Archive::from_json(&text).map_err(|e| format!("{}: {e}", feed.display()))?;
    drop(text);
    UI.with(|ui| ui.set(Lang::choose(None, archive.language.as_deref())));
    let site = directory(site);
    let shell = Shell::find(out, &site)?;
    let sanitizer = Sanitizer::new(Some(site.clone()));
    let mut files = Files::new(out);

    let total_pages = archive.posts.len().div_ceil(PER_PAGE).max(1);
    let index = folio_core::search::SearchIndex::build(&archive);
    let aside = facets(&index, None);
    let home = ListScope {
        author: None,
        posts: archive.posts.iter().collect(),
        base: String::new(),
    };
    // With a limit, only the newest posts get pages, and only the list pages showing
    // them; the rest of the archive is the app's.
    // A limit is rounded up to whole list pages, so every static list page's posts
    // have their pages.
    let with_pages = newest
        .map_or(usize::MAX, |n| {
            n.div_ceil(PER_PAGE).saturating_mul(PER_PAGE)
        })
        .min(archive.posts.len());
    let static_lists = with_pages.div_ceil(PER_PAGE).clamp(1, total_pages);
    for page in 1..=static_lists {
        let html = list_page(&archive, &shell, &site, &home, page, static_lists, &aside);
        let path = if page == 1 {
            PathBuf::from("index.html")
        } else {
            PathBuf::from(format!("page/{page}/index.html"))
        };
        files.put(&path, html.as_bytes())?;
    }
    // Each author's page: their newest posts, then the app's pages for the rest.
    let mut authors = Vec::new();
    for author in authors_with_pages(&archive) {
        let scope = ListScope {
            author: Some(author),
            posts: archive
                .posts
                .iter()
                .filter(|p| p.authors.iter().any(|a| a.name == author.name))
                .collect(),
            base: author_href(author),
        };
        // An author named in the feed with no posts gets no page: the app shows them none.
        if scope.posts.is_empty() {
            continue;
        }
        let aside = facets(&index, Some(author));
        let html = list_page(&archive, &shell, &site, &scope, 1, 1, &aside);
        // The folder is the slug as written (a host decodes the address it is asked for).
        let folder = PathBuf::from(format!("authors/{}", author.slug()));
        files.put(&folder.join("index.html"), html.as_bytes())?;
        authors.push(author);
    }
    let related = folio_core::search::Related::new(index.columns());
    for (i, post) in archive.posts.iter().enumerate().take(with_pages) {
        let body = body_html(post, out, &sanitizer);
        let newer = i.checked_sub(1).and_then(|j| archive.posts.get(j));
        let older = archive.posts.get(i + 1);
        let related = related.of(i, 3);
        let html = post_page(&archive, &shell, &site, post, &body, newer, older, &related);
        files.put(&post_path(post), html.as_bytes())?;
    }
    files.put(
        Path::new("sitemap.xml"),
        sitemap(&archive, &site, static_lists, with_pages, &authors).as_bytes(),
    )?;
    files.put(
        Path::new("feed.atom"),
        atom(&archive, &site, &sanitizer, out).as_bytes(),
    )?;
    let robots = out.join("robots.txt");
    let ours =
        std::fs::read_to_string(&robots).map_or(true, |t| t.starts_with("# Written by folio"));
    if !ours {
        // The site's own: never removed as a page of an earlier build.
        files.keep(Path::new("robots.txt"));
    }
    if ours {
        let text = format!(
            "# Written by folio build --pages. Replace it to write your own.\nUser-agent: *\nAllow: /\nSitemap: {}\n",
            site.join("sitemap.xml").map_or_else(|_| "sitemap.xml".to_owned(), |u| u.to_string())
        );
        files.put(Path::new("robots.txt"), text.as_bytes())?;
    }
    files.finish()?;
    Ok(Outcome {
        pages: static_lists + with_pages + authors.len(),
        written: files.written,
        unchanged: files.unchanged,
        bytes: files.bytes,
    })
}

/// `url` as a folder: with a trailing slash, so that joining keeps its path.
fn directory(url: &Url) -> Url {
    let mut url = url.clone();
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    url.set_query(None);
    url.set_fragment(None);
    url
}

fn post_path(post: &Post) -> PathBuf {
    PathBuf::from(format!("posts/{}/index.html", post.slug))
}

/// The address of a post, relative to the site (and so to `<base href>`).
fn post_href(post: &Post) -> String {
    format!(
        "posts/{}/",
        percent_encoding::utf8_percent_encode(&post.slug, SEGMENT)
    )
}

const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}');

/// The authors that get a static page: everyone the archive names, once each (by the
/// slug of their page, the feed's own entry first), whose name makes a slug. A name
/// with no letters or digits has an app page only: its slug is not a safe folder name.
fn authors_with_pages(archive: &Archive) -> Vec<&Author> {
    let mut seen = BTreeSet::new();
    // The archive's authors are the feed's, then every post's, each once.
    archive
        .authors
        .iter()
        .filter(|a| !folio_core::slug::slugify(&a.name).is_empty())
        .filter(|a| seen.insert(a.slug()))
        .collect()
}

/// The address of an author's page, relative to the site.
fn author_href(author: &Author) -> String {
    author_href_for(&author.name)
}

/// The address of the page of the author with this name, relative to the site.
fn author_href_for(name: &str) -> String {
    format!(
        "authors/{}/",
        percent_encoding::utf8_percent_encode(&folio_core::slug::author_slug(name), SEGMENT)
    )
}

/// An author's bio, site (on their own page; a card links the name instead) and contact
/// address, as the app writes them.
fn author_lines(out: &mut String, author: &Author, with_site: bool) {
    if let Some(bio) = &author.bio {
        let _ = write!(
            out,
            "<p class=\"folio-author__bio\" dir=\"auto\">{}</p>",
            escape(bio)
        );
    }
    if let Some(url) = author.url.as_ref().filter(|_| with_site) {
        let _ = write!(
            out,
            "<p class=\"folio-author__site\"><a href=\"{}\" rel=\"{LINK_REL}\">{}</a></p>",
            escape(url),
            tr(Msg::Website)
        );
    }
    if let Some(email) = &author.email {
        let _ = write!(
            out,
            "<p class=\"folio-author__email\"><a href=\"mailto:{0}\" rel=\"{LINK_REL}\">{0}</a></p>",
            escape(email)
        );
    }
}

/// Which list a static list page shows: the whole archive's, or one author's.
struct ListScope<'a> {
    /// The author whose page it is.
    author: Option<&'a Author>,
    /// Its posts, newest first.
    posts: Vec<&'a Post>,
    /// Its address relative to the site: `""`, or `authors/<slug>/`.
    base: String,
}

fn list_href(page: usize) -> String {
    if page <= 1 {
        "./".to_owned()
    } else {
        format!("page/{page}/")
    }
}

/// Writes files whose content changed, and remembers which it wrote.
struct Files<'a> {
    out: &'a Path,
    names: BTreeSet<String>,
    written: usize,
    unchanged: usize,
    bytes: u64,
}

impl<'a> Files<'a> {
    fn new(out: &'a Path) -> Self {
        Self {
            out,
            names: BTreeSet::new(),
            written: 0,
            unchanged: 0,
            bytes: 0,
        }
    }

    fn keep(&mut self, relative: &Path) {
        self.names.insert(relative.to_string_lossy().into_owned());
    }

    fn put(&mut self, relative: &Path, content: &[u8]) -> Result<(), String> {
        let path = self.out.join(relative);
        self.names.insert(relative.to_string_lossy().into_owned());
        self.bytes += content.len() as u64;
        if std::fs::read(&path).is_ok_and(|old| old == content) {
            self.unchanged += 1;
            return Ok(());
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("{}: cannot create the folder: {e}", parent.display()))?;
        }
        let partial = path.with_extension("partial");
        std::fs::write(&partial, content)
            .and_then(|()| std::fs::rename(&partial, &path))
            .map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
        self.written += 1;
        Ok(())
    }

    /// Removes the pages an earlier build wrote that this one did not (a deleted
    /// post, a list page fewer), and records this build's.
    fn finish(&mut self) -> Result<(), String> {
        let list = self.out.join(PAGE_FILES);
        if let Ok(previous) = std::fs::read_to_string(&list) {
            let gone = previous
                .lines()
                .filter(|n| !self.names.contains(*n) && is_page_name(n));
            for name in gone {
                let path = self.out.join(name);
                // Only what a pages build wrote, and still as it wrote it.
                let ours = std::fs::read_to_string(&path).is_ok_and(|text| {
                    text.contains(MARKER)
                        || !Path::new(name)
                            .extension()
                            .is_some_and(|e| e.eq_ignore_ascii_case("html"))
                });
                if !ours {
                    continue;
                }
                if std::fs::remove_file(&path).is_ok() {
                    self.written += 1;
                    if let Some(folder) = path.parent() {
                        let _ = std::fs::remove_dir(folder);
                    }
                }
            }
        }
        let mut text = String::new();
        for name in &self.names {
            text.push_str(name);
            text.push('\n');
        }
        std::fs::write(&list, text).map_err(|e| format!("{}: cannot write: {e}", list.display()))
    }
}

/// True for a name a pages build writes: `index.html`, `page/N/index.html`,
/// `posts/<slug>/index.html`, `sitemap.xml` or `feed.atom` (never robots.txt, which may
/// have become the site's own, nor anything outside the folder).
fn is_page_name(name: &str) -> bool {
    let parts: Vec<&str> = name.split('/').collect();
    match parts.as_slice() {
        ["index.html" | "sitemap.xml" | "feed.atom"] => true,
        ["page", n, "index.html"] => !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()),
        ["posts", slug, "index.html"] => {
            !slug.is_empty() && slug.chars().all(|c| c.is_alphanumeric() || c == '-')
        }
        _ => false,
    }
}

/// The app's own `<head>` (its script, stylesheets, base and feed), from the
/// `index.html` `make dist` wrote, so each page loads the app.
struct Shell {
    head: String,
}

impl Shell {
    /// The app's head: from its `index.html` (or `404.html`) when that is still the
    /// app's, saved beside the pages for later builds, since page 1 of the list then
    /// takes `index.html`'s place.
    fn find(out: &Path, site: &Url) -> Result<Self, String> {
        let saved = out.join(SHELL);
        let app = ["index.html", "404.html"]
            .iter()
            .filter_map(|name| std::fs::read_to_string(out.join(name)).ok())
            .find(|text| !text.contains(MARKER) && head_of(text).is_some());
        if let Some(head) = app.as_deref().and_then(head_of) {
            if std::fs::read_to_string(&saved).ok().as_deref() != Some(head.as_str()) {
                std::fs::write(&saved, &head)
                    .map_err(|e| format!("{}: cannot write: {e}", saved.display()))?;
            }
            return Ok(Self { head });
        }
        if let Ok(head) = std::fs::read_to_string(&saved) {
            return Ok(Self { head });
        }
        if std::fs::read_to_string(out.join("index.html")).is_ok_and(|t| t.contains(MARKER)) {
            return Err(format!(
                "{}: index.html is a static page and the app's own head was not saved; run make dist (or trunk build) into it again",
                out.display()
            ));
        }
        // No app beside the pages: they stand alone (and later builds keep them so).
        let head = format!(
            "<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><base href=\"{}\">",
            escape(site.path())
        );
        std::fs::write(&saved, &head)
            .map_err(|e| format!("{}: cannot write: {e}", saved.display()))?;
        Ok(Self { head })
    }
}

impl Shell {
    /// The feed the app reads, from the head's `<meta name="folio-feed">` (`posts.json`
    /// when it names none), to offer as a subscription: `None` when it is a sharded
    /// index's manifest, which is not a feed.
    fn feed(&self) -> Option<String> {
        let meta = self
            .head
            .split('<')
            .find(|tag| tag.starts_with("meta") && tag.contains("name=\"folio-feed\""));
        let content = meta
            .and_then(|tag| tag.split("content=\"").nth(1))
            .and_then(|rest| rest.split('"').next())
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .unwrap_or("posts.json");
        (!content.ends_with("manifest.json")).then(|| content.to_owned())
    }
}

/// What is inside `<head>`, without its `<title>`.
fn head_of(text: &str) -> Option<String> {
    let start = text.find("<head>")? + "<head>".len();
    let end = start + text[start..].find("</head>")?;
    Some(without_title(&text[start..end]))
}

fn without_title(head: &str) -> String {
    match (head.find("<title>"), head.find("</title>")) {
        (Some(start), Some(end)) if end > start => {
            format!("{}{}", &head[..start], &head[end + "</title>".len()..])
        }
        _ => head.to_owned(),
    }
}

/// What goes in a page's `<head>` for previews and search engines.
struct Head<'a> {
    title: &'a str,
    description: &'a str,
    canonical: String,
    kind: &'a str,
    image: Option<String>,
    published: Option<String>,
    modified: Option<String>,
    authors: Vec<&'a str>,
    site_name: &'a str,
}

fn document(
    shell: &Shell,
    head: &Head<'_>,
    lang: Option<&str>,
    dir: Option<&str>,
    main: &str,
) -> String {
    let mut meta = String::new();
    let _ = write!(
        meta,
        "<title>{title}</title>\n<meta name=\"description\" content=\"{description}\">\n<link rel=\"canonical\" href=\"{canonical}\">\n\
         <meta property=\"og:type\" content=\"{kind}\">\n<meta property=\"og:title\" content=\"{title}\">\n\
         <meta property=\"og:description\" content=\"{description}\">\n<meta property=\"og:url\" content=\"{canonical}\">\n\
         <meta property=\"og:site_name\" content=\"{site_name}\">\n",
        title = escape(head.title),
        description = escape(head.description),
        canonical = escape(&head.canonical),
        kind = head.kind,
        site_name = escape(head.site_name),
    );
    if let Some(image) = head.image.as_deref() {
        let _ = writeln!(
            meta,
            "<meta property=\"og:image\" content=\"{}\">",
            escape(image)
        );
    }
    if let Some(published) = &head.published {
        let _ = writeln!(
            meta,
            "<meta property=\"article:published_time\" content=\"{published}\">"
        );
    }
    if let Some(modified) = &head.modified {
        let _ = writeln!(
            meta,
            "<meta property=\"article:modified_time\" content=\"{modified}\">"
        );
    }
    for author in &head.authors {
        let _ = writeln!(
            meta,
            "<meta property=\"article:author\" content=\"{}\">",
            escape(author)
        );
        let _ = writeln!(
            meta,
            "<meta name=\"author\" content=\"{}\">",
            escape(author)
        );
    }
    let card = if head.image.is_some() {
        "summary_large_image"
    } else {
        "summary"
    };
    let _ = writeln!(meta, "<meta name=\"twitter:card\" content=\"{card}\">");
    let _ = writeln!(
        meta,
        "<meta name=\"twitter:title\" content=\"{}\">",
        escape(head.title)
    );
    let _ = writeln!(
        meta,
        "<meta name=\"twitter:description\" content=\"{}\">",
        escape(head.description)
    );
    if let Some(image) = head.image.as_deref() {
        let _ = writeln!(
            meta,
            "<meta name=\"twitter:image\" content=\"{}\">",
            escape(image)
        );
    }
    meta.push_str("<link rel=\"alternate\" type=\"application/atom+xml\" href=\"feed.atom\">\n");
    if let Some(feed) = shell.feed() {
        let _ = writeln!(
            meta,
            "<link rel=\"alternate\" type=\"application/feed+json\" title=\"{}\" href=\"{}\">",
            escape(head.site_name),
            escape(&feed)
        );
    }
    format!(
        "<!doctype html>\n<html{}>\n<head>\n{}\n{meta}</head>\n<body>\n\
         <div class=\"folio folio--page\"{} {MARKER}>\n<main id=\"folio-main\" class=\"folio-main\">\n{main}\n</main>\n</div>\n</body>\n</html>\n",
        text_attributes(lang, dir),
        shell.head,
        text_attributes(Some(ui().tag()), Some(ui().dir()))
    )
}

fn list_page(
    archive: &Archive,
    shell: &Shell,
    site: &Url,
    scope: &ListScope,
    page: usize,
    static_lists: usize,
    aside: &str,
) -> String {
    let total = scope.posts.len().div_ceil(PER_PAGE).max(1);
    let posts = scope
        .posts
        .iter()
        .skip((page - 1) * PER_PAGE)
        .take(PER_PAGE);
    let mut main = String::new();
    main.push_str("<div class=\"folio-list\">\n");
    match scope.author {
        Some(author) => main.push_str(&author_header(archive, author)),
        None => main.push_str(&header(archive, shell.feed().as_deref())),
    }
    if !scope.posts.is_empty() {
        main.push_str(&search_form());
    }
    let count = match scope.posts.len() {
        0 => tr(Msg::EmptyArchive),
        n => escape(&ui().count(Msg::CountPosts, n)),
    };
    let _ = write!(
        main,
        "<div class=\"folio-list__layout\"><section class=\"folio-list__posts\" aria-labelledby=\"folio-posts-heading\">\n\
         <h2 id=\"folio-posts-heading\" class=\"folio-list__heading\" tabindex=\"-1\">{}</h2>\n<p class=\"folio-list__count\">{count}</p>\n",
        tr(Msg::Posts)
    );
    for post in posts {
        main.push_str(&card(post));
    }
    main.push_str(&pagination(page, total, static_lists, &scope.base));
    main.push_str("</section>\n");
    main.push_str(aside);
    main.push_str("</div>\n</div>");
    // As the app titles and describes the same page.
    let (title, description) = match scope.author {
        Some(author) => (
            format!("{} — {}", author.name, archive.title),
            author
                .bio
                .clone()
                .unwrap_or_else(|| ui().fill(Msg::PostsBy, &[("name", &author.name)])),
        ),
        None => (
            archive.title.clone(),
            archive
                .description
                .clone()
                .unwrap_or_else(|| archive.title.clone()),
        ),
    };
    let title = if page > 1 {
        ui().fill(
            Msg::PageTitleN,
            &[("title", &title), ("n", &ui().number(page))],
        )
    } else {
        title
    };
    let href = if scope.base.is_empty() {
        list_href(page)
    } else {
        scope.base.clone()
    };
    let canonical = site
        .join(&href)
        .map_or_else(|_| site.to_string(), |u| u.to_string());
    let image = match scope.author {
        Some(author) => author.avatar.as_deref(),
        None => archive.icon.as_deref(),
    };
    let head = Head {
        title: &title,
        description: &description,
        canonical,
        kind: if scope.author.is_some() {
            "profile"
        } else {
            "website"
        },
        image: image.map(|i| absolute(site, i)),
        published: None,
        modified: None,
        authors: Vec::new(),
        site_name: &archive.title,
    };
    // The list's wider column, named outright: the app's stylesheet also widens it
    // with `:has()`, which the first layout of a static page may not apply yet.
    document(
        shell,
        &head,
        archive.language.as_deref(),
        archive.direction(),
        &main,
    )
    .replacen(
        "class=\"folio-main\"",
        "class=\"folio-main folio-main--list\"",
        1,
    )
}

/// The app's search form, as it first renders, with its controls disabled: it takes a
/// running app to search, and the form keeps its place so the takeover does not move the
/// posts below it.
fn search_form() -> String {
    format!(
        "<form class=\"folio-search\" role=\"search\">\
<div class=\"folio-search__field folio-search__field--query\"><label for=\"folio-q\">{search}</label>\
<input id=\"folio-q\" class=\"folio-search__input\" type=\"search\" aria-describedby=\"folio-q-hint\" disabled>\
<p id=\"folio-q-hint\" class=\"folio-search__hint\">{hint}</p></div>\
<div class=\"folio-search__field\"><label for=\"folio-from\">{from}</label><input id=\"folio-from\" class=\"folio-search__date\" type=\"date\" disabled></div>\
<div class=\"folio-search__field\"><label for=\"folio-to\">{to}</label><input id=\"folio-to\" class=\"folio-search__date\" type=\"date\" disabled></div>\
<div class=\"folio-search__field\"><label for=\"folio-sort\">{sort}</label><select id=\"folio-sort\" class=\"folio-search__sort\" disabled>\
<option value=\"relevance\">{relevance}</option><option value=\"newest\">{newest}</option></select></div></form>\n",
        search = tr(Msg::Search),
        hint = folio_core::i18n::fill(
            &tr(Msg::KeyHintPage),
            &[("slash", "<kbd>/</kbd>"), ("esc", "<kbd>Esc</kbd>")]
        ),
        from = tr(Msg::From),
        to = tr(Msg::To),
        sort = tr(Msg::Sort),
        relevance = tr(Msg::SortRelevance),
        newest = tr(Msg::SortNewest),
    )
}

/// The list's side column as the app first draws it: tag and author facets with their
/// counts, and the months of the newest year. On an author's page, the counts are of
/// their posts, its links stay on their page, and there is no author facet.
fn facets(index: &folio_core::search::SearchIndex, author: Option<&Author>) -> String {
    use folio_core::list_state::ListState;
    use folio_core::search::Filters;
    let all = index.search(&Filters {
        author: author.map(|a| a.name.clone()),
        ..Filters::default()
    });
    let base = author.map_or_else(|| "./".to_owned(), author_href);
    let mut out = format!(
        "<aside class=\"folio-list__facets\" aria-label=\"{}\">",
        tr(Msg::Filters)
    );
    let mut list = |title: Msg, label: Msg, entries: Vec<(String, usize, String)>| {
        if entries.is_empty() {
            return;
        }
        let _ = write!(
            out,
            "<section class=\"folio-facet\" aria-label=\"{}\"><h3 class=\"folio-facet__title\">{}</h3><ul class=\"folio-facet__list\">",
            tr(label),
            tr(title)
        );
        for (label, count, href) in entries {
            let _ = write!(
                out,
                "<li><a href=\"{}\" class=\"folio-facet__link\"><bdi class=\"folio-facet__label\">{}</bdi><span class=\"folio-facet__count\">{}</span></a></li>",
                escape(&href),
                escape(&label),
                ui().number(count)
            );
        }
        out.push_str("</ul></section>");
    };
    let state = ListState::default();
    list(
        Msg::Categories,
        Msg::FilterByCategories,
        all.categories
            .iter()
            .take(20)
            .map(|(c, n)| {
                (
                    c.clone(),
                    *n,
                    format!("{base}?{}", state.toggle_category(c).to_query()),
                )
            })
            .collect(),
    );
    list(
        Msg::Tags,
        Msg::FilterByTags,
        all.tags
            .iter()
            .take(20)
            .map(|(t, n)| {
                (
                    t.clone(),
                    *n,
                    format!("{base}?{}", state.toggle_tag(t).to_query()),
                )
            })
            .collect(),
    );
    if author.is_none() {
        list(
            Msg::Authors,
            Msg::FilterByAuthors,
            all.authors
                .iter()
                .map(|(name, n)| (name.clone(), *n, author_href_for(name)))
                .collect(),
        );
    }
    if let Some(newest) = all.months.first().map(|m| m.year) {
        let _ = write!(out, "<section class=\"folio-facet folio-months\" aria-label=\"{}\"><h3 class=\"folio-facet__title\">{}</h3><ul class=\"folio-months__years\">", tr(Msg::FilterByMonth), tr(Msg::Archives));
        let mut years: Vec<(i32, Vec<&folio_core::search::MonthCount>)> = Vec::new();
        for m in &all.months {
            match years.last_mut() {
                Some((year, months)) if *year == m.year => months.push(m),
                _ => years.push((m.year, vec![m])),
            }
        }
        for (year, months) in years {
            let total: usize = months.iter().map(|m| m.count).sum();
            let open = if year == newest { " open" } else { "" };
            let _ = write!(out, "<li class=\"folio-months__year\"><details{open}><summary>{year} ({total})</summary><ul class=\"folio-facet__list\">");
            if year == newest {
                for m in months {
                    let name = folio_core::MONTH_NAMES
                        .get(m.month as usize - 1)
                        .copied()
                        .unwrap_or_default();
                    let query = state.month(m.year, m.month).to_query();
                    let _ = write!(
                        out,
                        "<li><a href=\"{base}?{}\" class=\"folio-facet__link\"><span class=\"folio-facet__label\">{name} {}</span><span class=\"folio-facet__count\">{}</span></a></li>",
                        escape(&query),
                        m.year,
                        m.count
                    );
                }
            }
            out.push_str("</ul></details></li>");
        }
        out.push_str("</ul></section>");
    }
    out.push_str("</aside>");
    out
}

fn header(archive: &Archive, feed: Option<&str>) -> String {
    let mut out =
        String::from("<header class=\"folio-header\"><div class=\"folio-header__masthead\">");
    if let Some(icon) = archive.icon.as_deref().or(archive.favicon.as_deref()) {
        let _ = write!(
            out,
            "<img class=\"folio-header__icon\" src=\"{}\" alt=\"\" width=\"56\" height=\"56\" referrerpolicy=\"no-referrer\">",
            escape(icon)
        );
    }
    // The feed's own words, in its language and direction, as the app marks them.
    let feed_text = text_attributes(archive.language.as_deref(), Some(archive.text_dir()));
    let _ = write!(
        out,
        "<div><h1 class=\"folio-header__title\" tabindex=\"-1\"{feed_text}>{}</h1>",
        escape(&archive.title)
    );
    if let Some(d) = &archive.description {
        let _ = write!(
            out,
            "<p class=\"folio-header__description\"{feed_text}>{}</p>",
            escape(d)
        );
    }
    if let Some(home) = &archive.home_page_url {
        let _ = write!(
            out,
            "<p class=\"folio-header__home\"><a href=\"{}\" rel=\"{LINK_REL}\">{}</a></p>",
            escape(home),
            tr(Msg::VisitWebsite)
        );
    }
    if let Some(feed) = feed {
        let _ = write!(
            out,
            "<p class=\"folio-header__subscribe\"><a href=\"{}\" type=\"application/feed+json\">{}</a></p>",
            escape(feed),
            tr(Msg::Subscribe)
        );
    }
    out.push_str("</div></div>");
    if !archive.authors.is_empty() {
        let label = if archive.authors.len() == 1 {
            tr(Msg::Author)
        } else {
            tr(Msg::Authors)
        };
        if archive.authors.len() > 1 {
            // Several: a compact row, each name linking to the author's page.
            let _ = write!(out, "<section class=\"folio-header__authors\" aria-label=\"{label}\"><ul class=\"folio-header__author-list folio-header__author-list--row\">");
            for author in &archive.authors {
                let _ = write!(
                    out,
                    "<li><a class=\"folio-author-chip\" href=\"{}\">",
                    escape(&author_href(author))
                );
                if let Some(avatar) = &author.avatar {
                    let _ = write!(out, "<img class=\"folio-author-chip__avatar\" src=\"{}\" alt=\"\" width=\"32\" height=\"32\" referrerpolicy=\"no-referrer\" loading=\"lazy\">", escape(avatar));
                }
                let _ = write!(
                    out,
                    "<bdi class=\"folio-author-chip__name\">{}</bdi></a></li>",
                    escape(&author.name)
                );
            }
            out.push_str("</ul></section>");
            out.push_str("</header>\n");
            return out;
        }
        let _ = write!(out, "<section class=\"folio-header__authors\" aria-label=\"{label}\"><ul class=\"folio-header__author-list\">");
        for author in &archive.authors {
            out.push_str("<li><div class=\"folio-author\">");
            if let Some(avatar) = &author.avatar {
                let _ = write!(out, "<img class=\"folio-author__avatar\" src=\"{}\" alt=\"\" width=\"48\" height=\"48\" referrerpolicy=\"no-referrer\" loading=\"lazy\">", escape(avatar));
            }
            out.push_str("<div class=\"folio-author__text\"><p class=\"folio-author__heading\">");
            match &author.url {
                Some(url) => {
                    let _ = write!(
                        out,
                        "<a class=\"folio-author__name\" href=\"{}\" rel=\"{LINK_REL}\">{}</a>",
                        escape(url),
                        escape(&author.name)
                    );
                }
                None => {
                    let _ = write!(
                        out,
                        "<span class=\"folio-author__name\">{}</span>",
                        escape(&author.name)
                    );
                }
            }
            out.push_str("</p>");
            author_lines(&mut out, author, false);
            out.push_str("</div></div></li>");
        }
        out.push_str("</ul></section>");
    }
    out.push_str("</header>\n");
    out
}

/// "Related posts" after a post, as the app draws it.
fn related_section(archive: &Archive, related: &[usize]) -> String {
    let posts: Vec<&Post> = related
        .iter()
        .filter_map(|&p| archive.posts.get(p))
        .collect();
    if posts.is_empty() {
        return String::new();
    }
    let mut out = String::from("<section class=\"folio-related\" aria-labelledby=\"folio-related-heading\"><h2 id=\"folio-related-heading\" class=\"folio-related__heading\">");
    out.push_str(&tr(Msg::RelatedPosts));
    out.push_str("</h2><ul class=\"folio-related__list\">");
    for post in posts {
        let _ = write!(
            out,
            "<li><a href=\"{}\" class=\"folio-related__link\"{}>{}</a>",
            post_href(post),
            title_attributes(post),
            escape(post.title_in(ui()))
        );
        if let Some(date) = &post.published {
            let _ = write!(
                out,
                "<time datetime=\"{}\">{}</time>",
                date.iso(),
                escape(&long_date(date.ymd(), Some(ui().tag())).unwrap_or_else(|| date.slashed()))
            );
        }
        out.push_str("</li>");
    }
    out.push_str("</ul></section>\n");
    out
}

/// An author's page's masthead, as the app draws it: the way back to the archive, then
/// the author's name as the heading, their avatar, bio, site and address.
fn author_header(archive: &Archive, author: &Author) -> String {
    let mut out = format!(
        "<header class=\"folio-header folio-header--author\"><p class=\"folio-header__archive\"><a href=\"./\"><bdi>{}</bdi></a></p><div class=\"folio-author folio-author--page\">",
        escape(&archive.title)
    );
    if let Some(avatar) = &author.avatar {
        let _ = write!(out, "<img class=\"folio-author__avatar\" src=\"{}\" alt=\"\" width=\"96\" height=\"96\" referrerpolicy=\"no-referrer\">", escape(avatar));
    }
    let _ = write!(
        out,
        "<div class=\"folio-author__text\"><h1 class=\"folio-header__title\" tabindex=\"-1\">{}</h1>",
        folio_core::i18n::fill(
            &tr(Msg::AuthorHeading),
            &[("name", &format!("<bdi>{}</bdi>", escape(&author.name)))]
        )
    );
    author_lines(&mut out, author, true);
    out.push_str("</div></div></header>\n");
    out
}

fn meta_line(post: &Post) -> String {
    let mut out = String::from("<div class=\"folio-meta\">");
    if let Some(date) = &post.published {
        let time = format!(
            "<bdi><time datetime=\"{}\">{}</time></bdi>",
            date.iso(),
            escape(&long_date(date.ymd(), Some(ui().tag())).unwrap_or_else(|| date.slashed()))
        );
        let _ = write!(
            out,
            "<span class=\"folio-meta__date\">{}</span> ",
            folio_core::i18n::fill(&tr(Msg::PostedOn), &[("date", &time)])
        );
    }
    if !post.authors.is_empty() {
        let names: Vec<String> = post
            .authors
            .iter()
            .map(|a| {
                format!(
                    "<a href=\"{}\" class=\"folio-meta__author\"><bdi>{}</bdi></a>",
                    escape(&author_href(a)),
                    escape(&a.name)
                )
            })
            .collect();
        let _ = write!(
            out,
            "<span class=\"folio-meta__authors\">{}</span> ",
            folio_core::i18n::fill(&tr(Msg::ByAuthors), &[("names", &names.join(", "))])
        );
    }
    if let Some(minutes) = post.minutes_to_read() {
        let text = ui().count(
            Msg::ReadingTime,
            usize::try_from(minutes).unwrap_or(usize::MAX),
        );
        let _ = write!(
            out,
            "<span class=\"folio-meta__reading\">{}</span> ",
            escape(&text)
        );
    }
    if !post.categories.is_empty() {
        let links: Vec<String> = post
            .categories
            .iter()
            .map(|c| {
                let query = folio_core::list_state::ListState::default()
                    .toggle_category(c)
                    .to_query();
                format!(
                    "<a href=\"./?{}\" class=\"folio-meta__category\"><bdi>{}</bdi></a>",
                    escape(&query),
                    escape(c)
                )
            })
            .collect();
        let _ = write!(
            out,
            "<span class=\"folio-meta__categories\">{}</span> ",
            folio_core::i18n::fill(&tr(Msg::InCategories), &[("names", &links.join(", "))])
        );
    }
    if !post.tags.is_empty() {
        let _ = write!(
            out,
            "<ul class=\"folio-meta__tags\" aria-label=\"{}\">",
            tr(Msg::Tags)
        );
        for tag in &post.tags {
            let query = folio_core::list_state::ListState::default()
                .toggle_tag(tag)
                .to_query();
            let _ = write!(
                out,
                "<li><a href=\"./?{}\" class=\"folio-tag\"><bdi>{}</bdi></a></li>",
                escape(&query),
                escape(tag)
            );
        }
        out.push_str("</ul>");
    }
    out.push_str("</div>");
    out
}

/// "December 10, 2019" for English (and posts with no language), as the reader shows it
/// in an English browser; `None` for other languages, which get the numeric date.
fn long_date((year, month, day): (i32, u32, u32), language: Option<&str>) -> Option<String> {
    let english = language.is_none_or(|l| l.to_ascii_lowercase().starts_with("en"));
    let name = folio_core::MONTH_NAMES.get(usize::try_from(month).ok()?.checked_sub(1)?)?;
    english.then(|| format!("{name} {day}, {year}"))
}

fn card(post: &Post) -> String {
    let href = post_href(post);
    let text = post_text_attributes(post);
    let title_text = title_attributes(post);
    let title = post.title_in(ui());
    let untitled = post.title.as_deref().is_none_or(str::is_empty);
    let link_class = if untitled {
        "folio-card__link folio-card__link--untitled"
    } else {
        "folio-card__link"
    };
    let mut out = format!(
        "<article class=\"folio-card\"><h2 class=\"folio-card__title\"{title_text}><a href=\"{href}\" class=\"{link_class}\">{}</a></h2>{}",
        escape(title),
        meta_line(post)
    );
    if !post.excerpt.is_empty() {
        let _ = write!(
            out,
            "<p class=\"folio-card__excerpt\"{text}>{}</p>",
            escape(&post.excerpt)
        );
    }
    let _ = writeln!(
        out,
        "<p class=\"folio-card__more\"><a href=\"{href}\" class=\"folio-card__read-more\" aria-label=\"{}\">{}</a></p></article>",
        escape(&ui().fill(Msg::ReadMoreLabel, &[("title", title)])),
        tr(Msg::ReadMore)
    );
    out
}

/// The list's page links; pages past `static_lists` have no static page, so their links
/// go to the app's own address for them.
fn pagination(current: usize, total: usize, static_lists: usize, base: &str) -> String {
    let list_href = |n: usize| match (n > static_lists, base) {
        (true, "") => format!("./?page={n}"),
        (true, base) => format!("{base}?page={n}"),
        (false, "") => list_href(n),
        (false, base) => base.to_owned(),
    };
    if total <= 1 {
        return String::new();
    }
    let mut out = format!(
        "<nav class=\"folio-pagination\" aria-label=\"{}\">",
        tr(Msg::Pages)
    );
    if current > 1 {
        let _ = write!(
            out,
            "<a href=\"{}\" class=\"folio-pagination__prev\" rel=\"prev\">{}</a>",
            list_href(current - 1),
            tr(Msg::NewerPosts)
        );
    }
    out.push_str("<ul class=\"folio-pagination__pages\">");
    let mut last = 0;
    for n in 1..=total {
        let near = n == 1 || n == total || n.abs_diff(current) <= 2;
        if !near {
            continue;
        }
        if n > last + 1 {
            out.push_str("<li class=\"folio-pagination__gap\" aria-hidden=\"true\">…</li>");
        }
        if n == current {
            let (label, number) = (
                escape(&ui().fill(Msg::PageN, &[("n", &ui().number(n))])),
                ui().number(n),
            );
            let _ = write!(out, "<li><span class=\"folio-pagination__current\" aria-current=\"page\" aria-label=\"{label}\">{number}</span></li>");
        } else {
            let (label, number) = (
                escape(&ui().fill(Msg::PageN, &[("n", &ui().number(n))])),
                ui().number(n),
            );
            let _ = write!(out, "<li><a href=\"{}\" class=\"folio-pagination__page\" aria-label=\"{label}\">{number}</a></li>", list_href(n));
        }
        last = n;
    }
    out.push_str("</ul>");
    if current < total {
        let _ = write!(
            out,
            "<a href=\"{}\" class=\"folio-pagination__next\" rel=\"next\">{}</a>",
            list_href(current + 1),
            tr(Msg::OlderPosts)
        );
    }
    out.push_str("</nav>\n");
    out
}

/// A post's body as clean HTML: its HTML (or a split body's file) through the
/// sanitizer, or its text as paragraphs.
fn body_html(post: &Post, out: &Path, sanitizer: &Sanitizer) -> String {
    if let Some(html) = &post.content_html {
        return sanitizer.clean(html);
    }
    if let Some(text) = &post.content_text {
        let mut out = String::new();
        for paragraph in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
            let _ = write!(out, "<p>{}</p>", escape(paragraph));
        }
        return out;
    }
    // A body split out by --split-bodies: read back from beside posts.json.
    post.content_url
        .as_deref()
        .filter(|u| u.starts_with("bodies/"))
        .and_then(|u| std::fs::read_to_string(out.join(u)).ok())
        .map(|html| sanitizer.clean(&html))
        .unwrap_or_default()
}

#[allow(clippy::too_many_arguments)] // One page's parts, each passed once.
fn post_page(
    archive: &Archive,
    shell: &Shell,
    site: &Url,
    post: &Post,
    body: &str,
    newer: Option<&Post>,
    older: Option<&Post>,
    related: &[usize],
) -> String {
    let title = post.title_in(ui());
    let description = if post.excerpt.is_empty() {
        title
    } else {
        post.excerpt.as_str()
    };
    let lang = post.language.as_deref().or(archive.language.as_deref());
    let text = post_text_attributes(post);
    let mut main = format!(
        "<article class=\"folio-post\">\n<p class=\"folio-post__back\"><a href=\"./\">{}</a></p>\n\
         <header class=\"folio-post__header\"><h1 class=\"folio-post__title\" tabindex=\"-1\"{}>{}</h1>{}</header>\n",
        tr(Msg::BackToArchive),
        title_attributes(post),
        escape(title),
        meta_line(post)
    );
    if let Some(image) = &post.image {
        let _ = writeln!(
            main,
            "<img class=\"folio-post__image\" src=\"{}\" alt=\"\" referrerpolicy=\"no-referrer\">",
            escape(image)
        );
    }
    // In-post links (footnotes) name this page: a bare `#…` would follow `<base href>`
    // to the list.
    let body = body.replace("href=\"#", &format!("href=\"{}#", post_href(post)));
    let _ = writeln!(main, "<div class=\"folio-post__body\"{text}>{body}</div>");
    if let Some(original) = post.original_url() {
        let _ = writeln!(
            main,
            "<p class=\"folio-post__original\"><a href=\"{}\" rel=\"{LINK_REL}\">{}</a></p>",
            escape(original),
            tr(Msg::ReadOriginal)
        );
    }
    // The app's Share button, disabled: sharing takes the running app.
    let _ = writeln!(
        main,
        "<div class=\"folio-share\"><button type=\"button\" class=\"folio-button folio-share__button\" disabled>{}</button><p class=\"folio-share__status\" role=\"status\"></p></div>",
        tr(Msg::Share)
    );
    main.push_str("</article>\n");
    if newer.is_some() || older.is_some() {
        let _ = write!(
            main,
            "<nav class=\"folio-post__nav\" aria-label=\"{}\">",
            tr(Msg::MorePosts)
        );
        if let Some(p) = newer {
            let _ = write!(main, "<a href=\"{}\" class=\"folio-post__newer\" rel=\"prev\"><span class=\"folio-post__nav-label\">{}</span><span{}>{}</span></a>", post_href(p), tr(Msg::NewerPost), title_attributes(p), escape(p.title_in(ui())));
        }
        if let Some(p) = older {
            let _ = write!(main, "<a href=\"{}\" class=\"folio-post__older\" rel=\"next\"><span class=\"folio-post__nav-label\">{}</span><span{}>{}</span></a>", post_href(p), tr(Msg::OlderPost), title_attributes(p), escape(p.title_in(ui())));
        }
        main.push_str("</nav>\n");
    }
    main.push_str(&related_section(archive, related));
    let canonical = site
        .join(&post_href(post))
        .map_or_else(|_| site.to_string(), |u| u.to_string());
    let head = Head {
        title,
        description,
        canonical,
        kind: "article",
        image: post.image.as_deref().map(|i| absolute(site, i)),
        published: post.published.as_ref().map(folio_core::Date::iso),
        modified: post.modified.as_ref().map(folio_core::Date::iso),
        authors: post.authors.iter().map(|a| a.name.as_str()).collect(),
        site_name: &archive.title,
    };
    let dir = post.direction().or_else(|| archive.direction());
    document(shell, &head, lang, dir, &main)
}

fn sitemap(
    archive: &Archive,
    site: &Url,
    pages: usize,
    posts: usize,
    authors: &[&Author],
) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    let newest = archive
        .posts
        .iter()
        .filter_map(|p| p.modified.as_ref().or(p.published.as_ref()))
        .map(folio_core::Date::ymd)
        .max();
    for page in 1..=pages {
        let loc = site
            .join(&list_href(page))
            .map_or_else(|_| site.to_string(), |u| u.to_string());
        let _ = write!(out, "<url><loc>{}</loc>", escape(&loc));
        if let (1, Some((y, m, d))) = (page, newest) {
            let _ = write!(out, "<lastmod>{y:04}-{m:02}-{d:02}</lastmod>");
        }
        out.push_str("</url>\n");
    }
    for post in archive.posts.iter().take(posts) {
        let loc = site
            .join(&post_href(post))
            .map_or_else(|_| site.to_string(), |u| u.to_string());
        let _ = write!(out, "<url><loc>{}</loc>", escape(&loc));
        if let Some((y, m, d)) = post
            .modified
            .as_ref()
            .or(post.published.as_ref())
            .map(folio_core::Date::ymd)
        {
            let _ = write!(out, "<lastmod>{y:04}-{m:02}-{d:02}</lastmod>");
        }
        out.push_str("</url>\n");
    }
    for author in authors {
        let loc = site
            .join(&author_href(author))
            .map_or_else(|_| site.to_string(), |u| u.to_string());
        let _ = writeln!(out, "<url><loc>{}</loc></url>", escape(&loc));
    }
    out.push_str("</urlset>\n");
    out
}

fn atom(archive: &Archive, site: &Url, sanitizer: &Sanitizer, out_dir: &Path) -> String {
    let self_url = site
        .join("feed.atom")
        .map_or_else(|_| site.to_string(), |u| u.to_string());
    let updated = archive
        .posts
        .iter()
        .filter_map(|p| p.modified.as_ref().or(p.published.as_ref()))
        .max_by_key(|d| d.timestamp())
        .map_or_else(|| "1970-01-01T00:00:00Z".to_owned(), folio_core::Date::iso);
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"{}>\n<title>{}</title>\n<id>{}</id>\n<link rel=\"self\" href=\"{}\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n<updated>{updated}</updated>\n",
        archive.language.as_deref().map(|l| format!(" xml:lang=\"{}\"", escape(l))).unwrap_or_default(),
        escape(&archive.title),
        escape(site.as_str()),
        escape(&self_url),
        escape(site.as_str()),
    );
    if let Some(d) = &archive.description {
        let _ = writeln!(out, "<subtitle>{}</subtitle>", escape(d));
    }
    for post in archive.posts.iter().take(ATOM_ENTRIES) {
        let link = site
            .join(&post_href(post))
            .map_or_else(|_| site.to_string(), |u| u.to_string());
        let when = post
            .modified
            .as_ref()
            .or(post.published.as_ref())
            .map_or_else(|| updated.clone(), folio_core::Date::iso);
        let _ = write!(
            out,
            "<entry>\n<title>{}</title>\n<id>{}</id>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n<updated>{when}</updated>\n",
            escape(post.display_title()),
            escape(&post.id),
            escape(&link)
        );
        if let Some(p) = &post.published {
            let _ = writeln!(out, "<published>{}</published>", p.iso());
        }
        for author in &post.authors {
            let _ = writeln!(
                out,
                "<author><name>{}</name></author>",
                escape(&author.name)
            );
        }
        if !post.excerpt.is_empty() {
            let _ = writeln!(out, "<summary>{}</summary>", escape(&post.excerpt));
        }
        let body = body_html(post, out_dir, sanitizer);
        if !body.is_empty() {
            let _ = writeln!(out, "<content type=\"html\">{}</content>", escape(&body));
        }
        out.push_str("</entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

/// ` lang="…" dir="…"`, each when given.
fn text_attributes(lang: Option<&str>, dir: Option<&str>) -> String {
    let mut out = String::new();
    if let Some(lang) = lang {
        let _ = write!(out, " lang=\"{}\"", escape(lang));
    }
    if let Some(dir) = dir {
        let _ = write!(out, " dir=\"{}\"", escape(dir));
    }
    out
}

/// The attributes of a post's own words (excerpt, body) beside the interface's, as the
/// app marks them: its language and direction, else `dir="auto"`.
fn post_text_attributes(post: &Post) -> String {
    text_attributes(post.language.as_deref(), Some(post.text_dir()))
}

/// The attributes of a post's title where it is shown (see `Post::title_text`).
fn title_attributes(post: &Post) -> String {
    let (lang, dir) = post.title_text();
    text_attributes(lang, dir)
}

/// `url` against the site: previews need absolute image addresses.
fn absolute(site: &Url, url: &str) -> String {
    site.join(url)
        .map_or_else(|_| url.to_owned(), |u| u.to_string())
}

/// Text for HTML and XML: the five characters that could end a value or start markup
/// escaped, and the control characters XML forbids dropped (one would make the whole
/// Atom feed unreadable).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

//! The normalized archive the app renders: posts sorted newest first, each with a
//! unique slug, a plain-text title and an excerpt.

use crate::date::{parse_date, Date};
use crate::feed::{self, FeedError, RawAuthor, RawItem};
use crate::slug::{assign_slugs, derive_slug, slugify, SlugRequest};
use crate::text::{collapse_whitespace, decode_entities, excerpt, html_excerpt, html_to_text};
use std::collections::HashSet;

/// Words in an excerpt built from a post's content.
pub const EXCERPT_WORDS: usize = 55;

/// A person who writes for the archive. Serialized as the sharded index's manifest
/// stores it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Author {
    /// Display name; never empty.
    pub name: String,
    /// Home page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Avatar image URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avatar: Option<String>,
    /// A short biography (`_folio.bio`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bio: Option<String>,
    /// A contact address (`_folio.email`), without `mailto:`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

impl Author {
    /// The slug of the author's page (`/authors/<slug>`): see
    /// [`author_slug`](crate::slug::author_slug).
    pub fn slug(&self) -> String {
        crate::slug::author_slug(&self.name)
    }
}

/// One post, ready to show.
#[derive(Debug, Clone, PartialEq)]
pub struct Post {
    /// The feed's id, or a stand-in when the feed gave none.
    pub id: String,
    /// Unique within the archive and stable while the feed's posts stay the same.
    pub slug: String,
    /// Plain text, entities decoded and markup removed; `None` when the post has none.
    pub title: Option<String>,
    /// The post's own page.
    pub url: Option<String>,
    /// The page the post is about, for link posts.
    pub external_url: Option<String>,
    /// Untrusted HTML body; sanitize before showing it.
    pub content_html: Option<String>,
    /// Plain-text body.
    pub content_text: Option<String>,
    /// Where to load the body from when the feed leaves it out (`_folio.content_url`).
    pub content_url: Option<String>,
    /// The feed's summary, as plain text.
    pub summary: Option<String>,
    /// The summary, or the first words of the content.
    pub excerpt: String,
    /// Lead image.
    pub image: Option<String>,
    /// When it was published; `None` when missing or unreadable.
    pub published: Option<Date>,
    /// When it was last changed.
    pub modified: Option<Date>,
    /// The post's authors, or the feed's when the post names none.
    pub authors: Vec<Author>,
    /// Tags, trimmed, without empties or repeats.
    pub tags: Vec<String>,
    /// Categories (`_folio.categories`).
    pub categories: Vec<String>,
    /// The post's language, or the feed's.
    pub language: Option<String>,
    /// Minutes to read the body, when a sharded index's record says (its body is
    /// elsewhere); see [`Post::minutes_to_read`].
    pub reading_minutes: Option<u32>,
}

impl Post {
    /// Minutes to read the body (see [`crate::reading`]): as recorded, else counted
    /// from the body itself; `None` with no body at hand.
    pub fn minutes_to_read(&self) -> Option<u32> {
        if self.reading_minutes.is_some() {
            return self.reading_minutes;
        }
        match (&self.content_html, &self.content_text) {
            (Some(html), _) => crate::reading::reading_minutes(&html_to_text(html)),
            (None, Some(text)) => crate::reading::reading_minutes(text),
            (None, None) => None,
        }
    }

    /// Resolves the post's relative link, image and body URLs, and its authors', with
    /// `resolve` (see [`Archive::resolve_urls`]).
    pub fn resolve_urls(&mut self, resolve: impl Fn(&str) -> Option<String>) {
        let fix = |url: &mut Option<String>| {
            if let Some(value) = url.as_deref().filter(|u| crate::url_policy::is_relative(u)) {
                if let Some(resolved) = resolve(value.trim()) {
                    *url = Some(resolved);
                }
            }
        };
        for author in &mut self.authors {
            fix(&mut author.url);
            fix(&mut author.avatar);
        }
        for field in [
            &mut self.url,
            &mut self.external_url,
            &mut self.content_url,
            &mut self.image,
        ] {
            fix(field);
        }
    }

    /// The title to show: the post's own, or "Untitled".
    pub fn display_title(&self) -> &str {
        self.title_in(crate::i18n::Lang::En)
    }

    /// The title to show in an interface in `lang`: the post's own, or that language's
    /// "Untitled".
    pub fn title_in(&self, lang: crate::i18n::Lang) -> &str {
        self.title
            .as_deref()
            .unwrap_or_else(|| lang.text(crate::i18n::Msg::Untitled))
    }

    /// The `lang` and `dir` of the title where it is shown: the post's own, or none for
    /// the interface's "Untitled", which is in the interface's language.
    pub fn title_text(&self) -> (Option<&str>, Option<&'static str>) {
        if self.title.is_some() {
            (self.language.as_deref(), Some(self.text_dir()))
        } else {
            (None, None)
        }
    }

    /// True when the post's language is written right to left.
    pub fn is_rtl(&self) -> bool {
        self.language.as_deref().is_some_and(crate::is_rtl_language)
    }

    /// `"rtl"` or `"ltr"` for the post's language, or `None` when it has none (and so
    /// should inherit its container's direction).
    pub fn direction(&self) -> Option<&'static str> {
        self.language.as_deref().map(crate::direction_of)
    }

    /// The `dir` of its own text beside the interface's: its language's, else `auto`,
    /// so the browser takes it from the text.
    pub fn text_dir(&self) -> &'static str {
        self.direction().unwrap_or("auto")
    }

    /// The link to the original: the post's page, else the page it links to.
    pub fn original_url(&self) -> Option<&str> {
        self.url.as_deref().or(self.external_url.as_deref())
    }
}

/// A whole feed, normalized.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Archive {
    /// The feed's title ("Archive" when it has none).
    pub title: String,
    /// The feed's description.
    pub description: Option<String>,
    /// The site's home page.
    pub home_page_url: Option<String>,
    /// A large square icon.
    pub icon: Option<String>,
    /// A small icon.
    pub favicon: Option<String>,
    /// The feed's language.
    pub language: Option<String>,
    /// The feed's authors, then any other author of a post, each once.
    pub authors: Vec<Author>,
    /// Newest first; undated posts last, in file order.
    pub posts: Vec<Post>,
    /// Items dropped because their id repeated an earlier item's.
    pub duplicates_dropped: usize,
}

impl Archive {
    /// Rewrites every relative URL the feed holds (icons, avatars, post links, images
    /// and body URLs, but not HTML bodies) with `resolve`, which returns `None` to leave
    /// one as it is. The app resolves them against the feed's own URL, so a feed's
    /// `images/a.svg` means the same file wherever the archive is shown.
    pub fn resolve_urls(&mut self, resolve: impl Fn(&str) -> Option<String>) {
        let fix = |url: &mut Option<String>| {
            if let Some(value) = url.as_deref().filter(|u| crate::url_policy::is_relative(u)) {
                if let Some(resolved) = resolve(value.trim()) {
                    *url = Some(resolved);
                }
            }
        };
        for field in [&mut self.home_page_url, &mut self.icon, &mut self.favicon] {
            fix(field);
        }
        for author in &mut self.authors {
            fix(&mut author.url);
            fix(&mut author.avatar);
        }
        for post in &mut self.posts {
            post.resolve_urls(&resolve);
        }
    }

    /// Removes every URL a reader's browser must not follow or load: links that are not
    /// web, mail, phone or relative (`javascript:`, `data:`, `vbscript:` …) and images
    /// that could carry script. A feed is untrusted input, and an embedded archive runs
    /// on someone else's site.
    fn drop_unsafe_urls(&mut self) {
        use crate::url_policy::{is_safe_image, is_safe_link};
        fn keep(url: &mut Option<String>, safe: fn(&str) -> bool) {
            if url.as_deref().is_some_and(|u| !safe(u)) {
                *url = None;
            }
        }
        keep(&mut self.home_page_url, is_safe_link);
        keep(&mut self.icon, is_safe_image);
        keep(&mut self.favicon, is_safe_image);
        let authors = self
            .authors
            .iter_mut()
            .chain(self.posts.iter_mut().flat_map(|p| p.authors.iter_mut()));
        for author in authors {
            keep(&mut author.url, is_safe_link);
            keep(&mut author.avatar, is_safe_image);
        }
        for post in &mut self.posts {
            keep(&mut post.url, is_safe_link);
            keep(&mut post.external_url, is_safe_link);
            keep(&mut post.content_url, is_safe_link);
            keep(&mut post.image, is_safe_image);
        }
    }

    /// Reads the text of a JSON Feed.
    ///
    /// # Errors
    /// A [`FeedError`] that says whether the text was HTML, invalid JSON (with its line
    /// and column) or JSON that is not a JSON Feed.
    pub fn from_json(text: &str) -> Result<Self, FeedError> {
        let mut reader = FeedReader::new(text)?;
        reader.read(usize::MAX);
        Ok(reader.finish())
    }

    /// The post with this slug.
    pub fn post(&self, slug: &str) -> Option<&Post> {
        self.posts.iter().find(|p| p.slug == slug)
    }

    /// The author whose page has this slug: the feed's own author entry first (it
    /// carries the bio), else the first post that names them ([`Archive::authors`]
    /// holds both, in that order; a sharded index's head keeps the same list).
    pub fn author(&self, slug: &str) -> Option<&Author> {
        self.authors.iter().find(|a| a.slug() == slug)
    }

    /// The position of the post with this slug in newest-first order.
    pub fn position(&self, slug: &str) -> Option<usize> {
        self.posts.iter().position(|p| p.slug == slug)
    }

    /// True when the feed's language is written right to left.
    pub fn is_rtl(&self) -> bool {
        self.language.as_deref().is_some_and(crate::is_rtl_language)
    }

    /// `"rtl"` or `"ltr"` for the feed's language, or `None` when it has none.
    pub fn direction(&self) -> Option<&'static str> {
        self.language.as_deref().map(crate::direction_of)
    }

    /// The `dir` of its own text beside the interface's: its language's, else `auto`,
    /// so the browser takes it from the text.
    pub fn text_dir(&self) -> &'static str {
        self.direction().unwrap_or("auto")
    }
}

fn non_empty(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

fn author(raw: RawAuthor) -> Option<Author> {
    let extension = raw.folio.and_then(|e| e.0).unwrap_or_default();
    let url = non_empty(raw.url);
    let name = non_empty(raw.name.map(|n| html_to_text(&n))).or_else(|| url.clone())?;
    Some(Author {
        name,
        url,
        avatar: non_empty(raw.avatar),
        bio: non_empty(extension.bio.map(|b| html_to_text(&b))),
        // One plain address, or none: a feed cannot add recipients or text to the
        // reader's message.
        email: extension
            .email
            .as_deref()
            .and_then(crate::url_policy::contact_email)
            .map(str::to_owned),
    })
}

/// Reads a JSON Feed in steps, so that a large one can be read between frames: the
/// document is checked and split into items at once ([`FeedReader::new`]), the items
/// are read a few at a time ([`FeedReader::read`]), and [`FeedReader::finish`] sorts
/// them and gives them slugs. [`Archive::from_json`] does all three.
#[derive(Debug)]
pub struct FeedReader {
    raw: feed::RawFeed,
    items: std::vec::IntoIter<Box<serde_json::value::RawValue>>,
    feed_authors: Vec<Author>,
    language: Option<String>,
    /// Items read that were objects: what an item without an id is numbered by.
    objects: usize,
    seen_ids: HashSet<String>,
    duplicates_dropped: usize,
    posts: Vec<(Post, SlugRequest<Date>)>,
}

impl FeedReader {
    /// Checks the document and splits it into items, without reading them yet.
    ///
    /// # Errors
    /// As [`Archive::from_json`].
    pub fn new(text: &str) -> Result<Self, FeedError> {
        let (mut raw, items) = feed::parse(text)?;
        let mut feed_authors: Vec<Author> = std::mem::take(&mut raw.authors)
            .into_iter()
            .filter_map(author)
            .collect();
        if feed_authors.is_empty() {
            feed_authors.extend(raw.author.take().and_then(|a| a.0).and_then(author));
        }
        let language = non_empty(raw.language.take());
        Ok(Self {
            raw,
            feed_authors,
            language,
            objects: 0,
            seen_ids: HashSet::with_capacity(items.len()),
            duplicates_dropped: 0,
            posts: Vec::with_capacity(items.len()),
            items: items.into_iter(),
        })
    }

    /// How many items are left to read.
    pub fn remaining(&self) -> usize {
        self.items.len()
    }

    /// Reads up to `limit` more items. Returns true once every item is read.
    pub fn read(&mut self, limit: usize) -> bool {
        for text in self.items.by_ref().take(limit) {
            let Some(item) = feed::parse_item(&text) else {
                continue;
            };
            let post = post_from(
                item,
                self.objects,
                &self.feed_authors,
                self.language.as_deref(),
            );
            self.objects += 1;
            if self.seen_ids.insert(post.0.id.clone()) {
                self.posts.push(post);
            } else {
                self.duplicates_dropped += 1;
            }
        }
        self.items.len() == 0
    }

    /// The archive of every item read: slugs given, newest first.
    pub fn finish(self) -> Archive {
        let Self {
            raw,
            feed_authors,
            language,
            duplicates_dropped,
            mut posts,
            ..
        } = self;
        give_slugs(&mut posts);
        // Stable sort: undated posts, and posts with equal dates, keep file order.
        posts.sort_by(|(a, _), (b, _)| match (a.published, b.published) {
            (Some(x), Some(y)) => y.cmp(&x),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
        let posts: Vec<Post> = posts.into_iter().map(|(post, _)| post).collect();

        let mut authors = feed_authors;
        let mut known: HashSet<String> = authors.iter().map(|a| a.name.clone()).collect();
        for post in &posts {
            for a in &post.authors {
                if known.insert(a.name.clone()) {
                    authors.push(a.clone());
                }
            }
        }

        let mut archive = Archive {
            title: non_empty(raw.title.map(|t| html_to_text(&t)))
                .unwrap_or_else(|| "Archive".to_owned()),
            description: non_empty(raw.description.map(|d| html_to_text(&d))),
            home_page_url: non_empty(raw.home_page_url),
            icon: non_empty(raw.icon),
            favicon: non_empty(raw.favicon),
            language,
            authors,
            posts,
            duplicates_dropped,
        };
        archive.drop_unsafe_urls();
        archive
    }
}

fn post_from(
    item: RawItem,
    index: usize,
    feed_authors: &[Author],
    feed_language: Option<&str>,
) -> (Post, SlugRequest<Date>) {
    let extension = item.folio.and_then(|e| e.0).unwrap_or_default();
    let url = non_empty(item.url);
    let id = non_empty(item.id)
        .or_else(|| url.clone())
        .unwrap_or_else(|| format!("item-{}", index + 1));
    let title = non_empty(item.title.map(|t| html_to_text(&t)));
    let content_html = non_empty(item.content_html);
    let content_text = non_empty(item.content_text);
    let summary = non_empty(
        item.summary
            .map(|s| collapse_whitespace(&decode_entities(&s))),
    );
    let excerpt_text = summary
        .clone()
        .unwrap_or_else(|| match (&content_html, &content_text) {
            (Some(html), _) => html_excerpt(html, EXCERPT_WORDS),
            (None, Some(text)) => excerpt(text, EXCERPT_WORDS),
            (None, None) => String::new(),
        });

    let mut authors: Vec<Author> = item.authors.into_iter().filter_map(author).collect();
    if authors.is_empty() {
        authors.extend(item.author.and_then(|a| a.0).and_then(author));
    }
    if authors.is_empty() {
        authors = feed_authors.to_vec();
    }

    let tags = distinct(
        item.tags
            .iter()
            .map(|tag| collapse_whitespace(&decode_entities(tag))),
    );

    let published = item.date_published.as_deref().and_then(parse_date);
    let slug_source = SlugRequest {
        explicit: extension.slug.map(|s| slugify(&s)),
        derived: derive_slug(title.as_deref(), url.as_deref(), &id),
        age: published,
    };

    let post = Post {
        id,
        slug: String::new(),
        title,
        url,
        external_url: non_empty(item.external_url),
        content_html,
        content_text,
        content_url: non_empty(extension.content_url),
        summary,
        excerpt: excerpt_text,
        image: non_empty(item.image),
        published,
        modified: item.date_modified.as_deref().and_then(parse_date),
        authors,
        tags,
        categories: distinct(extension.categories.iter().map(|c| collapse_whitespace(c))),
        language: non_empty(item.language).or_else(|| feed_language.map(str::to_owned)),
        reading_minutes: None,
    };
    (post, slug_source)
}

/// The non-empty names, each once, in first-seen order.
fn distinct(names: impl Iterator<Item = String>) -> Vec<String> {
    let mut seen = HashSet::new();
    names
        .filter(|name| !name.is_empty() && seen.insert(name.clone()))
        .collect()
}

/// Gives every post a unique slug (see [`assign_slugs`]).
fn give_slugs(posts: &mut [(Post, SlugRequest<Date>)]) {
    let requests: Vec<SlugRequest<Date>> = posts.iter().map(|(_, r)| r.clone()).collect();
    for ((post, _), slug) in posts.iter_mut().zip(assign_slugs(&requests)) {
        post.slug = slug;
    }
}

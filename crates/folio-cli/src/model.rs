//! What every reader produces: posts, authors and the site, before the index is written.

use folio_core::Date;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// Where something came from, for messages: a file and a place in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Source {
    pub file: PathBuf,
    pub place: Place,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Place {
    #[default]
    Unknown,
    /// A byte offset, turned into a line and column when reported.
    Offset(u64),
    LineColumn(usize, usize),
}

impl Source {
    pub fn file(file: &Path) -> Self {
        Self {
            file: file.to_owned(),
            place: Place::Unknown,
        }
    }
    pub fn at(file: &Path, offset: u64) -> Self {
        Self {
            file: file.to_owned(),
            place: Place::Offset(offset),
        }
    }
    pub fn line(file: &Path, line: usize, column: usize) -> Self {
        Self {
            file: file.to_owned(),
            place: Place::LineColumn(line, column),
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.place {
            Place::LineColumn(line, column) => {
                write!(f, "{}:{line}:{column}", self.file.display())
            }
            Place::Offset(offset) => write!(f, "{}:byte {offset}", self.file.display()),
            Place::Unknown => write!(f, "{}", self.file.display()),
        }
    }
}

/// One post, as read from any source.
#[derive(Debug, Clone, Default)]
pub struct Entry {
    pub id: Option<String>,
    pub url: Option<String>,
    pub external_url: Option<String>,
    /// As the reader expects it: text in which `&` and `<` are written as entities.
    pub title: Option<String>,
    pub content_html: Option<String>,
    pub content_text: Option<String>,
    /// Plain text.
    pub summary: Option<String>,
    /// The part of the body before `<!--more-->`, as HTML.
    pub teaser_html: Option<String>,
    pub image: Option<String>,
    pub published: Option<Date>,
    pub modified: Option<Date>,
    /// Author names; details come from the author list.
    pub authors: Vec<String>,
    pub tags: Vec<String>,
    pub categories: Vec<String>,
    pub language: Option<String>,
    /// A slug the source chose.
    pub slug: Option<String>,
    pub source: Source,
    /// Where the body went when it was moved out of memory (see [`Spool`]).
    pub stored_body: Option<Stored>,
}

/// A body's place in the spool file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stored {
    pub offset: u64,
    pub len: usize,
}

/// Bodies written to a temporary file as they are read, so memory holds only what the
/// index lists (titles, dates, tags), whatever the size of the export.
#[derive(Debug)]
pub struct Spool {
    file: std::fs::File,
    len: u64,
}

impl Spool {
    pub fn new(file: std::fs::File) -> Self {
        Self { file, len: 0 }
    }

    fn put(&mut self, bytes: &[u8]) -> std::io::Result<Stored> {
        use std::io::Write;
        self.file.write_all(bytes)?;
        let stored = Stored {
            offset: self.len,
            len: bytes.len(),
        };
        self.len += bytes.len() as u64;
        Ok(stored)
    }

    pub fn get(&self, stored: Stored) -> std::io::Result<String> {
        use std::os::unix::fs::FileExt;
        let mut bytes = vec![0; stored.len];
        self.file.read_exact_at(&mut bytes, stored.offset)?;
        String::from_utf8(bytes)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
    }
}

/// What is done to each post as it is read.
#[derive(Debug, Default, Clone)]
pub struct Preparation {
    /// `--site-url`: make relative links in bodies absolute.
    pub site_url: Option<String>,
    /// `--split-bodies`: the index carries an excerpt of every body.
    pub split_bodies: bool,
    /// `--author`: who wrote the posts that name no one.
    pub default_authors: Vec<String>,
}

/// A person, with whatever the sources said about them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuthorInfo {
    pub name: String,
    pub url: Option<String>,
    pub avatar: Option<String>,
    pub bio: Option<String>,
    pub email: Option<String>,
    /// Other names the sources use for this person (a WordPress login, a nickname).
    pub aliases: Vec<String>,
}

impl AuthorInfo {
    pub fn named(name: &str) -> Self {
        Self {
            name: name.to_owned(),
            ..Self::default()
        }
    }

    /// Fills the fields this one lacks from `other`.
    pub fn fill_from(&mut self, other: &Self) {
        for (mine, theirs) in [
            (&mut self.url, &other.url),
            (&mut self.avatar, &other.avatar),
            (&mut self.bio, &other.bio),
            (&mut self.email, &other.email),
        ] {
            if mine.is_none() {
                mine.clone_from(theirs);
            }
        }
    }
}

/// The archive as a whole.
#[derive(Debug, Clone, Default)]
pub struct SiteInfo {
    pub title: Option<String>,
    pub description: Option<String>,
    pub home_page_url: Option<String>,
    pub language: Option<String>,
    pub icon: Option<String>,
    pub favicon: Option<String>,
}

impl SiteInfo {
    /// Fills the fields this one lacks from `other`.
    pub fn fill_from(&mut self, other: &Self) {
        for (mine, theirs) in [
            (&mut self.title, &other.title),
            (&mut self.description, &other.description),
            (&mut self.home_page_url, &other.home_page_url),
            (&mut self.language, &other.language),
            (&mut self.icon, &other.icon),
            (&mut self.favicon, &other.favicon),
        ] {
            if mine.is_none() {
                mine.clone_from(theirs);
            }
        }
    }
}

/// A problem with one part of the input. Problems never stop a build.
#[derive(Debug, Clone)]
pub struct Problem {
    pub source: Source,
    pub message: String,
}

/// Everything the readers found, gathered across inputs.
#[derive(Debug, Default)]
pub struct Collected {
    pub site: SiteInfo,
    pub entries: Vec<Entry>,
    /// Authors in the order they were first described.
    pub authors: Vec<AuthorInfo>,
    /// Items left out on purpose, counted by reason ("draft", "page").
    pub skipped: BTreeMap<String, usize>,
    pub problems: Vec<Problem>,
    /// Files that could not be read to the end; what was read before is kept.
    pub failures: usize,
    pub spool: Option<Spool>,
    pub preparation: Preparation,
    /// Each id read so far, with the file it came from, to report repeats.
    pub seen_ids: std::collections::HashMap<String, usize>,
    pub files: Vec<PathBuf>,
}

impl Collected {
    /// Adds a post: completes what the reader needs (id, summary, absolute links) and
    /// moves its body to the spool.
    pub fn add(&mut self, mut entry: Entry) {
        let site_url = self
            .preparation
            .site_url
            .clone()
            .or_else(|| self.site.home_page_url.clone());
        crate::output::prepare(&mut entry, site_url.as_deref(), &self.preparation);
        if let Some(id) = &entry.id {
            let file = match self.files.iter().position(|f| *f == entry.source.file) {
                Some(at) => at,
                None => {
                    self.files.push(entry.source.file.clone());
                    self.files.len() - 1
                }
            };
            if let Some(&earlier) = self.seen_ids.get(id) {
                let message = format!(
                    "the id \"{id}\" was read before (in {}); the copy updated later is kept",
                    self.files[earlier].display()
                );
                self.problem(entry.source.clone(), message);
            } else {
                self.seen_ids.insert(id.clone(), file);
            }
        }
        if let Some(spool) = &mut self.spool {
            if let Some(html) = entry.content_html.take() {
                match spool.put(html.as_bytes()) {
                    Ok(stored) => entry.stored_body = Some(stored),
                    Err(_) => entry.content_html = Some(html),
                }
            }
        }
        self.entries.push(entry);
    }

    pub fn skip(&mut self, reason: &str) {
        *self.skipped.entry(reason.to_owned()).or_default() += 1;
    }

    pub fn problem(&mut self, source: Source, message: impl Into<String>) {
        self.problems.push(Problem {
            source,
            message: message.into(),
        });
    }

    /// Adds what is known about an author, merging with what was known already.
    pub fn describe_author(&mut self, info: AuthorInfo) {
        match self.authors.iter_mut().find(|a| a.name == info.name) {
            Some(known) => known.fill_from(&info),
            None => self.authors.push(info),
        }
    }
}

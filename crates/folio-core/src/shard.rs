//! The sharded index, format 1: an archive split into small files that a reader fetches
//! only when a view needs them, so a 100,000-post archive costs kilobytes to open.
//!
//! A manifest names everything else. The first list needs the manifest and one records
//! chunk; filters, facets and month counts need the columns (compact per-post facts);
//! a search needs the term chunks that hold its words (and, for a prefix of one or two
//! letters, one merged prefix chunk); a phrase needs the folded text of the candidate
//! posts; opening a post needs its records chunk and a byte range of a body bundle.
//! Chunk names carry a hash of their content, so hosts can cache them forever.
//!
//! Writing ([`write`]) and reading ([`ShardedArchive`]) live here, beside the in-memory
//! index, and searching is the same routine over both (see `search::Terms`): the
//! property test checks that the results are the same, in the same order.

use crate::archive::{Archive, Author, Post};
use crate::date::parse_date;
use crate::query::Query;
use crate::search::{
    is_unfiltered, Columns, Filters, Lists, PairLists, Related, SearchIndex, SearchResults, Terms,
    FIELD_BITS, FIELD_MASK,
};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// The format's major version: a reader refuses a newer major version. Version 2 added
/// categories as a search field, so postings carry six field bits instead of five; a
/// version 1 index is still read (see [`upgrade_v1_postings`]).
pub const FORMAT_MAJOR: u32 = 2;
/// The format's minor version: additions a reader of the same major may ignore.
pub const FORMAT_MINOR: u32 = 0;
/// How many related posts each record names.
const RELATED_STORED: usize = 3;
/// The file the reader is pointed at.
pub const MANIFEST: &str = "manifest.json";

/// How finely to split. The defaults suit archives of 1,000 to 1,000,000 posts.
#[derive(Debug, Clone)]
pub struct Options {
    /// Posts in the first chunk, which the first list needs.
    pub first_records: usize,
    /// Posts per records chunk (and per folded-text chunk).
    pub records_per_chunk: usize,
    /// Postings per term chunk (and word-pair chunk), roughly: a chunk closes once it
    /// holds more.
    pub postings_per_term_chunk: usize,
    /// At most this many term chunks, and as many word-pair chunks: a larger archive
    /// gets larger chunks, so that a million posts stay well under the 20,000 files
    /// some hosts allow.
    pub max_term_chunks: usize,
    /// Posts per slug bucket, roughly.
    pub posts_per_slug_bucket: usize,
    /// Bytes per body bundle, roughly.
    pub bytes_per_body_bundle: usize,
    /// The manifest's `base`.
    pub base: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            first_records: 40,
            records_per_chunk: 500,
            postings_per_term_chunk: 24_000,
            max_term_chunks: 3_000,
            posts_per_slug_bucket: 2_000,
            bytes_per_body_bundle: 1 << 20,
            base: None,
        }
    }
}

/// FNV-1a, 64 bits: the content hash in chunk names.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// The manifest: the archive's own facts, and the names of the files that hold the rest.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Manifest {
    /// `[major, minor]` of the format.
    pub folio_index: [u32; 2],
    /// [`crate::fold::FOLD_VERSION`] of the code that folded the words.
    pub fold: u32,
    /// [`crate::fold::TOKENIZER_VERSION`] of the code that split them.
    pub tokenizer: u32,
    /// Number of posts.
    pub count: usize,
    /// What relative URLs in records and bodies are relative to, itself relative to the
    /// manifest (`"../"` when the index sits in a folder beside the site's pages);
    /// absent means the manifest's own folder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<String>,
    /// The feed-level facts.
    pub feed: FeedHead,
    /// The records of the newest posts, in a small chunk of their own: the first list
    /// needs only the manifest and this.
    pub first: String,
    /// How many posts `first` holds.
    pub first_count: usize,
    /// Directories, fetched when first needed.
    pub records: String,
    /// Folded text chunks' directory.
    pub texts: String,
    /// Term chunks' directory.
    pub terms: String,
    /// Prefix chunks' directory.
    pub prefixes: String,
    /// Word-pair chunks' directory (format 1.1; without it, phrases read post texts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pairs: Option<String>,
    /// Slug buckets' directory.
    pub slugs: String,
    /// The per-post columns.
    pub columns: String,
    /// Posts per records chunk.
    pub records_per_chunk: usize,
    /// Month counts and facets with no filter, in each author's own calendar, for the
    /// first paint (the reader recounts in its own calendar once it has the columns).
    pub unfiltered: Unfiltered,
}

/// The feed's title, description and authors.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct FeedHead {
    /// The archive's title.
    pub title: String,
    /// Its description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub home_page_url: Option<String>,
    /// Large icon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon: Option<String>,
    /// Small icon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub favicon: Option<String>,
    /// Language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Every author, in the archive's order; records refer to them by position.
    pub authors: Vec<Author>,
}

/// Counts for the view with no filter.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Unfiltered {
    /// `[year, month, count]`, newest first.
    pub months: Vec<(i32, u32, usize)>,
    /// Tag facets.
    pub tags: Vec<(String, usize)>,
    /// Category facets (none in a version 1 index).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<(String, usize)>,
    /// Author facets.
    pub authors: Vec<(String, usize)>,
}

/// Where a post's body is: a byte range of a bundle.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct BodyRef {
    /// The bundle's file name, beside the manifest.
    pub file: String,
    /// First byte.
    pub start: usize,
    /// Length in bytes.
    pub len: usize,
}

/// A post as stored in a records chunk: everything a list or a post page shows, but the
/// body.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
struct PostRecord {
    id: String,
    slug: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    external_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    summary: Option<String>,
    excerpt: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    image: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    published: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    modified: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    authors: Vec<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    categories: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    language: Option<String>,
    /// A body elsewhere (`_folio.content_url` in the source feed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    content_url: Option<String>,
    /// A plain-text body, kept whole (the reader shows it as text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    content_text: Option<String>,
    /// Minutes to read the body, counted when the index was written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    minutes: Option<u32>,
    /// The positions of up to three related posts, best first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    related: Vec<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    body: Option<BodyRef>,
}

/// The per-post columns as stored.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
struct ColumnsRecord {
    /// Publication instants, Unix seconds, delta-coded from the previous dated post.
    time: Vec<Option<i64>>,
    /// The author's UTC offset of each dated post, in minutes.
    offset: Vec<i32>,
    tag_names: Vec<String>,
    tags: Vec<Vec<u32>>,
    /// Category names, and each post's categories (absent in a version 1 index).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    category_names: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    categories: Vec<Vec<u32>>,
    author_names: Vec<String>,
    authors: Vec<Vec<u32>>,
}

/// A term chunk: tokens in order, each with its postings delta-coded.
type TermChunk = Vec<(String, Vec<u32>)>;

/// The terms directory: each chunk's first token and its name.
type TermsDirectory = Vec<(String, String)>;

/// One file of the index: its name (beside the manifest) and its bytes.
pub type File = (String, Vec<u8>);

fn named(kind: &str, extension: &str, bytes: Vec<u8>) -> File {
    (format!("{kind}-{:016x}.{extension}", fnv1a(&bytes)), bytes)
}

fn json<T: Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).unwrap_or_default()
}

fn delta(list: &[u32]) -> Vec<u32> {
    let mut previous = 0;
    list.iter()
        .map(|&v| {
            let d = v.wrapping_sub(previous);
            previous = v;
            d
        })
        .collect()
}

fn undelta(list: &mut [u32]) {
    let mut running: u32 = 0;
    for v in list {
        running = running.wrapping_add(*v);
        *v = running;
    }
}

/// Writes `archive` as a sharded index. `index` must have been built from `archive`
/// with each post on its own calendar day ([`SearchIndex::build`]). The manifest is
/// the last file.
pub fn write(archive: &Archive, index: &SearchIndex, options: &Options) -> Vec<File> {
    let mut all = Vec::new();
    write_each(archive, index, options, &mut |file| all.push(file));
    all
}

/// Where the writer's files go, one at a time.
struct Sink<'a>(&'a mut dyn FnMut(File));

impl Sink<'_> {
    fn push(&mut self, file: File) {
        (self.0)(file);
    }

    fn extend(&mut self, files: impl IntoIterator<Item = File>) {
        for file in files {
            self.push(file);
        }
    }
}

/// As [`write`], handing each file to `sink` as soon as it is made, so that an archive
/// of a million posts is never all in memory twice. The manifest is the last file.
pub fn write_each(
    archive: &Archive,
    index: &SearchIndex,
    options: &Options,
    sink: &mut dyn FnMut(File),
) {
    let per = options.records_per_chunk.max(1);
    let mut files = Sink(sink);
    let author_at: HashMap<&str, u32> = archive
        .authors
        .iter()
        .enumerate()
        .map(|(i, a)| (a.name.as_str(), u32::try_from(i).unwrap_or(u32::MAX)))
        .collect();

    let bodies = write_bodies(archive, options, &mut files);
    let related = Related::new(index.columns());

    let (record_names, text_names) = write_records(
        archive, index, &bodies, &author_at, &related, per, &mut files,
    );
    let first_count = options.first_records.min(archive.posts.len());
    let first_records: Vec<PostRecord> = archive.posts[..first_count]
        .iter()
        .zip(&bodies)
        .enumerate()
        .map(|(i, (post, body))| {
            record(
                post,
                body.clone(),
                &author_at,
                related.of(i, RELATED_STORED),
            )
        })
        .collect();
    let first_file = named("first", "json", json(&first_records));
    let first = first_file.0.clone();
    files.push(first_file);
    let records_dir = named("records-dir", "json", json(&record_names));
    let texts_dir = named("texts-dir", "json", json(&text_names));

    let (terms_dir, prefixes_dir) = write_terms(index, options, &mut files);
    let pairs_dir = write_pairs(index, options, &mut files);
    let pairs_dir = named("pairs-dir", "json", json(&pairs_dir));
    let terms_dir = named("terms-dir", "json", json(&terms_dir));
    let prefixes_dir = named("prefixes-dir", "json", json(&prefixes_dir));

    let slug_names = write_slugs(archive, options, &mut files);
    let slugs_dir = named("slugs-dir", "json", json(&slug_names));

    let columns_file = named("columns", "json", json(&columns_record(archive, index)));

    let unfiltered = index.search(&Filters::default());
    let manifest = Manifest {
        folio_index: [FORMAT_MAJOR, FORMAT_MINOR],
        fold: crate::fold::FOLD_VERSION,
        tokenizer: crate::fold::TOKENIZER_VERSION,
        count: archive.posts.len(),
        base: options.base.clone(),
        feed: FeedHead {
            title: archive.title.clone(),
            description: archive.description.clone(),
            home_page_url: archive.home_page_url.clone(),
            icon: archive.icon.clone(),
            favicon: archive.favicon.clone(),
            language: archive.language.clone(),
            authors: archive.authors.clone(),
        },
        first,
        first_count,
        records: records_dir.0.clone(),
        texts: texts_dir.0.clone(),
        terms: terms_dir.0.clone(),
        prefixes: prefixes_dir.0.clone(),
        pairs: Some(pairs_dir.0.clone()),
        slugs: slugs_dir.0.clone(),
        columns: columns_file.0.clone(),
        records_per_chunk: per,
        unfiltered: Unfiltered {
            months: unfiltered
                .months
                .iter()
                .map(|m| (m.year, m.month, m.count))
                .collect(),
            tags: unfiltered.tags,
            categories: unfiltered.categories,
            authors: unfiltered.authors,
        },
    };
    files.extend([
        records_dir,
        texts_dir,
        terms_dir,
        prefixes_dir,
        pairs_dir,
        slugs_dir,
        columns_file,
    ]);
    files.push((
        MANIFEST.to_owned(),
        serde_json::to_vec_pretty(&manifest).unwrap_or_default(),
    ));
}

/// Bundles the bodies in archive order; returns where each post's body went.
fn write_bodies(
    archive: &Archive,
    options: &Options,
    files: &mut Sink<'_>,
) -> Vec<Option<BodyRef>> {
    let mut bodies: Vec<Option<BodyRef>> = Vec::with_capacity(archive.posts.len());
    let mut bundle: Vec<u8> = Vec::new();
    let mut waiting: Vec<(usize, usize, usize)> = Vec::new();
    let flush = |bundle: &mut Vec<u8>,
                 waiting: &mut Vec<(usize, usize, usize)>,
                 bodies: &mut Vec<Option<BodyRef>>,
                 files: &mut Sink<'_>| {
        if waiting.is_empty() {
            return;
        }
        let (name, bytes) = named("bodies", "html", std::mem::take(bundle));
        for (post, start, len) in waiting.drain(..) {
            bodies[post] = Some(BodyRef {
                file: name.clone(),
                start,
                len,
            });
        }
        files.push((name, bytes));
    };
    for (p, post) in archive.posts.iter().enumerate() {
        bodies.push(None);
        if let Some(html) = &post.content_html {
            waiting.push((p, bundle.len(), html.len()));
            bundle.extend_from_slice(html.as_bytes());
            if bundle.len() >= options.bytes_per_body_bundle {
                flush(&mut bundle, &mut waiting, &mut bodies, files);
            }
        }
    }
    flush(&mut bundle, &mut waiting, &mut bodies, files);

    bodies
}

/// Records and folded texts, chunk by chunk; returns the records directory (records
/// file, lengths file) and the texts directory.
fn write_records(
    archive: &Archive,
    index: &SearchIndex,
    bodies: &[Option<BodyRef>],
    author_at: &HashMap<&str, u32>,
    related: &Related<'_>,
    per: usize,
    files: &mut Sink<'_>,
) -> (Vec<(String, String)>, Vec<String>) {
    let mut record_names = Vec::new();
    let mut text_names = Vec::new();
    let folded = index.folded_texts();
    for (k, posts) in archive.posts.chunks(per).enumerate() {
        // One record per line, so that a reader can fetch just the lines it needs with a
        // byte range; each line's length goes to a small file beside it.
        let mut lines = Vec::new();
        let mut lengths = Vec::with_capacity(posts.len());
        for (i, post) in posts.iter().enumerate() {
            let start = lines.len();
            let position = k * per + i;
            let related = related.of(position, RELATED_STORED);
            lines.extend(json(&record(
                post,
                bodies[position].clone(),
                author_at,
                related,
            )));
            lines.push(b'\n');
            lengths.push(u32::try_from(lines.len() - start).unwrap_or(u32::MAX));
        }
        let file = named("records", "jsonl", lines);
        let lengths = named("lengths", "json", json(&lengths));
        record_names.push((file.0.clone(), lengths.0.clone()));
        files.push(file);
        files.push(lengths);
        let texts: Vec<&str> = folded[k * per..(k * per + posts.len()).min(folded.len())]
            .iter()
            .map(AsRef::as_ref)
            .collect();
        let file = named("texts", "json", json(&texts));
        text_names.push(file.0.clone());
        files.push(file);
    }
    (record_names, text_names)
}

/// Term chunks, and one merged list for each prefix of one and two letters; returns
/// the two directories.
fn write_terms(
    index: &SearchIndex,
    options: &Options,
    files: &mut Sink<'_>,
) -> (TermsDirectory, BTreeMap<String, String>) {
    let mut terms_dir: TermsDirectory = Vec::new();
    let mut chunk: TermChunk = Vec::new();
    let mut chunk_postings = 0;
    let mut prefix_lists: BTreeMap<String, BTreeMap<u32, u32>> = BTreeMap::new();
    let close = |chunk: &mut TermChunk, files: &mut Sink<'_>, dir: &mut TermsDirectory| {
        if let Some((first_token, _)) = chunk.first() {
            let first_token = first_token.clone();
            let file = named("terms", "json", json(chunk));
            dir.push((first_token, file.0.clone()));
            files.push(file);
            chunk.clear();
        }
    };
    let total: usize = index.sorted_terms().map(|(_, p)| p.len()).sum();
    let per_chunk = chunk_size(total, options);
    for (token, postings) in index.sorted_terms() {
        for length in 1..=2 {
            let Some((end, _)) = token
                .char_indices()
                .nth(length - 1)
                .map(|(i, c)| (i + c.len_utf8(), c))
            else {
                break;
            };
            let merged = prefix_lists.entry(token[..end].to_owned()).or_default();
            for &entry in postings {
                *merged.entry(entry >> FIELD_BITS).or_default() |= entry & FIELD_MASK;
            }
        }
        if chunk_postings >= per_chunk {
            close(&mut chunk, files, &mut terms_dir);
            chunk_postings = 0;
        }
        chunk_postings += postings.len();
        chunk.push((token.to_owned(), delta(postings)));
    }
    close(&mut chunk, files, &mut terms_dir);
    let mut prefixes_dir: BTreeMap<String, String> = BTreeMap::new();
    for (prefix, merged) in prefix_lists {
        let list: Vec<u32> = merged
            .into_iter()
            .map(|(post, mask)| (post << FIELD_BITS) | mask)
            .collect();
        let file = named("prefix", "json", json(&delta(&list)));
        prefixes_dir.insert(prefix, file.0.clone());
        files.push(file);
    }
    (terms_dir, prefixes_dir)
}

/// Postings per chunk for `total` postings: the option, or more when that would make
/// more than `max_term_chunks` chunks.
fn chunk_size(total: usize, options: &Options) -> usize {
    options
        .postings_per_term_chunk
        .max(total.div_ceil(options.max_term_chunks.max(1)))
}

/// The word-pair chunks: every two words that stand side by side in a field, as
/// `"first second"`, with the posts where they do (delta-coded, no field masks). A
/// two-word phrase is answered from these alone; a longer one narrows its candidates
/// to the posts that have all its pairs before their texts are read.
fn write_pairs(index: &SearchIndex, options: &Options, files: &mut Sink<'_>) -> TermsDirectory {
    let mut pairs: HashMap<String, Vec<u32>> = HashMap::new();
    for (post, text) in index.folded_texts().iter().enumerate() {
        let post = u32::try_from(post).unwrap_or(u32::MAX);
        for line in text.lines() {
            let mut words = line.split(' ').filter(|w| !w.is_empty());
            let Some(mut previous) = words.next() else {
                continue;
            };
            for word in words {
                let list = pairs.entry(format!("{previous} {word}")).or_default();
                if list.last() != Some(&post) {
                    list.push(post);
                }
                previous = word;
            }
        }
    }
    let mut sorted: Vec<(String, Vec<u32>)> = pairs.into_iter().collect();
    sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let per_chunk = chunk_size(sorted.iter().map(|(_, p)| p.len()).sum(), options);
    let mut dir: TermsDirectory = Vec::new();
    let mut chunk: TermChunk = Vec::new();
    let mut chunk_postings = 0;
    for (pair, posts) in sorted {
        if chunk_postings >= per_chunk {
            let file = named("pairs", "json", json(&chunk));
            dir.push((chunk[0].0.clone(), file.0.clone()));
            files.push(file);
            chunk.clear();
            chunk_postings = 0;
        }
        chunk_postings += posts.len();
        chunk.push((pair, delta(&posts)));
    }
    if let Some((first, _)) = chunk.first() {
        let first = first.clone();
        let file = named("pairs", "json", json(&chunk));
        dir.push((first, file.0.clone()));
        files.push(file);
    }
    dir
}

/// The per-post facts filters need, as stored.
fn columns_record(archive: &Archive, index: &SearchIndex) -> ColumnsRecord {
    let columns = index.columns();
    let mut time = Vec::with_capacity(archive.posts.len());
    let mut offset = Vec::new();
    let mut previous = 0i64;
    for post in &archive.posts {
        match post.published {
            Some(date) => {
                time.push(Some(date.timestamp() - previous));
                previous = date.timestamp();
                offset.push(date.offset_minutes());
            }
            None => time.push(None),
        }
    }
    ColumnsRecord {
        time,
        offset,
        tag_names: columns.tag_names.clone(),
        tags: columns.post_tags.to_vecs(),
        category_names: columns.category_names.clone(),
        categories: if columns.category_names.is_empty() {
            Vec::new()
        } else {
            columns.post_categories.to_vecs()
        },
        author_names: columns.author_names.clone(),
        authors: columns.post_authors.to_vecs(),
    }
}

/// Slug buckets: each post's position under its slug, spread by hash.
fn write_slugs(archive: &Archive, options: &Options, files: &mut Sink<'_>) -> Vec<String> {
    let buckets = archive
        .posts
        .len()
        .div_ceil(options.posts_per_slug_bucket.max(1))
        .max(1);
    let mut slug_buckets: Vec<Vec<(&str, usize)>> = vec![Vec::new(); buckets];
    for (p, post) in archive.posts.iter().enumerate() {
        slug_buckets[bucket_of(&post.slug, buckets)].push((&post.slug, p));
    }
    let slug_names: Vec<String> = slug_buckets
        .iter()
        .map(|b| {
            let file = named("slugs", "json", json(b));
            let name = file.0.clone();
            files.push(file);
            name
        })
        .collect();
    slug_names
}

fn bucket_of(slug: &str, buckets: usize) -> usize {
    usize::try_from(fnv1a(slug.as_bytes()) % (buckets.max(1) as u64)).unwrap_or(0)
}

fn record(
    post: &Post,
    body: Option<BodyRef>,
    author_at: &HashMap<&str, u32>,
    related: Vec<usize>,
) -> PostRecord {
    PostRecord {
        id: post.id.clone(),
        slug: post.slug.clone(),
        title: post.title.clone(),
        url: post.url.clone(),
        external_url: post.external_url.clone(),
        summary: post.summary.clone(),
        excerpt: post.excerpt.clone(),
        image: post.image.clone(),
        published: post.published.map(|d| d.iso()),
        modified: post.modified.map(|d| d.iso()),
        authors: post
            .authors
            .iter()
            .filter_map(|a| author_at.get(a.name.as_str()).copied())
            .collect(),
        tags: post.tags.clone(),
        categories: post.categories.clone(),
        language: post.language.clone(),
        content_url: post.content_url.clone(),
        content_text: if body.is_none() {
            post.content_text.clone()
        } else {
            None
        },
        minutes: post.minutes_to_read(),
        related: related
            .into_iter()
            .filter_map(|p| u32::try_from(p).ok())
            .collect(),
        body,
    }
}

/// Why a sharded index cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShardError {
    /// A chunk or the manifest is not what the format says.
    #[error("the index file {name} is not readable: {message}")]
    Malformed {
        /// Which file.
        name: String,
        /// What the parser said.
        message: String,
    },
    /// Written by a newer Folio than this reader.
    #[error("this archive's index was written in format {major}.{minor}, which is newer than this reader understands (format {FORMAT_MAJOR}); update Folio to read it")]
    TooNew {
        /// The index's major version.
        major: u32,
        /// Its minor version.
        minor: u32,
    },
}

/// A file the reader must fetch before it can go on.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Need {
    /// Its name, beside the manifest.
    pub name: String,
    /// The first byte and the length, when only part of the file is needed.
    pub range: Option<(usize, usize)>,
    kind: Kind,
}

impl Need {
    /// What identifies this fetch: the name, and the range if there is one.
    pub fn key(&self) -> String {
        match self.range {
            Some((start, len)) => format!("{}#{start}+{len}", self.name),
            None => self.name.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Kind {
    RecordsDir,
    TextsDir,
    TermsDir,
    PrefixesDir,
    PairsDir,
    SlugsDir,
    Columns,
    First,
    Lengths(usize),
    /// Posts `first..first + count` (positions), one line each.
    Records {
        first: usize,
        count: usize,
    },
    Texts(usize),
    Terms(usize),
    Prefix(String),
    Pairs(usize),
    Slugs(usize),
}

/// How a reader turns a post's instant and its author's UTC offset (minutes) into the
/// calendar day its date filters use.
pub type DayOf = Box<dyn Fn(i64, i32) -> Option<i32> + Send + Sync>;

/// A sharded index as a reader holds it: the manifest, and whichever chunks it has
/// loaded so far. Ask what a view needs (`needs_*`), fetch those files, hand them over
/// with [`Self::add`], and ask again until nothing is missing.
pub struct ShardedArchive {
    manifest: Manifest,
    head: Archive,
    day_of: DayOf,
    records_dir: Option<Vec<(String, String)>>,
    texts_dir: Option<Vec<String>>,
    terms_dir: Option<TermsDirectory>,
    prefixes_dir: Option<BTreeMap<String, String>>,
    pairs_dir: Option<TermsDirectory>,
    slugs_dir: Option<Vec<String>>,
    columns: Option<Columns>,
    /// The list with no filter, computed once the columns are in: the list shows it on
    /// load and each time the search box is emptied.
    everything: Option<SearchResults>,
    first: Option<Vec<(Post, Option<BodyRef>)>>,
    lengths: HashMap<usize, Vec<usize>>,
    records: HashMap<usize, (Post, Option<BodyRef>)>,
    /// The related posts each loaded record names.
    related: HashMap<usize, Vec<u32>>,
    texts: HashMap<usize, Vec<Box<str>>>,
    terms: HashMap<usize, TermChunk>,
    prefixes: HashMap<String, Vec<u32>>,
    pairs: HashMap<usize, TermChunk>,
    slugs: HashMap<usize, HashMap<String, usize>>,
}

impl std::fmt::Debug for ShardedArchive {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ShardedArchive")
            .field("count", &self.manifest.count)
            .field("records", &self.records.len())
            .field("terms", &self.terms.len())
            .finish_non_exhaustive()
    }
}

fn parse<T: for<'de> Deserialize<'de>>(name: &str, text: &str) -> Result<T, ShardError> {
    serde_json::from_str(text).map_err(|e| ShardError::Malformed {
        name: name.to_owned(),
        message: e.to_string(),
    })
}

/// A post's day in its author's own calendar, the day [`SearchIndex::build`] uses: the
/// `day_of` for [`ShardedArchive::from_manifest`] outside a browser.
pub fn author_day(timestamp: i64, offset_minutes: i32) -> Option<i32> {
    let offset = chrono::FixedOffset::east_opt(offset_minutes.checked_mul(60)?)?;
    let at = chrono::DateTime::from_timestamp(timestamp, 0)?.with_timezone(&offset);
    Some(crate::search::day_number(at.date_naive()))
}

/// True when `text` looks like a sharded index's manifest rather than a JSON Feed.
pub fn is_manifest(text: &str) -> bool {
    let head: String = text.chars().take(200).collect();
    head.contains("\"folio_index\"")
}

impl ShardedArchive {
    /// Reads a manifest. `day_of(timestamp, offset_minutes)` gives a post's calendar
    /// day (the reader passes its own timezone's; tests pass the author's).
    ///
    /// # Errors
    /// [`ShardError::TooNew`] for a newer format, [`ShardError::Malformed`] otherwise.
    pub fn from_manifest(text: &str, day_of: DayOf) -> Result<Self, ShardError> {
        #[derive(Deserialize)]
        struct VersionOnly {
            folio_index: [u32; 2],
        }
        let version: VersionOnly = parse(MANIFEST, text)?;
        let [major, minor] = version.folio_index;
        if major > FORMAT_MAJOR {
            return Err(ShardError::TooNew { major, minor });
        }
        let manifest: Manifest = parse(MANIFEST, text)?;
        let feed = &manifest.feed;
        let head = Archive {
            title: feed.title.clone(),
            description: feed.description.clone(),
            home_page_url: feed.home_page_url.clone(),
            icon: feed.icon.clone(),
            favicon: feed.favicon.clone(),
            language: feed.language.clone(),
            authors: feed.authors.clone(),
            posts: Vec::new(),
            duplicates_dropped: 0,
        };
        Ok(Self {
            manifest,
            head,
            day_of,
            records_dir: None,
            texts_dir: None,
            terms_dir: None,
            prefixes_dir: None,
            pairs_dir: None,
            slugs_dir: None,
            columns: None,
            everything: None,
            first: None,
            lengths: HashMap::new(),
            records: HashMap::new(),
            related: HashMap::new(),
            texts: HashMap::new(),
            terms: HashMap::new(),
            prefixes: HashMap::new(),
            pairs: HashMap::new(),
            slugs: HashMap::new(),
        })
    }

    /// The manifest.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// The archive's title, authors and other feed-level facts, with no posts.
    pub fn head(&self) -> &Archive {
        &self.head
    }

    fn need(name: &str, kind: Kind) -> Need {
        Need {
            name: name.to_owned(),
            range: None,
            kind,
        }
    }

    /// Hands over a fetched file.
    ///
    /// # Errors
    /// [`ShardError::Malformed`] when its content is not what the format says.
    pub fn add(&mut self, need: &Need, text: &str) -> Result<(), ShardError> {
        let name = need.name.as_str();
        match &need.kind {
            Kind::RecordsDir => self.records_dir = Some(parse(name, text)?),
            Kind::TextsDir => self.texts_dir = Some(parse(name, text)?),
            Kind::TermsDir => self.terms_dir = Some(parse(name, text)?),
            Kind::PrefixesDir => self.prefixes_dir = Some(parse(name, text)?),
            Kind::PairsDir => self.pairs_dir = Some(parse(name, text)?),
            Kind::Pairs(k) => {
                let mut stored: TermChunk = parse(name, text)?;
                for (_, posts) in &mut stored {
                    undelta(posts);
                }
                self.pairs.insert(*k, stored);
            }
            Kind::SlugsDir => self.slugs_dir = Some(parse(name, text)?),
            Kind::Columns => {
                let stored: ColumnsRecord = parse(name, text)?;
                self.columns = Some(self.columns_from(stored, name)?);
                self.everything = self
                    .columns
                    .as_ref()
                    .map(|c| c.run(self, &Filters::default()));
            }
            Kind::First => {
                let mut stored: Vec<PostRecord> = parse(name, text)?;
                for (position, r) in stored.iter_mut().enumerate() {
                    self.related
                        .insert(position, std::mem::take(&mut r.related));
                }
                self.first = Some(stored.into_iter().map(|r| self.post_from(r)).collect());
            }
            Kind::Lengths(k) => {
                let stored: Vec<usize> = parse(name, text)?;
                let mut offset = 0;
                let mut offsets = Vec::with_capacity(stored.len() + 1);
                offsets.push(0);
                for len in stored {
                    offset += len;
                    offsets.push(offset);
                }
                self.lengths.insert(*k, offsets);
            }
            Kind::Records { first, count } => {
                let mut lines = text.lines();
                for position in *first..first + count {
                    let line = lines.next().ok_or_else(|| ShardError::Malformed {
                        name: name.to_owned(),
                        message: format!("the range for posts {first}+{count} ends early"),
                    })?;
                    let mut stored: PostRecord = parse(name, line)?;
                    self.related
                        .insert(position, std::mem::take(&mut stored.related));
                    let post = self.post_from(stored);
                    self.records.insert(position, post);
                }
            }
            Kind::Texts(k) => {
                let stored: Vec<String> = parse(name, text)?;
                self.texts
                    .insert(*k, stored.into_iter().map(String::into_boxed_str).collect());
            }
            Kind::Terms(k) => {
                let mut stored: TermChunk = parse(name, text)?;
                for (_, postings) in &mut stored {
                    undelta(postings);
                    self.upgrade(postings);
                }
                self.terms.insert(*k, stored);
            }
            Kind::Prefix(prefix) => {
                let mut stored: Vec<u32> = parse(name, text)?;
                undelta(&mut stored);
                self.upgrade(&mut stored);
                self.prefixes.insert(prefix.clone(), stored);
            }
            Kind::Slugs(k) => {
                let stored: Vec<(String, usize)> = parse(name, text)?;
                self.slugs.insert(*k, stored.into_iter().collect());
            }
        }
        Ok(())
    }

    /// Postings from a version 1 index, rewritten as this version stores them.
    fn upgrade(&self, postings: &mut [u32]) {
        if self.manifest.folio_index[0] < 2 {
            upgrade_v1_postings(postings);
        }
    }

    fn columns_from(&self, stored: ColumnsRecord, name: &str) -> Result<Columns, ShardError> {
        let n = self.manifest.count;
        let malformed = |what: &str| ShardError::Malformed {
            name: name.to_owned(),
            message: format!("{what} does not have one entry per post"),
        };
        if stored.time.len() != n || stored.tags.len() != n || stored.authors.len() != n {
            return Err(malformed("a column"));
        }
        // No categories anywhere is stored as no column at all.
        let categories: Lists = if stored.categories.is_empty() {
            (0..n).map(|_| Vec::new()).collect()
        } else if stored.categories.len() == n {
            stored.categories.into_iter().collect()
        } else {
            return Err(malformed("the categories column"));
        };
        let mut days = Vec::with_capacity(n);
        let mut offsets = stored.offset.iter();
        let mut previous = 0i64;
        for delta in &stored.time {
            days.push(match delta {
                Some(d) => {
                    previous += d;
                    let offset = *offsets.next().ok_or_else(|| malformed("offset"))?;
                    (self.day_of)(previous, offset)
                }
                None => None,
            });
        }
        let mut columns = Columns {
            days,
            months: Vec::new(),
            month_span: None,
            post_tags: stored.tags.into_iter().collect(),
            tag_names: stored.tag_names,
            post_categories: categories,
            category_names: stored.category_names,
            post_authors: stored.authors.into_iter().collect(),
            author_names: stored.author_names,
        };
        columns.fill_months();
        Ok(columns)
    }

    fn post_from(&self, r: PostRecord) -> (Post, Option<BodyRef>) {
        let post = Post {
            id: r.id,
            slug: r.slug,
            title: r.title,
            url: r.url,
            external_url: r.external_url,
            content_html: None,
            content_text: r.content_text,
            content_url: r.content_url,
            summary: r.summary,
            excerpt: r.excerpt,
            image: r.image,
            published: r.published.as_deref().and_then(parse_date),
            modified: r.modified.as_deref().and_then(parse_date),
            authors: r
                .authors
                .iter()
                .filter_map(|&i| self.head.authors.get(i as usize).cloned())
                .collect(),
            tags: r.tags,
            // A version 1 index has no category column to filter by, so its records'
            // categories would only be links to empty lists.
            categories: if self.manifest.folio_index[0] < 2 {
                Vec::new()
            } else {
                r.categories
            },
            language: r.language,
            reading_minutes: r.minutes,
        };
        (post, r.body)
    }

    fn chunk_of(&self, post: usize) -> usize {
        post / self.manifest.records_per_chunk.max(1)
    }

    /// The files needed to show the posts at `positions` (newest-first order).
    pub fn needs_for_posts(&self, positions: &[usize]) -> Vec<Need> {
        let mut needs = Vec::new();
        let first_count = self.manifest.first_count;
        if self.first.is_none() && positions.iter().any(|&p| p < first_count) {
            needs.push(Self::need(&self.manifest.first, Kind::First));
        }
        let mut missing: Vec<usize> = positions
            .iter()
            .copied()
            .filter(|&p| p >= first_count && p < self.manifest.count)
            .filter(|p| !self.records.contains_key(p))
            .collect();
        missing.sort_unstable();
        missing.dedup();
        if missing.is_empty() {
            return needs;
        }
        let Some(dir) = &self.records_dir else {
            needs.push(Self::need(&self.manifest.records, Kind::RecordsDir));
            return needs;
        };
        let per = self.manifest.records_per_chunk.max(1);
        // Runs of neighbouring posts in one chunk become one range.
        let mut at = 0;
        while at < missing.len() {
            let k = self.chunk_of(missing[at]);
            let mut end = at + 1;
            while end < missing.len()
                && missing[end] == missing[end - 1] + 1
                && self.chunk_of(missing[end]) == k
            {
                end += 1;
            }
            let Some((records, lengths)) = dir.get(k) else {
                at = end;
                continue;
            };
            match self.lengths.get(&k) {
                None => {
                    let need = Self::need(lengths, Kind::Lengths(k));
                    if !needs.contains(&need) {
                        needs.push(need);
                    }
                }
                Some(offsets) => {
                    let (first, last) = (missing[at] - k * per, missing[end - 1] - k * per);
                    if let (Some(&start), Some(&stop)) = (offsets.get(first), offsets.get(last + 1))
                    {
                        needs.push(Need {
                            name: records.clone(),
                            range: Some((start, stop - start)),
                            kind: Kind::Records {
                                first: missing[at],
                                count: end - at,
                            },
                        });
                    }
                }
            }
            at = end;
        }
        needs
    }

    /// The post at `position`, with where its body is, once its chunk is loaded.
    pub fn post(&self, position: usize) -> Option<&(Post, Option<BodyRef>)> {
        if let Some(first) = self
            .first
            .as_ref()
            .filter(|_| position < self.manifest.first_count)
        {
            return first.get(position);
        }
        self.records.get(&position)
    }

    /// The files needed to find the post with `slug`.
    pub fn needs_for_slug(&self, slug: &str) -> Vec<Need> {
        let Some(dir) = &self.slugs_dir else {
            return vec![Self::need(&self.manifest.slugs, Kind::SlugsDir)];
        };
        let k = bucket_of(slug, dir.len());
        match (self.slugs.contains_key(&k), dir.get(k)) {
            (false, Some(name)) => vec![Self::need(name, Kind::Slugs(k))],
            _ => Vec::new(),
        }
    }

    /// The position of the post with `slug`: `None` while its bucket is not loaded,
    /// `Some(None)` when no post has it.
    pub fn position_of(&self, slug: &str) -> Option<Option<usize>> {
        let dir = self.slugs_dir.as_ref()?;
        let bucket = self.slugs.get(&bucket_of(slug, dir.len()))?;
        Some(bucket.get(slug).copied())
    }

    /// Up to `limit` posts related to the one at `position`, as the index recorded
    /// them (see [`crate::search::Related`]), once its record is loaded; none for an
    /// index written before related posts were.
    pub fn related(&self, position: usize, limit: usize) -> Option<Vec<usize>> {
        self.post(position)?;
        Some(
            self.related
                .get(&position)
                .map(|r| r.iter().take(limit).map(|&p| p as usize).collect())
                .unwrap_or_default(),
        )
    }

    /// The files a search with `filters` needs next. Empty once [`Self::search`] can
    /// answer. Directories come before the chunks they name, so call again after
    /// adding what this returned.
    pub fn needs_for_search(&self, filters: &Filters) -> Vec<Need> {
        let mut needs = Vec::new();
        if self.columns.is_none() && is_unfiltered(filters) {
            return needs;
        }
        if self.columns.is_none() {
            needs.push(Self::need(&self.manifest.columns, Kind::Columns));
        }
        let query = &filters.query;
        let words: Vec<&String> = query
            .words
            .iter()
            .chain(query.phrases.iter().flatten())
            .collect();
        let short_prefix = query.prefix.as_ref().filter(|p| p.chars().count() <= 2);
        let long_prefix = query.prefix.as_ref().filter(|p| p.chars().count() > 2);
        if !words.is_empty() || long_prefix.is_some() {
            match &self.terms_dir {
                None => needs.push(Self::need(&self.manifest.terms, Kind::TermsDir)),
                Some(dir) => {
                    let mut wanted: Vec<usize> =
                        words.iter().filter_map(|w| chunk_for(dir, w)).collect();
                    if let Some(prefix) = long_prefix {
                        wanted.extend(chunks_for_prefix(dir, prefix));
                    }
                    wanted.sort_unstable();
                    wanted.dedup();
                    for k in wanted {
                        if !self.terms.contains_key(&k) {
                            needs.push(Self::need(&dir[k].1, Kind::Terms(k)));
                        }
                    }
                }
            }
        }
        if let Some(prefix) = short_prefix {
            match &self.prefixes_dir {
                None => needs.push(Self::need(&self.manifest.prefixes, Kind::PrefixesDir)),
                Some(dir) => {
                    if let (Some(name), false) = (
                        dir.get(prefix.as_str()),
                        self.prefixes.contains_key(prefix.as_str()),
                    ) {
                        needs.push(Self::need(name, Kind::Prefix(prefix.clone())));
                    }
                }
            }
        }
        if !needs.is_empty() || query.phrases.is_empty() {
            return needs;
        }
        self.needs_for_phrases(query, &words)
    }

    /// What the phrases of `query` need once its words' postings are loaded. `words` are
    /// every word of the query, phrases' included.
    fn needs_for_phrases(&self, query: &Query, words: &[&String]) -> Vec<Need> {
        let mut needs = Vec::new();
        // First the word pairs, when the index has them.
        let phrase_pairs: Vec<String> = query
            .phrases
            .iter()
            .flat_map(|words| words.windows(2).map(|w| format!("{} {}", w[0], w[1])))
            .collect();
        if let (Some(pairs), false) = (&self.manifest.pairs, phrase_pairs.is_empty()) {
            let Some(dir) = &self.pairs_dir else {
                return vec![Self::need(pairs, Kind::PairsDir)];
            };
            let mut wanted: Vec<usize> = phrase_pairs
                .iter()
                .filter_map(|pair| chunk_for(dir, pair))
                .collect();
            wanted.sort_unstable();
            wanted.dedup();
            for k in wanted {
                if !self.pairs.contains_key(&k) {
                    needs.push(Self::need(&dir[k].1, Kind::Pairs(k)));
                }
            }
            if !needs.is_empty() {
                return needs;
            }
        }
        // Then the folded text of each post that may have the phrase, for phrases the
        // pairs cannot settle alone.
        if !query.phrases.iter().any(|words| self.needs_text(words)) {
            return needs;
        }
        let Some(columns) = &self.columns else {
            return needs;
        };
        let without_phrases = Query {
            words: words.iter().map(|w| (*w).clone()).collect(),
            phrases: Vec::new(),
            prefix: query.prefix.clone(),
        };
        let candidates = columns.run(
            self,
            &Filters {
                query: without_phrases,
                ..Filters::default()
            },
        );
        let mut chunks: Vec<usize> = candidates
            .posts
            .iter()
            .filter(|&&p| {
                query
                    .phrases
                    .iter()
                    .all(|words| self.pairs_allow(p, words) != Some(false))
            })
            .map(|&p| self.chunk_of(p))
            .collect();
        chunks.sort_unstable();
        chunks.dedup();
        let missing: Vec<usize> = chunks
            .into_iter()
            .filter(|k| !self.texts.contains_key(k))
            .collect();
        if missing.is_empty() {
            return needs;
        }
        match &self.texts_dir {
            None => needs.push(Self::need(&self.manifest.texts, Kind::TextsDir)),
            Some(dir) => {
                for k in missing {
                    if let Some(name) = dir.get(k) {
                        needs.push(Self::need(name, Kind::Texts(k)));
                    }
                }
            }
        }
        needs
    }

    /// True when a phrase of `words` needs the posts' texts to be checked: three words
    /// or more, or any phrase when the index has no word pairs.
    fn needs_text(&self, words: &[String]) -> bool {
        match words.len() {
            0 | 1 => false,
            2 => self.manifest.pairs.is_none(),
            _ => true,
        }
    }

    /// What the word pairs say about post `post` and a phrase of `words`: `Some(false)`
    /// when some pair is not in it, `Some(true)` when every pair is, `None` when the
    /// pairs are not loaded (or the index has none).
    fn pairs_allow(&self, post: usize, words: &[String]) -> Option<bool> {
        self.manifest.pairs.as_ref()?;
        let dir = self.pairs_dir.as_ref()?;
        let post = u32::try_from(post).ok()?;
        for w in words.windows(2) {
            let pair = format!("{} {}", w[0], w[1]);
            let chunk = self.pairs.get(&chunk_for(dir, &pair)?)?;
            let found = chunk
                .binary_search_by(|(t, _)| t.as_str().cmp(pair.as_str()))
                .ok()
                .is_some_and(|at| chunk[at].1.binary_search(&post).is_ok());
            if !found {
                return Some(false);
            }
        }
        Some(true)
    }

    /// Runs `filters`, or `None` while [`Self::needs_for_search`] names missing files.
    pub fn search(&self, filters: &Filters) -> Option<SearchResults> {
        self.answer(filters).ok()
    }

    /// Runs `filters` when everything they need is loaded, else says what to fetch: one
    /// pass for a caller that wants either (a phrase's needs cost a search of their own).
    ///
    /// # Errors
    /// The files [`Self::needs_for_search`] names, while any is missing.
    pub fn answer(&self, filters: &Filters) -> Result<SearchResults, Vec<Need>> {
        let needs = self.needs_for_search(filters);
        if !needs.is_empty() {
            return Err(needs);
        }
        Ok(match (&self.columns, &self.everything) {
            (Some(_), Some(everything)) if is_unfiltered(filters) => everything.clone(),
            (Some(columns), _) => columns.run(self, filters),
            (None, _) => self.unfiltered(),
        })
    }

    /// The whole archive, newest first, with the manifest's facets: what a list with
    /// no filter shows before the columns are loaded. The manifest's months are in each
    /// post's own calendar; once the columns are loaded, the reader's calendar is used.
    fn unfiltered(&self) -> SearchResults {
        let head = &self.manifest.unfiltered;
        SearchResults {
            posts: (0..self.manifest.count).collect(),
            tags: head.tags.clone(),
            categories: head.categories.clone(),
            authors: head.authors.clone(),
            months: head
                .months
                .iter()
                .map(|&(year, month, count)| crate::search::MonthCount { year, month, count })
                .collect(),
        }
    }
}

/// Rewrites version 1 postings, `(post << 5) | mask` over title, tag, author, summary and
/// body, as version 2's `(post << 6) | mask`, with the category bit (second) clear.
fn upgrade_v1_postings(postings: &mut [u32]) {
    for entry in postings {
        let mask = *entry & 31;
        let post = *entry >> 5;
        *entry = (post << crate::search::FIELD_BITS) | (mask & 1) | ((mask & !1) << 1);
    }
}

/// The term chunk that would hold `token`.
fn chunk_for(dir: &TermsDirectory, token: &str) -> Option<usize> {
    let after = dir.partition_point(|(first, _)| first.as_str() <= token);
    after.checked_sub(1)
}

/// The term chunks that may hold tokens starting with `prefix`.
fn chunks_for_prefix(dir: &TermsDirectory, prefix: &str) -> Vec<usize> {
    let start = chunk_for(dir, prefix).unwrap_or(0);
    let mut out = Vec::new();
    for (k, (first, _)) in dir.iter().enumerate().skip(start) {
        if k > start && !first.starts_with(prefix) && first.as_str() > prefix {
            break;
        }
        out.push(k);
    }
    out
}

impl Terms for ShardedArchive {
    fn exact(&self, token: &str) -> Option<&[u32]> {
        let dir = self.terms_dir.as_ref()?;
        let chunk = self.terms.get(&chunk_for(dir, token)?)?;
        let at = chunk
            .binary_search_by(|(t, _)| t.as_str().cmp(token))
            .ok()?;
        Some(chunk[at].1.as_slice())
    }

    fn with_prefix<'a>(&'a self, prefix: &'a str) -> Vec<&'a [u32]> {
        if prefix.chars().count() <= 2 {
            return self
                .prefixes
                .get(prefix)
                .map(Vec::as_slice)
                .into_iter()
                .collect();
        }
        let Some(dir) = &self.terms_dir else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for k in chunks_for_prefix(dir, prefix) {
            if let Some(chunk) = self.terms.get(&k) {
                let start = chunk.partition_point(|(t, _)| t.as_str() < prefix);
                out.extend(
                    chunk[start..]
                        .iter()
                        .take_while(|(t, _)| t.starts_with(prefix))
                        .map(|(_, p)| p.as_slice()),
                );
            }
        }
        out
    }

    fn pair_postings(&self, words: &[String]) -> PairLists<'_> {
        self.manifest.pairs.as_ref()?;
        let dir = self.pairs_dir.as_ref()?;
        let mut lists = Vec::new();
        for w in words.windows(2) {
            let pair = format!("{} {}", w[0], w[1]);
            let chunk = self.pairs.get(&chunk_for(dir, &pair)?)?;
            match chunk.binary_search_by(|(t, _)| t.as_str().cmp(pair.as_str())) {
                Ok(at) => lists.push(chunk[at].1.as_slice()),
                Err(_) => lists.push(&[]),
            }
        }
        Some((lists, !self.needs_text(words)))
    }

    fn folded(&self, post: usize) -> &str {
        let per = self.manifest.records_per_chunk.max(1);
        self.texts
            .get(&(post / per))
            .and_then(|chunk| chunk.get(post % per))
            .map_or("", |t| t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::day_number;
    use proptest::prelude::*;

    fn open(files: &[File]) -> (ShardedArchive, HashMap<String, String>) {
        let by_name: HashMap<String, String> = files
            .iter()
            .map(|(n, b)| (n.clone(), String::from_utf8_lossy(b).into_owned()))
            .collect();
        let sharded = ShardedArchive::from_manifest(&by_name[MANIFEST], Box::new(author_day))
            .expect("manifest reads");
        (sharded, by_name)
    }

    /// Fetches until nothing is missing, as the reader does; returns the number of rounds.
    fn satisfy(
        sharded: &mut ShardedArchive,
        files: &HashMap<String, String>,
        needs: impl Fn(&ShardedArchive) -> Vec<Need>,
    ) -> usize {
        let mut rounds = 0;
        loop {
            let wanted = needs(sharded);
            if wanted.is_empty() {
                return rounds;
            }
            rounds += 1;
            assert!(rounds < 10, "needs never settle: {wanted:?}");
            for need in wanted {
                let file = &files[&need.name];
                let text = match need.range {
                    Some((start, len)) => &file[start..start + len],
                    None => file.as_str(),
                };
                sharded.add(&need, text).expect("chunk reads");
            }
        }
    }

    /// Title, body, tags, author and day of one generated post.
    type Spec = (String, String, Vec<String>, String, Option<i64>);

    fn feed(posts: &[Spec]) -> String {
        let items: Vec<serde_json::Value> = posts
            .iter()
            .enumerate()
            .map(|(i, (title, body, tags, author, day))| {
                // Every post with tags has a category named after its first tag.
                let categories: Vec<String> =
                    tags.iter().take(1).map(|t| format!("sec {t}")).collect();
                let mut item = serde_json::json!({
                    "id": format!("p{i}"),
                    "title": title,
                    "content_html": format!("<p>{body}</p>"),
                    "tags": tags,
                    "authors": [{"name": author}],
                    "_folio": {"categories": categories},
                });
                if let Some(day) = day {
                    let offset = if day % 3 == 0 { "+03:30" } else { "Z" };
                    let date = chrono::DateTime::from_timestamp(1_600_000_000 + day * 37_000, 0)
                        .map(|d| d.format("%Y-%m-%dT%H:%M:%S").to_string())
                        .unwrap_or_default();
                    item["date_published"] = serde_json::Value::String(format!("{date}{offset}"));
                }
                item
            })
            .collect();
        serde_json::json!({"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": items}).to_string()
    }

    const WORDS: &[&str] = &[
        "otter", "other", "water", "wash", "river", "reed", "rain", "آب", "café", "cafe",
        "ottoman", "o",
    ];

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(WORDS), 0..8).prop_map(|w| w.join(" "))
    }

    fn posts() -> impl Strategy<Value = Vec<Spec>> {
        prop::collection::vec(
            (
                text(),
                text(),
                prop::collection::vec(
                    prop::sample::select(&["a", "b", "c"][..]).prop_map(str::to_owned),
                    0..3,
                ),
                prop::sample::select(&["Ana", "Bo"][..]).prop_map(str::to_owned),
                prop::option::of(0i64..400),
            ),
            0..40,
        )
    }

    fn query() -> impl Strategy<Value = String> {
        (
            text(),
            prop::option::of(prop::collection::vec(prop::sample::select(WORDS), 1..4)),
            prop::option::of((prop::sample::select(WORDS), 1usize..4)),
        )
            .prop_map(|(words, phrase, prefix)| {
                let mut q = words;
                if let Some(p) = phrase {
                    q = format!("\"{}\" {q}", p.join(" "));
                }
                if let Some((word, n)) = prefix {
                    let cut: String = word.chars().take(n).collect();
                    q = format!("{q} {cut}");
                }
                q
            })
    }

    #[test]
    fn a_two_word_phrase_is_answered_from_word_pairs_without_reading_texts() {
        let spec = |title: &str, body: &str| {
            (
                title.to_owned(),
                body.to_owned(),
                Vec::new(),
                "Ana".to_owned(),
                Some(1),
            )
        };
        let posts: Vec<Spec> = (0..30i64)
            .map(|i| match i % 3 {
                0 => spec("river otter", "the water otter"),
                1 => spec("otter", "water and the river"),
                _ => spec("rain", "water otter river"),
            })
            .collect();
        let archive = Archive::from_json(&feed(&posts)).expect("feed");
        let index = SearchIndex::build(&archive);
        let options = Options {
            first_records: 3,
            records_per_chunk: 7,
            ..Options::default()
        };
        let files = write(&archive, &index, &options);
        let (mut sharded, by_name) = open(&files);
        let run = |sharded: &mut ShardedArchive, q: &str| {
            let filters = Filters {
                query: Query::parse(q),
                ..Filters::default()
            };
            let mut fetched = Vec::new();
            loop {
                let needs = sharded.needs_for_search(&filters);
                if needs.is_empty() {
                    break;
                }
                for need in needs {
                    fetched.push(need.name.clone());
                    sharded
                        .add(&need, &by_name[&need.name])
                        .expect("chunk reads");
                }
            }
            assert_eq!(sharded.search(&filters), Some(index.search(&filters)));
            fetched
        };
        let fetched = run(&mut sharded, "\"water otter\"");
        assert!(
            fetched.iter().any(|n| n.starts_with("pairs-")),
            "{fetched:?}"
        );
        assert!(
            !fetched.iter().any(|n| n.starts_with("texts")),
            "{fetched:?}"
        );
        assert_eq!(
            sharded
                .search(&Filters {
                    query: Query::parse("\"water otter\""),
                    ..Filters::default()
                })
                .map(|r| r.posts.len()),
            Some(20)
        );
        // Three words: only the posts with both pairs have their texts read.
        let fetched = run(&mut sharded, "\"the water otter\"");
        assert!(
            fetched.iter().any(|n| n.starts_with("texts-")),
            "{fetched:?}"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn sharded_results_equal_in_memory_results(
            posts in posts(),
            q in query(),
            tag in prop::option::of(prop::sample::select(&["a", "b"][..])),
            category in prop::option::of(prop::sample::select(&["sec a", "sec c"][..])),
            author in prop::option::of(prop::sample::select(&["Ana", "Bo", "Cy"][..])),
            range in prop::option::of((0i32..30, 0i32..30)),
            newest in any::<bool>(),
        ) {
            let archive = Archive::from_json(&feed(&posts)).expect("feed");
            let index = SearchIndex::build(&archive);
            let options = Options { first_records: 3, records_per_chunk: 7, postings_per_term_chunk: 5, max_term_chunks: 4, posts_per_slug_bucket: 4, bytes_per_body_bundle: 200, base: None };
            let files = write(&archive, &index, &options);
            let (mut sharded, by_name) = open(&files);
            let base = archive.posts.iter().filter_map(|p| p.published).map(|d| day_number(d.calendar_day())).min().unwrap_or(0);
            let filters = Filters {
                query: Query::parse(&q),
                from_day: range.map(|(a, _)| base + a * 5),
                to_day: range.map(|(a, b)| base + a * 5 + b * 9),
                tags: tag.map(str::to_owned).into_iter().collect(),
                categories: category.map(str::to_owned).into_iter().collect(),
                author: author.map(str::to_owned),
                sort: if newest { crate::search::Sort::Newest } else { crate::search::Sort::Relevance },
            };
            let expected = index.search(&filters);
            prop_assert!(sharded.search(&filters).is_none() || archive.posts.is_empty() || is_unfiltered(&filters));
            satisfy(&mut sharded, &by_name, |s| s.needs_for_search(&filters));
            let found = sharded.search(&filters).expect("everything loaded");
            prop_assert_eq!(&found, &expected);

            // The posts themselves, and finding them by slug.
            satisfy(&mut sharded, &by_name, |s| s.needs_for_posts(&found.posts));
            for &p in &found.posts {
                prop_assert_eq!(sharded.related(p, 3), Some(index.related(p, 3)));
                let (post, body) = sharded.post(p).expect("loaded");
                let original = &archive.posts[p];
                prop_assert_eq!(&post.id, &original.id);
                prop_assert_eq!(&post.slug, &original.slug);
                prop_assert_eq!(&post.excerpt, &original.excerpt);
                prop_assert_eq!(post.published, original.published);
                prop_assert_eq!(&post.authors, &original.authors);
                let body = body.as_ref().expect("body");
                let bundle = &by_name[&body.file];
                prop_assert_eq!(Some(&bundle[body.start..body.start + body.len]), original.content_html.as_deref());
                satisfy(&mut sharded, &by_name, |s| s.needs_for_slug(&original.slug));
                prop_assert_eq!(sharded.position_of(&original.slug), Some(Some(p)));
            }
        }
    }

    #[test]
    fn the_first_list_needs_the_manifest_and_one_chunk() {
        let posts: Vec<_> = (0..1200)
            .map(|i| {
                (
                    format!("post {i}"),
                    "otter water".to_owned(),
                    vec!["a".to_owned()],
                    "Ana".to_owned(),
                    Some(i),
                )
            })
            .collect();
        let archive = Archive::from_json(&feed(&posts)).expect("feed");
        let index = SearchIndex::build(&archive);
        let files = write(&archive, &index, &Options::default());
        let (mut sharded, by_name) = open(&files);
        let first_page: Vec<usize> = (0..10).collect();
        let needs = sharded.needs_for_posts(&first_page);
        assert_eq!(needs.len(), 1);
        assert_eq!(needs[0].name, sharded.manifest().first);
        satisfy(&mut sharded, &by_name, |s| s.needs_for_posts(&first_page));
        assert_eq!(
            sharded.post(0).map(|(p, _)| p.id.as_str()),
            Some(archive.posts[0].id.as_str())
        );
        assert_eq!(
            sharded.manifest().unfiltered.months.len(),
            index.search(&Filters::default()).months.len()
        );
        // A one-letter prefix is one merged chunk, not every word starting with it.
        let filters = Filters {
            query: Query::parse("o"),
            ..Filters::default()
        };
        let rounds = satisfy(&mut sharded, &by_name, |s| s.needs_for_search(&filters));
        assert_eq!(
            rounds, 2,
            "columns and the prefix directory, then the prefix chunk"
        );
        assert_eq!(sharded.search(&filters), Some(index.search(&filters)));
    }

    #[test]
    fn version_1_postings_read_as_version_2() {
        // Post 7 with a title, tag and body match (bits 0, 1, 4 in version 1).
        let mut postings = [(7 << 5) | 0b1_0011, 3 << 5 | 0b0_0100];
        upgrade_v1_postings(&mut postings);
        assert_eq!(postings, [(7 << 6) | 0b10_0101, (3 << 6) | 0b00_1000]);
    }

    #[test]
    fn a_version_1_index_still_searches_as_it_did() {
        let posts: Vec<Spec> = (0..30usize)
            .zip(0..30i64)
            .map(|(i, day)| {
                let words = ["otter river", "water reed", "rain otter", "café wash"][i % 4];
                (
                    format!("{words} {i}"),
                    format!("body {words}"),
                    vec![["a", "b"][i % 2].to_owned()],
                    ["Ana", "Bo"][i % 2].to_owned(),
                    Some(day),
                )
            })
            .collect();
        let archive = Archive::from_json(&feed(&posts)).expect("feed");
        let index = SearchIndex::build(&archive);
        let files = write(
            &archive,
            &index,
            &Options {
                postings_per_term_chunk: 5,
                ..Options::default()
            },
        );
        // The same index as version 1 wrote it: five field bits, no categories.
        let downgrade = |list: &mut Vec<u32>| {
            undelta(list);
            for entry in list.iter_mut() {
                let mask = *entry & FIELD_MASK;
                *entry = ((*entry >> FIELD_BITS) << 5) | (mask & 1) | ((mask >> 1) & !1);
            }
            *list = delta(list);
        };
        let old: Vec<File> = files
            .into_iter()
            .map(|(name, bytes)| {
                let text = String::from_utf8(bytes).expect("UTF-8");
                let text = if name.starts_with("terms-") && !name.starts_with("terms-dir") {
                    let mut chunk: TermChunk = serde_json::from_str(&text).expect("terms");
                    for (_, list) in &mut chunk {
                        downgrade(list);
                    }
                    serde_json::to_string(&chunk).expect("json")
                } else if name.starts_with("prefix-") && !name.starts_with("prefixes-") {
                    let mut list: Vec<u32> = serde_json::from_str(&text).expect("prefix");
                    downgrade(&mut list);
                    serde_json::to_string(&list).expect("json")
                } else if name == MANIFEST {
                    let mut manifest: serde_json::Value =
                        serde_json::from_str(&text).expect("manifest");
                    manifest["folio_index"] = serde_json::json!([1, 1]);
                    manifest.to_string()
                } else {
                    text
                };
                (name, text.into_bytes())
            })
            .collect();
        let (mut sharded, by_name) = open(&old);
        assert_eq!(sharded.manifest().folio_index, [1, 1]);
        for q in ["otter", "ot", "o", "water reed", "\"rain otter\"", "cafe"] {
            let filters = Filters {
                query: Query::parse(q),
                ..Filters::default()
            };
            satisfy(&mut sharded, &by_name, |s| s.needs_for_search(&filters));
            let mut expected = index.search(&filters);
            expected.categories.clear();
            let mut found = sharded.search(&filters).expect("loaded");
            found.categories.clear();
            assert_eq!(found, expected, "{q}");
        }
    }

    #[test]
    fn a_newer_major_version_is_refused_in_plain_words() {
        let text = r#"{"folio_index": [3, 0]}"#;
        let err = ShardedArchive::from_manifest(text, Box::new(author_day)).expect_err("too new");
        assert!(
            err.to_string()
                .contains("newer than this reader understands"),
            "{err}"
        );
        assert!(is_manifest(text));
        assert!(!is_manifest(
            r#"{"version": "https://jsonfeed.org/version/1.1"}"#
        ));
    }
}

//! Searching and filtering the archive: an inverted index built once when the feed
//! loads, then AND-queries, phrases, prefix matching, ranking, date ranges and facets.

use crate::archive::{Archive, Post};
use crate::fold::for_each_token;
use crate::query::Query;
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A small multiplicative hasher (the `FxHash` scheme) for the token table: building
/// the index hashes every word of every post, and `SipHash`'s protection against
/// crafted keys buys nothing for text the site owner wrote.
#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(SEED);
        }
    }
}

type WordMap<V> = HashMap<String, V, BuildHasherDefault<WordHasher>>;

/// The fields a word can be found in, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Field {
    /// The post's title.
    Title = 0,
    /// One of its categories.
    Category = 1,
    /// One of its tags.
    Tag = 2,
    /// An author's name.
    Author = 3,
    /// The summary.
    Summary = 4,
    /// The body text.
    Body = 5,
}

/// A posting is `(post << FIELD_BITS) | field mask`: one bit per [`Field`].
pub(crate) const FIELD_BITS: u32 = 6;
/// The field mask of a posting.
pub(crate) const FIELD_MASK: u32 = (1 << FIELD_BITS) - 1;

/// The score a match in each field is worth. A title match outranks any number of weaker
/// field matches for the same word, because each word scores only its best field.
const FIELD_WEIGHTS: [u16; 6] = [100, 60, 40, 30, 12, 4];

/// `results` (in archive order) ordered by score, highest first, keeping archive order
/// among equal scores: a counting sort, linear in the number of results.
fn by_score(results: Vec<(usize, u16)>) -> Vec<(usize, u16)> {
    let Some(top) = results.iter().map(|&(_, s)| s).max() else {
        return results;
    };
    let mut starts = vec![0usize; usize::from(top) + 2];
    for &(_, s) in &results {
        starts[usize::from(top - s) + 1] += 1;
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    let mut out = vec![(0, 0); results.len()];
    for entry in results {
        let slot = &mut starts[usize::from(top - entry.1)];
        out[*slot] = entry;
        *slot += 1;
    }
    out
}

/// The weight of the best field in each field mask, worked out once.
const BEST_WEIGHT: [u16; 1 << FIELD_BITS] = {
    let mut table = [0u16; 1 << FIELD_BITS];
    let mut mask = 1;
    while mask < (1 << FIELD_BITS) {
        let mut bit = 0;
        while mask & (1 << bit) == 0 {
            bit += 1;
        }
        table[mask] = FIELD_WEIGHTS[bit];
        mask += 1;
    }
    table
};

fn best_weight(mask: u32) -> u16 {
    BEST_WEIGHT[(mask & FIELD_MASK) as usize]
}

/// How results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Best match first, newer first among equals; newest first with no query.
    #[default]
    Relevance,
    /// Newest first, whatever the query.
    Newest,
}

impl Sort {
    /// Reads the `sort` URL parameter: `newest`, or anything else for relevance.
    pub fn from_param(value: &str) -> Self {
        if value == "newest" {
            Self::Newest
        } else {
            Self::Relevance
        }
    }

    /// The `sort` URL parameter's value for this order.
    pub fn param(self) -> &'static str {
        match self {
            Self::Newest => "newest",
            Self::Relevance => "relevance",
        }
    }
}

/// Everything the reader can filter by.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// The typed query.
    pub query: Query,
    /// First day included, as days from the Common Era (see [`day_number`]).
    pub from_day: Option<i32>,
    /// Last day included, likewise.
    pub to_day: Option<i32>,
    /// Tags that must all be on a post.
    pub tags: Vec<String>,
    /// Categories that must all be on a post.
    pub categories: Vec<String>,
    /// An author who must be among the post's authors.
    pub author: Option<String>,
    /// The order of results.
    pub sort: Sort,
}

impl Filters {
    /// True when a date range is set and ends before it starts.
    pub fn bad_range(&self) -> bool {
        matches!((self.from_day, self.to_day), (Some(from), Some(to)) if from > to)
    }
}

/// A year and month with how many results fall in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthCount {
    /// The year.
    pub year: i32,
    /// The month, 1 to 12.
    pub month: u32,
    /// Posts in that month that match every filter except the date range.
    pub count: usize,
}

/// What a search found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchResults {
    /// Positions in [`Archive::posts`], in display order.
    pub posts: Vec<usize>,
    /// Tag facets over the results: name and count, most frequent first.
    pub tags: Vec<(String, usize)>,
    /// Category facets over the results, likewise.
    pub categories: Vec<(String, usize)>,
    /// Author facets over the results, likewise.
    pub authors: Vec<(String, usize)>,
    /// Months, newest first, over the posts matching everything but the date range.
    pub months: Vec<MonthCount>,
}

/// The month of a day number, as `year * 12 + month - 1`.
fn month_of(day: i32) -> Option<i32> {
    let date = NaiveDate::from_num_days_from_ce_opt(day)?;
    Some(date.year() * 12 + i32::try_from(date.month0()).ok()?)
}

/// Days from the Common Era for a calendar date: the unit of date filtering.
pub fn day_number(date: NaiveDate) -> i32 {
    date.num_days_from_ce()
}

/// The per-post facts that filters, facets and month counts need, for every post.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Columns {
    /// Calendar day of each post (reader's calendar when set by the app).
    pub(crate) days: Vec<Option<i32>>,
    /// Month of each post's day, as `year * 12 + month - 1`, for the archive counts.
    pub(crate) months: Vec<Option<i32>>,
    /// The first and last of those months.
    pub(crate) month_span: Option<(i32, i32)>,
    /// Tag ids per post, and tag names by id.
    pub(crate) post_tags: Lists,
    pub(crate) tag_names: Vec<String>,
    /// Category ids per post, and category names by id.
    pub(crate) post_categories: Lists,
    pub(crate) category_names: Vec<String>,
    /// Author ids per post, and author names by id.
    pub(crate) post_authors: Lists,
    pub(crate) author_names: Vec<String>,
}

/// A short list of ids per post, stored end to end: one allocation instead of one per
/// post, so that counting facets over a hundred thousand results reads memory in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lists {
    /// Where each post's list ends in `items` (it starts where the previous one ends).
    ends: Vec<u32>,
    items: Vec<u32>,
}

impl Lists {
    /// Adds the next post's list.
    pub(crate) fn push(&mut self, list: impl IntoIterator<Item = u32>) {
        self.items.extend(list);
        self.ends
            .push(u32::try_from(self.items.len()).unwrap_or(u32::MAX));
    }

    /// Post `p`'s list.
    #[inline]
    pub(crate) fn get(&self, p: usize) -> &[u32] {
        let end = self.ends.get(p).map_or(0, |&e| e as usize);
        let start = p
            .checked_sub(1)
            .and_then(|q| self.ends.get(q))
            .map_or(0, |&e| e as usize);
        self.items.get(start..end).unwrap_or(&[])
    }

    /// How many posts have a list.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// Every post's list, in order.
    pub(crate) fn to_vecs(&self) -> Vec<Vec<u32>> {
        (0..self.len()).map(|p| self.get(p).to_vec()).collect()
    }
}

impl FromIterator<Vec<u32>> for Lists {
    fn from_iter<I: IntoIterator<Item = Vec<u32>>>(iter: I) -> Self {
        let mut lists = Self::default();
        for list in iter {
            lists.push(list);
        }
        lists
    }
}

/// What [`Terms::pair_postings`] gives: the posts with each word pair of a phrase, and
/// whether they settle it alone.
pub(crate) type PairLists<'a> = Option<(Vec<&'a [u32]>, bool)>;

/// Where the words come from: the whole index in memory, or the chunks of a sharded
/// index loaded so far. Searching is the same code over either.
pub(crate) trait Terms {
    /// The postings of one token: `(post << FIELD_BITS) | field mask`, posts ascending.
    fn exact(&self, token: &str) -> Option<&[u32]>;
    /// The postings of every token starting with `prefix`, one list per token (or,
    /// equivalently, one list with each post's field masks combined).
    fn with_prefix<'a>(&'a self, prefix: &'a str) -> Vec<&'a [u32]>;
    /// Post `post`'s folded words (see [`SearchIndex`]), for phrases.
    fn folded(&self, post: usize) -> &str;
    /// For a phrase of `words`, when this index keeps word pairs: the posts that have
    /// each pair of neighbouring words side by side, and whether those lists settle the
    /// phrase alone (two words) or only narrow it (more).
    fn pair_postings(&self, words: &[String]) -> PairLists<'_> {
        let _ = words;
        None
    }
}

/// The inverted index and per-post facts needed to filter fast.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    /// Token ids ordered by token text, for prefix ranges.
    sorted_tokens: Vec<u32>,
    /// Token text by id.
    token_text: Vec<String>,
    /// For each token id: `(post << FIELD_BITS) | field mask`, posts ascending.
    postings: Vec<Vec<u32>>,
    /// Each post's folded words, one line per field with a space before and after
    /// every word, so a phrase is a plain substring search.
    folded: Vec<Box<str>>,
    columns: Columns,
    /// The results with no filter at all, which the list shows most often (on load, and
    /// each time the search box is emptied), computed once.
    unfiltered: SearchResults,
}

/// True when `filters` filter nothing: the list is then the archive in its own order
/// (newest first, undated last), which needs no index.
pub fn is_unfiltered(filters: &Filters) -> bool {
    filters.query.is_empty()
        && filters.from_day.is_none()
        && filters.to_day.is_none()
        && filters.tags.is_empty()
        && filters.categories.is_empty()
        && filters.author.is_none()
}

/// The unfiltered results before an index exists: every post in archive order, with
/// no facets or month counts yet. What the list first shows while the index is built.
pub fn first_results(archive: &Archive) -> SearchResults {
    SearchResults {
        posts: (0..archive.posts.len()).collect(),
        ..SearchResults::default()
    }
}

/// Related posts: those that share a tag or a category with a post, the most shared
/// chosen first (the nearest in time among equals), shown newest first. So that finding
/// them stays cheap in a large
/// archive (and the sharded index can store every post's), only the
/// [`RELATED_WINDOW`] posts on either side of the post in time are considered for each
/// of its tags and categories.
#[derive(Debug)]
pub struct Related<'a> {
    columns: &'a Columns,
    /// For each tag id, and each category id, the posts that have it, ascending.
    tag_posts: Vec<Vec<u32>>,
    category_posts: Vec<Vec<u32>>,
}

/// How many posts on either side of a post, for each of its tags and categories, are
/// candidates to be related to it.
pub const RELATED_WINDOW: usize = 50;

impl<'a> Related<'a> {
    /// Lists, for each tag and category, the posts that have it.
    pub fn new(columns: &'a Columns) -> Self {
        let invert = |lists: &Lists, names: usize| {
            let mut posts = vec![Vec::new(); names];
            for p in 0..lists.len() {
                for &id in lists.get(p) {
                    if let Some(list) = posts.get_mut(id as usize) {
                        list.push(u32::try_from(p).unwrap_or(u32::MAX));
                    }
                }
            }
            posts
        };
        Self {
            columns,
            tag_posts: invert(&columns.post_tags, columns.tag_names.len()),
            category_posts: invert(&columns.post_categories, columns.category_names.len()),
        }
    }

    /// Up to `limit` posts related to the one at `position`, best first.
    pub fn of(&self, position: usize, limit: usize) -> Vec<usize> {
        let columns = self.columns;
        let tags = columns.post_tags.get(position);
        let categories = columns.post_categories.get(position);
        let mut candidates: Vec<u32> = Vec::new();
        let near = |list: &[u32], out: &mut Vec<u32>| {
            let at = list.partition_point(|&p| (p as usize) < position);
            let start = at.saturating_sub(RELATED_WINDOW);
            let end = (at + RELATED_WINDOW + 1).min(list.len());
            out.extend_from_slice(&list[start..end]);
        };
        for &t in tags {
            near(
                self.tag_posts.get(t as usize).map_or(&[], Vec::as_slice),
                &mut candidates,
            );
        }
        for &c in categories {
            near(
                self.category_posts
                    .get(c as usize)
                    .map_or(&[], Vec::as_slice),
                &mut candidates,
            );
        }
        candidates.sort_unstable();
        candidates.dedup();
        let shared = |p: usize| {
            let in_tags = columns.post_tags.get(p).iter().filter(|t| tags.contains(t));
            let in_categories = columns
                .post_categories
                .get(p)
                .iter()
                .filter(|c| categories.contains(c));
            in_tags.count() + in_categories.count()
        };
        let mut found: Vec<(usize, usize)> = candidates
            .into_iter()
            .map(|p| p as usize)
            .filter(|&p| p != position)
            .map(|p| (p, shared(p)))
            .filter(|&(_, n)| n > 0)
            .collect();
        // The most shared; among equals, the nearest in time (the newer of two as near).
        // Candidates are in archive order, newest first, and the sort is stable.
        found.sort_by_key(|&(p, n)| (std::cmp::Reverse(n), p.abs_diff(position)));
        let mut chosen: Vec<usize> = found.into_iter().take(limit).map(|(p, _)| p).collect();
        // Shown newest first.
        chosen.sort_unstable();
        chosen
    }
}

/// Builds a [`SearchIndex`] a few posts at a time, so that the app can index a large
/// archive in slices between frames, after the first list is shown.
#[derive(Debug, Default)]
pub struct IndexBuilder {
    index: SearchIndex,
    ids: WordMap<u32>,
    tag_ids: HashMap<String, u32>,
    category_ids: HashMap<String, u32>,
    author_ids: HashMap<String, u32>,
    scratch: Vec<(u32, u32)>,
    folded: String,
}

impl IndexBuilder {
    /// How many posts are indexed so far.
    pub fn done(&self) -> usize {
        self.index.folded.len()
    }

    /// Indexes up to `limit` more posts of `archive` (the same archive every time),
    /// taking each post's day from `day_of`. Returns true once every post is in.
    pub fn add(
        &mut self,
        archive: &Archive,
        limit: usize,
        day_of: impl Fn(&Post) -> Option<i32>,
    ) -> bool {
        let start = self.done();
        for (position, post) in archive.posts.iter().enumerate().skip(start).take(limit) {
            self.add_post(position, post, day_of(post));
        }
        self.done() >= archive.posts.len()
    }

    fn add_post(&mut self, position: usize, post: &Post, day: Option<i32>) {
        let Self {
            index,
            ids,
            tag_ids,
            category_ids,
            author_ids,
            scratch,
            folded,
        } = self;
        scratch.clear();
        folded.clear();
        for (field, text) in field_texts(post) {
            for_each_token(&text, |token, _, _| {
                folded.push(' ');
                folded.push_str(token);
                let id = if let Some(&id) = ids.get(token) {
                    id
                } else {
                    let id = u32::try_from(index.token_text.len()).unwrap_or(u32::MAX);
                    ids.insert(token.to_owned(), id);
                    index.token_text.push(token.to_owned());
                    index.postings.push(Vec::new());
                    id
                };
                scratch.push((id, 1 << field as u32));
            });
            folded.push_str(" \n");
        }
        index.folded.push(folded.as_str().into());
        scratch.sort_unstable_by_key(|&(id, _)| id);
        let post_bits = u32::try_from(position).unwrap_or(u32::MAX >> FIELD_BITS) << FIELD_BITS;
        let mut i = 0;
        while i < scratch.len() {
            let id = scratch[i].0;
            let mut mask = 0;
            while i < scratch.len() && scratch[i].0 == id {
                mask |= scratch[i].1;
                i += 1;
            }
            index.postings[id as usize].push(post_bits | mask);
        }

        let columns = &mut index.columns;
        columns.days.push(day);
        let tags = post.tags.iter().map(String::as_str);
        columns
            .post_tags
            .push(intern(tags, tag_ids, &mut columns.tag_names));
        let categories = post.categories.iter().map(String::as_str);
        columns.post_categories.push(intern(
            categories,
            category_ids,
            &mut columns.category_names,
        ));
        let authors = post.authors.iter().map(|a| a.name.as_str());
        columns
            .post_authors
            .push(intern(authors, author_ids, &mut columns.author_names));
    }

    /// The index of every post added: the vocabulary sorted for prefixes, the month
    /// counts, and the unfiltered results.
    pub fn finish(self) -> SearchIndex {
        let mut index = self.index;
        let mut sorted: Vec<u32> =
            (0..u32::try_from(index.token_text.len()).unwrap_or(0)).collect();
        sorted.sort_unstable_by(|&a, &b| {
            index.token_text[a as usize].cmp(&index.token_text[b as usize])
        });
        index.sorted_tokens = sorted;
        index.columns.fill_months();
        index.unfiltered = index.columns.run(&index, &Filters::default());
        index
    }
}

impl SearchIndex {
    /// Indexes every post of `archive`, each on its own calendar day (the offset its
    /// author wrote).
    pub fn build(archive: &Archive) -> Self {
        Self::build_with_days(archive, |post| {
            post.published.map(|d| day_number(d.calendar_day()))
        })
    }

    /// Indexes every post of `archive`, taking each post's day from `day_of`: the app
    /// passes the reader's calendar, so date filters mean the reader's days.
    pub fn build_with_days(archive: &Archive, day_of: impl Fn(&Post) -> Option<i32>) -> Self {
        let mut builder = IndexBuilder::default();
        builder.add(archive, usize::MAX, day_of);
        builder.finish()
    }

    /// The per-post columns, as a sharded index stores them.
    pub fn columns(&self) -> &Columns {
        &self.columns
    }

    /// Every token with its postings, in token order, as a sharded index stores them.
    pub fn sorted_terms(&self) -> impl Iterator<Item = (&str, &[u32])> {
        self.sorted_tokens.iter().map(|&id| {
            (
                self.token_text[id as usize].as_str(),
                self.postings[id as usize].as_slice(),
            )
        })
    }

    /// Each post's folded words, as phrases need them.
    pub fn folded_texts(&self) -> &[Box<str>] {
        &self.folded
    }

    /// The year of the newest dated post, in the calendar the index was built with.
    pub fn newest_year(&self) -> Option<i32> {
        self.unfiltered.months.first().map(|m| m.year)
    }

    /// Number of distinct words indexed.
    pub fn vocabulary_size(&self) -> usize {
        self.token_text.len()
    }

    /// Up to `limit` posts related to the one at `position` (see [`Related`]).
    pub fn related(&self, position: usize, limit: usize) -> Vec<usize> {
        Related::new(&self.columns).of(position, limit)
    }

    /// Runs `filters` over the indexed posts.
    pub fn search(&self, filters: &Filters) -> SearchResults {
        let unfiltered = Filters {
            sort: filters.sort,
            ..Filters::default()
        };
        if *filters == unfiltered {
            // With no query, both orders are newest first.
            return self.unfiltered.clone();
        }
        self.columns.run(self, filters)
    }
}

impl Terms for SearchIndex {
    fn exact(&self, token: &str) -> Option<&[u32]> {
        let at = self
            .sorted_tokens
            .partition_point(|&id| self.token_text[id as usize].as_str() < token);
        let id = *self.sorted_tokens.get(at)?;
        (self.token_text[id as usize] == token).then(|| self.postings[id as usize].as_slice())
    }

    fn with_prefix<'a>(&'a self, prefix: &'a str) -> Vec<&'a [u32]> {
        let start = self
            .sorted_tokens
            .partition_point(|&id| self.token_text[id as usize].as_str() < prefix);
        self.sorted_tokens[start..]
            .iter()
            .take_while(move |&&id| self.token_text[id as usize].starts_with(prefix))
            .map(|&id| self.postings[id as usize].as_slice())
            .collect()
    }

    fn folded(&self, post: usize) -> &str {
        self.folded.get(post).map_or("", |f| f)
    }
}

impl Columns {
    pub(crate) fn fill_months(&mut self) {
        self.months = self.days.iter().map(|d| d.and_then(month_of)).collect();
        let known = self.months.iter().flatten();
        self.month_span = known.clone().min().copied().zip(known.max().copied());
    }

    /// Runs `filters` over every post, with words from `terms`.
    pub(crate) fn run(&self, terms: &dyn Terms, filters: &Filters) -> SearchResults {
        let n = self.days.len();
        let query = &filters.query;
        // Posts matching the query, with their scores; `None` means "all posts".
        let scored: Option<Vec<(usize, u16)>> =
            (!query.is_empty()).then(|| Self::match_query(terms, query, n));

        // The ids of the names asked for; `None` when one of them is on no post.
        let ids_of = |wanted: &[String], names: &[String]| -> Option<Vec<u32>> {
            wanted
                .iter()
                .map(|w| {
                    names
                        .iter()
                        .position(|n| n == w)
                        .and_then(|i| u32::try_from(i).ok())
                })
                .collect()
        };
        let tag_ids = ids_of(&filters.tags, &self.tag_names);
        let category_ids = ids_of(&filters.categories, &self.category_names);
        let author_id = filters.author.as_ref().map(|a| {
            self.author_names
                .iter()
                .position(|n| n == a)
                .and_then(|i| u32::try_from(i).ok())
        });
        let passes_facets = |p: usize| -> bool {
            // A tag or category no post has matches nothing.
            let has_all = |ids: &Option<Vec<u32>>, lists: &Lists| {
                ids.as_ref()
                    .is_some_and(|ids| ids.iter().all(|id| lists.get(p).contains(id)))
            };
            let tags_ok = has_all(&tag_ids, &self.post_tags);
            let categories_ok = has_all(&category_ids, &self.post_categories);
            let author_ok = match author_id {
                None => true,
                Some(Some(id)) => self.post_authors.get(p).contains(&id),
                Some(None) => false,
            };
            tags_ok && categories_ok && author_ok
        };
        let in_range = |p: usize| -> bool {
            if filters.from_day.is_none() && filters.to_day.is_none() {
                return true;
            }
            self.days[p].is_some_and(|d| {
                filters.from_day.is_none_or(|from| d >= from)
                    && filters.to_day.is_none_or(|to| d <= to)
            })
        };

        let candidates: Vec<(usize, u16)> = match scored {
            Some(list) => list
                .into_iter()
                .filter(|&(p, _)| passes_facets(p))
                .collect(),
            None => (0..n)
                .filter(|&p| passes_facets(p))
                .map(|p| (p, 0))
                .collect(),
        };

        let months = self.month_counts(candidates.iter().map(|&(p, _)| p));

        let mut results = candidates;
        if filters.bad_range() {
            results.clear();
        } else if filters.from_day.is_some() || filters.to_day.is_some() {
            results.retain(|&(p, _)| in_range(p));
        }
        // Archive order is newest first, so position breaks ties in favour of newer posts.
        // `results` is in archive order already; by relevance, a stable sort by score
        // keeps that order among equals. Scores are small integers, so count them.
        if filters.sort == Sort::Relevance && !query.is_empty() {
            results = by_score(results);
        }

        let posts: Vec<usize> = results.into_iter().map(|(p, _)| p).collect();
        SearchResults {
            tags: facet_counts(&posts, &self.post_tags, &self.tag_names),
            categories: facet_counts(&posts, &self.post_categories, &self.category_names),
            authors: facet_counts(&posts, &self.post_authors, &self.author_names),
            posts,
            months,
        }
    }

    /// Posts per month among `posts`, newest month first.
    fn month_counts(&self, posts: impl Iterator<Item = usize>) -> Vec<MonthCount> {
        let Some((first, last)) = self.month_span else {
            return Vec::new();
        };
        let mut counts = vec![0usize; usize::try_from(last - first + 1).unwrap_or(0)];
        for p in posts {
            if let Some(m) = self.months[p] {
                counts[usize::try_from(m - first).unwrap_or(0)] += 1;
            }
        }
        (first..=last)
            .rev()
            .zip(counts.into_iter().rev())
            .filter(|&(_, count)| count > 0)
            .map(|(m, count)| MonthCount {
                year: m.div_euclid(12),
                month: u32::try_from(m.rem_euclid(12) + 1).unwrap_or(1),
                count,
            })
            .collect()
    }

    /// Posts that contain every word, phrase and the prefix, with summed best-field scores.
    fn match_query(terms: &dyn Terms, query: &Query, n: usize) -> Vec<(usize, u16)> {
        // One "unit" per required word: each must match, and each scores its best field.
        let mut units: Vec<Vec<&[u32]>> = Vec::new();
        for word in query.words.iter().chain(query.phrases.iter().flatten()) {
            units.push(terms.exact(word).into_iter().collect());
        }
        if let Some(prefix) = &query.prefix {
            units.push(terms.with_prefix(prefix));
        }
        // Fewest postings first keeps the candidate set small from the start.
        units.sort_by_cached_key(|lists| lists.iter().map(|l| l.len()).sum::<usize>());
        // One word or one merged prefix list: its postings are the answer, in order.
        if let ([lists], true) = (units.as_slice(), query.phrases.is_empty()) {
            if let [list] = lists.as_slice() {
                return list
                    .iter()
                    .map(|&entry| ((entry >> FIELD_BITS) as usize, best_weight(entry)))
                    .filter(|&(p, _)| p < n)
                    .collect();
            }
        }

        let mut matched = vec![0u16; n]; // units matched so far
        let mut score = vec![0u16; n];
        let mut unit_best = vec![0u16; n];
        for (u, lists) in units.iter().enumerate() {
            let u = u16::try_from(u).unwrap_or(u16::MAX - 1);
            for list in lists {
                for &entry in *list {
                    let p = (entry >> FIELD_BITS) as usize;
                    if p >= n {
                        continue;
                    }
                    let w = best_weight(entry);
                    if matched[p] == u {
                        matched[p] = u + 1;
                        unit_best[p] = w;
                        score[p] = score[p].saturating_add(w);
                    } else if matched[p] == u + 1 && w > unit_best[p] {
                        score[p] = score[p].saturating_add(w - unit_best[p]);
                        unit_best[p] = w;
                    }
                }
            }
        }
        let need = u16::try_from(units.len()).unwrap_or(u16::MAX);
        let phrases: Vec<(String, PairLists<'_>)> = query
            .phrases
            .iter()
            .map(|words| (format!(" {} ", words.join(" ")), terms.pair_postings(words)))
            .collect();
        let has_phrase = |p: usize, text: &str, pairs: Option<&(Vec<&[u32]>, bool)>| {
            if let Some((lists, settled)) = pairs {
                let post = u32::try_from(p).unwrap_or(u32::MAX);
                if !lists.iter().all(|list| list.binary_search(&post).is_ok()) {
                    return false;
                }
                if *settled {
                    return true;
                }
            }
            terms.folded(p).contains(text)
        };
        (0..n)
            .filter(|&p| matched[p] == need)
            .filter(|&p| {
                phrases
                    .iter()
                    .all(|(text, pairs)| has_phrase(p, text, pairs.as_ref()))
            })
            .map(|p| (p, score[p]))
            .collect()
    }
}

fn intern<'a>(
    names: impl Iterator<Item = &'a str>,
    ids: &mut HashMap<String, u32>,
    table: &mut Vec<String>,
) -> Vec<u32> {
    let mut out: Vec<u32> = names
        .map(|name| {
            if let Some(&id) = ids.get(name) {
                return id;
            }
            let id = u32::try_from(table.len()).unwrap_or(u32::MAX);
            table.push(name.to_owned());
            ids.insert(name.to_owned(), id);
            id
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// How many of `posts` have each name of a facet, most first (see [`ranked_counts`]).
fn facet_counts(posts: &[usize], lists: &Lists, names: &[String]) -> Vec<(String, usize)> {
    let mut counts = vec![0usize; names.len()];
    for &p in posts {
        for &id in lists.get(p) {
            if let Some(count) = counts.get_mut(id as usize) {
                *count += 1;
            }
        }
    }
    ranked_counts(names, &counts)
}

fn ranked_counts(names: &[String], counts: &[usize]) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = names
        .iter()
        .zip(counts)
        .filter(|(_, &c)| c > 0)
        .map(|(n, &c)| (n.clone(), c))
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

/// The searchable text of each field of a post.
fn field_texts(post: &Post) -> [(Field, String); 6] {
    let body = match (&post.content_html, &post.content_text) {
        (Some(html), _) => crate::text::html_to_text(html),
        (None, Some(text)) => text.clone(),
        (None, None) => String::new(),
    };
    [
        (Field::Title, post.title.clone().unwrap_or_default()),
        (Field::Category, post.categories.join(" ")),
        (Field::Tag, post.tags.join(" ")),
        (
            Field::Author,
            post.authors
                .iter()
                .map(|a| a.name.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        ),
        (Field::Summary, post.summary.clone().unwrap_or_default()),
        (Field::Body, body),
    ]
}

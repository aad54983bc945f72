//! Loading the post index over HTTP, with errors a reader can be told about.

use folio_core::i18n::Msg;
use folio_core::search::{
    day_number, first_results, is_unfiltered, Filters, IndexBuilder, SearchIndex, SearchResults,
};
use folio_core::shard::{self, BodyRef, Need, ShardError, ShardedArchive};
use folio_core::{Archive, FeedError, FeedReader, Post};
use leptos::prelude::*;
use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use thiserror::Error;

/// Why the archive could not be shown.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LoadError {
    /// The request never got an answer: offline, DNS, CORS or a refused connection.
    #[error("The post index could not be reached ({0}). Check your connection and try again.")]
    Network(String),
    /// The answer began but stopped before its end: a dropped connection.
    #[error(
        "The post index stopped arriving part-way ({0}). Check your connection and try again."
    )]
    Interrupted(String),
    /// More text than a browser can hold as one string: its size when the server said
    /// it (uncompressed), else `None`.
    #[error("The post index is {}more than a browser can read in one piece (about {} MB). Its publisher can split it with `folio build --sharded`.", size_phrase(*.0), MAX_INDEX_BYTES / 1_000_000)]
    TooLarge(Option<u64>),
    /// No answer within the time allowed.
    #[error("The server did not answer within {0} seconds. Try again in a moment.")]
    TimedOut(u32),
    /// The server answered with an error status.
    #[error("The server answered {status}{} for the post index ({url}).{}", status_suffix(.status_text), wait_hint(*.status, .retry_after.as_deref()))]
    Http {
        /// The HTTP status code.
        status: u16,
        /// The reason phrase, when the server sent one.
        status_text: String,
        /// The URL that was asked for.
        url: String,
        /// The `Retry-After` header, when the server sent one (with 503 or 429).
        retry_after: Option<String>,
    },
    /// The body was not a readable JSON Feed.
    #[error("{}", capitalize(&.0.to_string()))]
    Feed(#[from] FeedError),
    /// A sharded index's manifest or chunk was not readable, or is too new.
    #[error("{}", capitalize(&.0.to_string()))]
    Index(#[from] ShardError),
}

fn status_suffix(text: &str) -> String {
    if text.is_empty() {
        String::new()
    } else {
        format!(" {text}")
    }
}

fn size_phrase(bytes: Option<u64>) -> String {
    bytes.map_or_else(String::new, |b| format!("{} MB, ", b / 1_000_000))
}

/// What a busy server asks for: "try again in N seconds", or "later".
fn wait_hint(status: u16, retry_after: Option<&str>) -> String {
    let busy = matches!(status, 429 | 503);
    match retry_after.map(str::trim) {
        Some(seconds) if seconds.parse::<u64>().is_ok() => {
            let seconds: u64 = seconds.parse().unwrap_or_default();
            let unit = if seconds == 1 { "second" } else { "seconds" };
            format!(" It is busy and asks to be tried again in {seconds} {unit}.")
        }
        Some(date) if !date.is_empty() => {
            format!(" It is busy and asks to be tried again after {date}.")
        }
        _ if busy => " It is busy: try again in a moment.".to_owned(),
        _ => String::new(),
    }
}

/// [`wait_hint`] in the interface's language, without its leading space.
fn wait_hint_in(
    lang: folio_core::i18n::Lang,
    status: u16,
    retry_after: Option<&str>,
) -> Option<String> {
    let busy = matches!(status, 429 | 503);
    match retry_after.map(str::trim) {
        Some(seconds) if seconds.parse::<usize>().is_ok() => Some(lang.count(
            Msg::ErrorBusyWaitSeconds,
            seconds.parse::<usize>().unwrap_or_default(),
        )),
        Some(date) if !date.is_empty() => {
            Some(lang.fill(Msg::ErrorBusyWaitDate, &[("date", date)]))
        }
        _ if busy => Some(lang.text(Msg::ErrorBusyWait).to_owned()),
        _ => None,
    }
}

/// The message with its first letter in capitals. The messages are `serde_json`'s and
/// gloo's, in English, so ASCII is enough (and keeps Unicode's case tables out of the
/// bundle).
fn capitalize(text: &str) -> String {
    let mut text = text.to_owned();
    if let Some(first) = text.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    text
}

impl LoadError {
    /// A short heading for the error view, in the interface's language.
    pub fn heading(&self) -> &'static str {
        let msg = match self {
            Self::Network(_) | Self::Interrupted(_) => Msg::ErrorNetworkHeading,
            Self::TimedOut(_) => Msg::ErrorNoAnswerHeading,
            Self::TooLarge(_) => Msg::ErrorTooLargeHeading,
            Self::Http { status: 404, .. } => Msg::ErrorNotFoundHeading,
            Self::Http { status: 429, .. } => Msg::ErrorTooManyHeading,
            Self::Http { status: 503, .. } => Msg::ErrorBusyHeading,
            Self::Http { .. } => Msg::ErrorServerHeading,
            Self::Feed(FeedError::InvalidJson { .. }) => Msg::ErrorInvalidJsonHeading,
            Self::Feed(FeedError::HtmlInsteadOfJson) => Msg::ErrorNotIndexHeading,
            Self::Feed(FeedError::NotJsonFeed(_)) => Msg::ErrorNotFeedHeading,
            Self::Index(ShardError::TooNew { .. }) => Msg::ErrorTooNewHeading,
            Self::Index(ShardError::Malformed { .. }) => Msg::ErrorUnreadableHeading,
        };
        crate::i18n::t(msg)
    }

    /// What went wrong, in the interface's language where Folio has the words: the
    /// network failures readers meet most. The rest (a server's status, a parser's
    /// report) stay in English, as their details are.
    pub fn message(&self) -> String {
        let lang = crate::i18n::lang();
        match self {
            Self::Network(detail) => lang.fill(Msg::ErrorNetwork, &[("detail", detail)]),
            Self::Interrupted(detail) => lang.fill(Msg::ErrorInterrupted, &[("detail", detail)]),
            Self::TimedOut(seconds) => lang.fill(
                Msg::ErrorTimedOut,
                &[(
                    "seconds",
                    &lang.number(usize::try_from(*seconds).unwrap_or(usize::MAX)),
                )],
            ),
            Self::Http {
                status,
                status_text,
                url,
                retry_after,
            } => {
                let status_line = format!(
                    "{}{}",
                    lang.number(usize::from(*status)),
                    status_suffix(status_text)
                );
                let mut text = lang.fill(Msg::ErrorHttp, &[("status", &status_line), ("url", url)]);
                if let Some(hint) = wait_hint_in(lang, *status, retry_after.as_deref()) {
                    text.push(' ');
                    text.push_str(&hint);
                }
                text
            }
            _ => self.to_string(),
        }
    }
}

/// A fetched body and the URL it finally came from, after redirects: the URL relative
/// links in it are relative to.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The body.
    pub text: String,
    /// The response's URL.
    pub url: String,
}

/// Fetches `url` (resolved against the document's base URL) as text.
///
/// # Errors
/// [`LoadError::Network`] when there is no answer, [`LoadError::Http`] for an error
/// status.
pub async fn fetch_text(url: &str) -> Result<Fetched, LoadError> {
    note_whole_file(url);
    read_text(send(gloo_net::http::Request::get(url), None).await?, None).await
}

thread_local! {
    /// The whole files fetched so far (the index, its chunks, bodies), in order, for the
    /// offline worker: on a first visit it was not there yet to keep them.
    static WHOLE_FILES: std::cell::RefCell<Vec<String>> = std::cell::RefCell::default();
}

/// At most this many addresses are remembered for the worker.
const MAX_WHOLE_FILES: usize = 200;

fn note_whole_file(url: &str) {
    WHOLE_FILES.with_borrow_mut(|files| {
        if files.len() < MAX_WHOLE_FILES && !files.iter().any(|f| f == url) {
            files.push(url.to_owned());
        }
    });
}

/// The whole files this page has fetched, in the order it first asked for them.
pub fn whole_files() -> Vec<String> {
    WHOLE_FILES.with_borrow(Clone::clone)
}

/// The largest index read whole. It is copied into wasm memory as one piece (and held
/// as one string while it is split into items), and a browser's own limits (Chrome's
/// longest string is 2^29 − 24 characters) are near; a larger index is refused up front
/// when the server says its size, and before it is copied otherwise.
pub const MAX_INDEX_BYTES: u64 = 500_000_000;

/// [`fetch_text`], given up by `cancel`: when its owner goes away or time runs out.
///
/// # Errors
/// As [`fetch_text`], and [`LoadError::TimedOut`] when the time limit passed.
pub async fn fetch_text_cancellable(url: &str, cancel: &Cancel) -> Result<Fetched, LoadError> {
    note_whole_file(url);
    let response = send(gloo_net::http::Request::get(url), Some(cancel)).await?;
    read_text(response, Some(cancel)).await
}

/// Sends `request`: its response when it has a success status, else the error to tell
/// the reader (no answer, or the status the server gave).
async fn send(
    request: gloo_net::http::RequestBuilder,
    cancel: Option<&Cancel>,
) -> Result<gloo_net::http::Response, LoadError> {
    let signal = cancel.and_then(Cancel::signal);
    let response = request
        .abort_signal(signal.as_ref())
        .send()
        .await
        .map_err(|err| {
            cancel
                .and_then(Cancel::timed_out)
                .unwrap_or_else(|| LoadError::Network(err.to_string()))
        })?;
    if !response.ok() {
        let headers = response.headers();
        return Err(LoadError::Http {
            status: response.status(),
            status_text: response.status_text(),
            url: response.url(),
            retry_after: headers.get("retry-after"),
        });
    }
    Ok(response)
}

async fn read_text(
    response: gloo_net::http::Response,
    cancel: Option<&Cancel>,
) -> Result<Fetched, LoadError> {
    let final_url = response.url();
    let headers = response.headers();
    // Content-Length is the size on the wire: only an uncompressed one is the text's.
    let compressed = headers
        .get("content-encoding")
        .is_some_and(|e| !e.trim().eq_ignore_ascii_case("identity"));
    let declared = headers
        .get("content-length")
        .and_then(|n| n.trim().parse::<u64>().ok())
        .filter(|_| !compressed);
    if let Some(bytes) = declared.filter(|&n| n > MAX_INDEX_BYTES) {
        // Stop the download too, not only the reading.
        if let Some(cancel) = cancel {
            cancel.abort();
        }
        return Err(LoadError::TooLarge(Some(bytes)));
    }
    // Read as bytes, not as a JS string: a string reaches Rust by transcoding every
    // character from UTF-16, which for a 17 MB feed held the main thread for about
    // 100 ms; bytes are copied, and checked as UTF-8 (which JSON is) in a few.
    let failed = |err: wasm_bindgen::JsValue| {
        use wasm_bindgen::JsCast;
        let message = err
            .dyn_ref::<js_sys::Error>()
            .map(|error| String::from(error.to_string()))
            .or_else(|| err.as_string())
            .unwrap_or_else(|| "the response's body could not be read".to_owned());
        if is_out_of_room(&message) {
            return LoadError::TooLarge(declared);
        }
        cut_short(cancel, message)
    };
    let body = web_sys::Response::from(response)
        .array_buffer()
        .map_err(&failed)?;
    let buffer = wasm_bindgen_futures::JsFuture::from(body)
        .await
        .map_err(&failed)?;
    let bytes = js_sys::Uint8Array::new(&buffer);
    if u64::from(bytes.length()) > MAX_INDEX_BYTES {
        return Err(LoadError::TooLarge(Some(u64::from(bytes.length()))));
    }
    let mut bytes = bytes.to_vec();
    // As `response.text()` does: a UTF-8 byte-order mark is not part of the text.
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        // As `response.text()` would: each bad byte becomes U+FFFD.
        Err(bad) => String::from_utf8_lossy(bad.as_bytes()).into_owned(),
    };
    Ok(Fetched {
        text,
        url: final_url,
    })
}

/// Why a body stopped part-way: its time limit, or a dropped connection.
fn cut_short(cancel: Option<&Cancel>, message: String) -> LoadError {
    cancel
        .and_then(Cancel::timed_out)
        .unwrap_or(LoadError::Interrupted(message))
}

/// True for the error a browser gives when a text is too long for one string or for
/// its memory: a `RangeError` ("Invalid string length") in Chrome, "allocation size
/// overflow" in Firefox, "Out of memory" in Safari.
fn is_out_of_room(message: &str) -> bool {
    let lower = message.to_ascii_lowercase();
    [
        "rangeerror",
        "string length",
        "allocation size",
        "out of memory",
    ]
    .iter()
    .any(|sign| lower.contains(sign))
}

/// Lets a request be given up: [`Cancel::abort`] when its page goes away, or by itself
/// after a time limit. Dropping it clears the timer.
pub struct Cancel {
    controller: Option<web_sys::AbortController>,
    timer: Option<(i32, wasm_bindgen::closure::Closure<dyn FnMut()>)>,
    expired: std::rc::Rc<std::cell::Cell<bool>>,
    limit_seconds: u32,
}

impl Cancel {
    /// A handle with no time limit.
    pub fn new() -> Self {
        Self {
            controller: web_sys::AbortController::new().ok(),
            timer: None,
            expired: std::rc::Rc::default(),
            limit_seconds: 0,
        }
    }

    /// A handle that gives the request up after `limit_seconds`.
    pub fn within(limit_seconds: u32) -> Self {
        use wasm_bindgen::JsCast;
        let controller = web_sys::AbortController::new().ok();
        let expired = std::rc::Rc::new(std::cell::Cell::new(false));
        let timer = controller.clone().and_then(|controller| {
            let flag = expired.clone();
            let on_time = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
                flag.set(true);
                controller.abort();
            });
            let millis = i32::try_from(limit_seconds.saturating_mul(1000)).unwrap_or(i32::MAX);
            let id = web_sys::window()?
                .set_timeout_with_callback_and_timeout_and_arguments_0(
                    on_time.as_ref().unchecked_ref(),
                    millis,
                )
                .ok()?;
            Some((id, on_time))
        });
        Self {
            controller,
            timer,
            expired,
            limit_seconds,
        }
    }

    fn signal(&self) -> Option<web_sys::AbortSignal> {
        self.controller
            .as_ref()
            .map(web_sys::AbortController::signal)
    }

    /// Gives the request up now.
    pub fn abort(&self) {
        if let Some(controller) = &self.controller {
            controller.abort();
        }
    }

    /// The error to report when the time limit is what ended the request.
    fn timed_out(&self) -> Option<LoadError> {
        self.expired
            .get()
            .then_some(LoadError::TimedOut(self.limit_seconds))
    }
}

impl Default for Cancel {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for Cancel {
    fn drop(&mut self) {
        if let (Some((id, _)), Some(window)) = (&self.timer, web_sys::window()) {
            window.clear_timeout_with_handle(*id);
        }
    }
}

/// Fetches `url` as text, revalidating any cached copy: for a manifest, which changes
/// in place when the site is redeployed.
///
/// # Errors
/// As [`fetch_text`].
pub async fn fetch_text_fresh(url: &str) -> Result<Fetched, LoadError> {
    note_whole_file(url);
    let request = gloo_net::http::Request::get(url).cache(web_sys::RequestCache::NoCache);
    read_text(send(request, None).await?, None).await
}

/// Fetches `len` bytes from `start` of the file at `url`, with a `Range` request. A
/// server that ignores the range sends the whole file, and the slice is cut here.
///
/// # Errors
/// As [`fetch_text`], and [`LoadError::Index`] when the bytes are not there or are not
/// UTF-8.
pub async fn fetch_range(
    url: &str,
    start: usize,
    len: usize,
    cancel: Option<&Cancel>,
) -> Result<Fetched, LoadError> {
    if len == 0 {
        return Ok(Fetched {
            text: String::new(),
            url: url.to_owned(),
        });
    }
    let end = start.checked_add(len).ok_or_else(|| {
        LoadError::Index(ShardError::Malformed {
            name: url.to_owned(),
            message: "a byte range past any file's end".to_owned(),
        })
    })?;
    let last = end - 1;
    let request =
        gloo_net::http::Request::get(url).header("Range", &format!("bytes={start}-{last}"));
    let response = send(request, cancel).await?;
    let final_url = response.url();
    let partial = response.status() == 206;
    // A 206 must be the range asked for (when the server says which it sent).
    let sent = response.headers().get("content-range");
    let bytes = response
        .binary()
        .await
        .map_err(|err| cut_short(cancel, err.to_string()))?;
    let malformed = |message: &str| {
        LoadError::Index(ShardError::Malformed {
            name: final_url.clone(),
            message: message.to_owned(),
        })
    };
    if partial && sent.is_some_and(|range| !range.starts_with(&format!("bytes {start}-{last}/"))) {
        return Err(malformed(
            "the server sent a different byte range than asked for",
        ));
    }
    let slice = if partial {
        bytes
    } else {
        bytes
            .get(start..end)
            .ok_or_else(|| malformed("the body's bytes are past the end of the file"))?
            .to_vec()
    };
    if slice.len() != len {
        return Err(malformed(
            "the server sent a different number of bytes than asked for",
        ));
    }
    let text = String::from_utf8(slice).map_err(|_| malformed("the body is not UTF-8 text"))?;
    Ok(Fetched {
        text,
        url: final_url,
    })
}

/// The archive, in whichever form the site publishes it.
pub struct Loaded {
    /// The archive's title, description and authors. For a feed, every post too; for a
    /// sharded index, no posts: they are fetched as views need them.
    pub archive: Archive,
    /// The feed's absolute URL, which relative URLs in post bodies are relative to.
    pub feed_url: Option<String>,
    source: Source,
}

impl std::fmt::Debug for Loaded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Loaded")
            .field("title", &self.archive.title)
            .field("sharded", &matches!(self.source, Source::Sharded(_)))
            .finish_non_exhaustive()
    }
}

#[allow(clippy::large_enum_variant)] // One per loaded archive; boxing buys nothing.
enum Source {
    /// A whole feed, indexed in the browser after the first list is shown: `None`
    /// until the index is built (see [`index_in_slices`]).
    Feed(ArcRwSignal<Option<Arc<SearchIndex>>>),
    /// A sharded index: the manifest, and the chunks loaded so far.
    Sharded(Shards),
}

/// A post as a view shows it, with where its body is when that is stored apart.
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    /// The post.
    pub post: Post,
    /// Its body in a sharded index's bundle.
    pub body: Option<BodyRef>,
}

impl Loaded {
    /// A whole feed, not yet indexed: [`index_in_slices`] builds its index.
    pub fn new(archive: Archive) -> Self {
        Self {
            archive,
            feed_url: None,
            source: Source::Feed(ArcRwSignal::new(None)),
        }
    }

    /// True while a feed's search index is still being built: the list is shown, but a
    /// search or filter waits for it ("Preparing search…").
    pub fn preparing(&self) -> bool {
        match &self.source {
            Source::Feed(index) => index.with(Option::is_none),
            Source::Sharded(_) => false,
        }
    }

    /// How many posts the archive has.
    pub fn count(&self) -> usize {
        match &self.source {
            Source::Feed(_) => self.archive.posts.len(),
            Source::Sharded(shards) => shards.lock().manifest().count,
        }
    }

    /// The newest year with a dated post.
    pub fn newest_year(&self) -> Option<i32> {
        match &self.source {
            Source::Feed(index) => index.with(|index| match index {
                Some(index) => index.newest_year(),
                // Before the index: the reader's year of the newest dated post.
                None => self
                    .archive
                    .posts
                    .iter()
                    .find_map(post_day)
                    .and_then(chrono::NaiveDate::from_num_days_from_ce_opt)
                    .map(|d| chrono::Datelike::year(&d)),
            }),
            Source::Sharded(shards) => shards
                .lock()
                .manifest()
                .unfiltered
                .months
                .first()
                .map(|m| m.0),
        }
    }

    /// Runs `filters`: `None` while a sharded index fetches the chunks they need (the
    /// caller is re-run when they arrive).
    pub fn search(&self, filters: &Filters) -> Option<SearchResults> {
        match &self.source {
            Source::Feed(index) => index.with(|index| match index {
                Some(index) => Some(index.search(filters)),
                None if is_unfiltered(filters) => Some(first_results(&self.archive)),
                None => None,
            }),
            Source::Sharded(shards) => {
                shards.changed.track();
                // The lock is released before fetching.
                let answer = shards.lock().answer(filters);
                match answer {
                    Ok(results) => Some(results),
                    Err(needs) => {
                        shards.fetch(needs);
                        None
                    }
                }
            }
        }
    }

    /// The posts at `positions` (newest-first order; ones past the end are left out),
    /// or `None` while their chunks load.
    pub fn posts(&self, positions: &[usize]) -> Option<Vec<Shown>> {
        match &self.source {
            Source::Feed(_) => Some(
                positions
                    .iter()
                    .filter_map(|&p| self.archive.posts.get(p))
                    .map(|post| Shown {
                        post: post.clone(),
                        body: None,
                    })
                    .collect(),
            ),
            Source::Sharded(shards) => {
                shards.changed.track();
                let (shown, needs) = {
                    let archive = shards.lock();
                    let count = archive.manifest().count;
                    let positions: Vec<usize> =
                        positions.iter().copied().filter(|&p| p < count).collect();
                    let needs = archive.needs_for_posts(&positions);
                    let shown = needs
                        .is_empty()
                        .then(|| {
                            positions
                                .iter()
                                .map(|&p| {
                                    archive
                                        .post(p)
                                        .map(|(post, body)| self.shown(post, body.as_ref()))
                                })
                                .collect::<Option<Vec<Shown>>>()
                        })
                        .flatten();
                    (shown, needs)
                };
                shards.fetch(needs);
                shown
            }
        }
    }

    /// Up to `limit` posts related to the one at `position` (sharing tags or
    /// categories), or `None` while the index or the records they need are on their way.
    pub fn related(&self, position: usize, limit: usize) -> Option<Vec<Shown>> {
        let positions = match &self.source {
            Source::Feed(index) => {
                index.with(|index| index.as_ref().map(|index| index.related(position, limit)))?
            }
            Source::Sharded(shards) => {
                // The post's own record names them; it is loaded with the post.
                shards.changed.track();
                let found = shards.lock().related(position, limit);
                found?
            }
        };
        self.posts(&positions)
    }

    /// The feed a reader can subscribe to: the post index itself when it is a feed
    /// (a sharded index's manifest is not one).
    pub fn subscribe_url(&self) -> Option<&str> {
        match &self.source {
            Source::Feed(_) => self.feed_url.as_deref(),
            Source::Sharded(_) => None,
        }
    }

    fn shown(&self, post: &Post, body: Option<&BodyRef>) -> Shown {
        let mut post = post.clone();
        if let Some(feed) = &self.feed_url {
            post.resolve_urls(|relative| absolute_url(relative, Some(feed)));
        }
        Shown {
            post,
            body: body.cloned(),
        }
    }

    /// The position of the post with `slug`: `None` while a sharded index fetches the
    /// part that says, `Some(None)` when there is no such post.
    pub fn locate(&self, slug: &str) -> Option<Option<usize>> {
        match &self.source {
            Source::Feed(_) => Some(self.archive.position(slug)),
            Source::Sharded(shards) => {
                shards.changed.track();
                let (found, needs) = {
                    let archive = shards.lock();
                    (archive.position_of(slug), archive.needs_for_slug(slug))
                };
                shards.fetch(needs);
                found
            }
        }
    }

    /// The URL a body bundle is fetched from.
    pub fn bundle_url(&self, body: &BodyRef) -> Option<String> {
        match &self.source {
            Source::Feed(_) => None,
            Source::Sharded(shards) => absolute_url(&body.file, Some(&shards.manifest_url)),
        }
    }

    /// How many times the manifest has been read again (after a redeploy): positions
    /// from an earlier generation do not name the same posts.
    pub fn generation(&self) -> u32 {
        match &self.source {
            Source::Feed(_) => 0,
            Source::Sharded(shards) => {
                shards.changed.track();
                shards.generation.load(Ordering::Relaxed)
            }
        }
    }

    /// Why part of a sharded index could not be loaded, until [`Self::retry_chunks`].
    pub fn failure(&self) -> Option<LoadError> {
        match &self.source {
            Source::Feed(_) => None,
            Source::Sharded(shards) => shards.failure.get(),
        }
    }

    /// Fetches again what failed.
    pub fn retry_chunks(&self) {
        if let Source::Sharded(shards) = &self.source {
            shards.failure.set(None);
            shards.changed.notify();
        }
    }
}

/// A sharded index being read: the core reader behind a lock (the app is single
/// threaded; the lock is never held across an await), and the fetches in flight.
#[derive(Clone)]
struct Shards {
    archive: Arc<Mutex<ShardedArchive>>,
    manifest_url: String,
    /// Notified when a chunk has been added.
    changed: ArcTrigger,
    /// What is being fetched, by [`Need::key`].
    in_flight: Arc<Mutex<HashSet<String>>>,
    failure: ArcRwSignal<Option<LoadError>>,
    /// Bumped when the manifest is read again: answers to requests made for the old
    /// one are dropped.
    generation: Arc<AtomicU32>,
    /// The hash of the manifest in use, to tell a redeploy from a broken deploy.
    manifest_hash: Arc<AtomicU64>,
    /// Set while a missing file makes the reader read the manifest again: nothing is
    /// fetched for the old manifest meanwhile, and answers to it are dropped.
    rereading: Arc<AtomicBool>,
}

impl Shards {
    fn lock(&self) -> MutexGuard<'_, ShardedArchive> {
        self.archive.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn in_flight(&self) -> MutexGuard<'_, HashSet<String>> {
        self.in_flight
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Starts fetching each of `needs` that is not already on its way. After a failure,
    /// nothing more is fetched until the reader asks to retry.
    fn fetch(&self, needs: Vec<Need>) {
        if needs.is_empty()
            || self.failure.with_untracked(Option::is_some)
            || self.rereading.load(Ordering::Relaxed)
        {
            return;
        }
        for need in needs {
            if !self.in_flight().insert(need.key()) {
                continue;
            }
            let this = self.clone();
            let generation = self.generation.load(Ordering::Relaxed);
            leptos::task::spawn_local(async move {
                let fetched = fetch_need(&need, &this.manifest_url).await;
                if this.generation.load(Ordering::Relaxed) != generation
                    || this.rereading.load(Ordering::Relaxed)
                {
                    return;
                }
                this.in_flight().remove(&need.key());
                match fetched {
                    Ok(text) => {
                        let added = this.lock().add(&need, &text);
                        match added {
                            Ok(()) => this.changed.notify(),
                            Err(error) => this.failure.set(Some(LoadError::Index(error))),
                        }
                    }
                    // A file the manifest names has gone: the site was probably
                    // redeployed since the manifest was read. Read it again.
                    Err(
                        error @ LoadError::Http {
                            status: 404 | 410, ..
                        },
                    ) => this.reread_manifest(error),
                    Err(error) => this.failure.set(Some(error)),
                }
            });
        }
    }

    /// Reads the manifest again and starts over from it, keeping the page as it is. If
    /// the manifest has not changed, the missing file is a broken deploy, not a new
    /// one: `cause` is reported.
    fn reread_manifest(&self, cause: LoadError) {
        if self.rereading.swap(true, Ordering::Relaxed) {
            return;
        }
        let this = self.clone();
        leptos::task::spawn_local(async move {
            let fresh = async {
                let fetched = fetch_text_fresh(&this.manifest_url).await?;
                let hash = shard::fnv1a(fetched.text.as_bytes());
                if hash == this.manifest_hash.load(Ordering::Relaxed) {
                    return Ok(None);
                }
                let archive = open_manifest(&fetched.text, &this.manifest_url).await?;
                Ok(Some((hash, archive)))
            };
            match fresh.await {
                Ok(Some((hash, archive))) => {
                    this.generation.fetch_add(1, Ordering::Relaxed);
                    this.manifest_hash.store(hash, Ordering::Relaxed);
                    *this.lock() = archive;
                }
                Ok(None) => this.failure.set(Some(cause)),
                Err(error) => this.failure.set(Some(error)),
            }
            this.in_flight().clear();
            this.rereading.store(false, Ordering::Relaxed);
            this.changed.notify();
        });
    }
}

/// Fetches what `need` names, resolved against the manifest's URL: the whole file, or
/// the byte range it asks for.
async fn fetch_need(need: &Need, manifest_url: &str) -> Result<String, LoadError> {
    let url = absolute_url(&need.name, Some(manifest_url)).unwrap_or_else(|| need.name.clone());
    let fetched = match need.range {
        Some((start, len)) => fetch_range(&url, start, len, None).await?,
        None => fetch_text(&url).await?,
    };
    Ok(fetched.text)
}

/// Reads a manifest and fetches the newest posts' chunk, which the first list needs.
async fn open_manifest(text: &str, manifest_url: &str) -> Result<ShardedArchive, LoadError> {
    let mut archive =
        ShardedArchive::from_manifest(text, Box::new(|timestamp, _| reader_day(timestamp)))?;
    for need in archive.needs_for_posts(&[0]) {
        let text = fetch_need(&need, manifest_url).await?;
        archive.add(&need, &text)?;
    }
    Ok(archive)
}

/// The reader's local calendar day for a Unix timestamp, as a day number.
#[allow(clippy::cast_precision_loss)] // Timestamps are far below 2^53 ms.
fn reader_day(timestamp: i64) -> Option<i32> {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(timestamp as f64 * 1000.0));
    let month = date.get_month() + 1;
    let naive = chrono::NaiveDate::from_ymd_opt(
        i32::try_from(date.get_full_year()).ok()?,
        month,
        date.get_date(),
    )?;
    Some(day_number(naive))
}

/// Fetches and reads the post index at `url`: a JSON Feed, which is indexed here, or a
/// sharded index's manifest, whose first chunk is fetched too.
///
/// # Errors
/// A [`LoadError`] naming the network failure, HTTP status or index problem.
pub async fn load_archive(url: &str) -> Result<Arc<Loaded>, LoadError> {
    let fetched = fetch_text_cancellable(url, &Cancel::new()).await?;
    // Relative URLs in the index are relative to it, not to whichever page shows it.
    let index_url = Some(fetched.url.clone())
        .filter(|u| !u.is_empty())
        .or_else(|| absolute_url(url, None));
    if shard::is_manifest(&fetched.text) {
        return load_sharded(&fetched.text, index_url).await;
    }
    // The items are read in slices between frames, so a large feed never holds the
    // main thread for long; the text is freed once it is split into items.
    let mut reader = FeedReader::new(&fetched.text)?;
    drop(fetched.text);
    in_slices(|| reader.read(32)).await;
    let mut archive = reader.finish();
    // A large archive's sorting was a task of its own; let the browser in before more.
    if archive.posts.len() > FIRST_SLICE_POSTS {
        yield_to_browser().await;
    }
    if let Some(feed) = &index_url {
        archive.resolve_urls(|relative| absolute_url(relative, Some(feed)));
    }
    // Most archives are indexed within a few milliseconds: then the first list comes
    // with its facets and month counts, and nothing moves after it is drawn. A larger
    // one is shown first and indexed after, in slices.
    let mut builder = IndexBuilder::default();
    let done = archive.posts.len() <= FIRST_SLICE_POSTS
        && work_for(FIRST_SLICE_MS, || builder.add(&archive, 64, post_day));
    let loaded = Arc::new(Loaded {
        feed_url: index_url,
        ..Loaded::new(archive)
    });
    if done {
        if let Source::Feed(ready) = &loaded.source {
            ready.set(Some(Arc::new(builder.finish())));
            performance_mark("folio-search-ready");
        }
    } else {
        leptos::task::spawn_local(index_in_slices(Arc::clone(&loaded), builder));
    }
    Ok(loaded)
}

/// How long the load may spend indexing before the first list is drawn, in
/// milliseconds: enough for the [`FIRST_SLICE_POSTS`] it is tried on.
const FIRST_SLICE_MS: f64 = 40.0;

/// The most posts the load tries to index before the first list: a larger archive
/// would not finish within [`FIRST_SLICE_MS`], and the attempt would only delay its
/// first list.
const FIRST_SLICE_POSTS: usize = 2_000;

/// A post's calendar day in the reader's own timezone, which date filters use.
fn post_day(post: &Post) -> Option<i32> {
    post.published.and_then(|d| reader_day(d.timestamp()))
}

/// How long one slice of work may hold the main thread, in milliseconds: short enough
/// that typing and scrolling stay smooth while it runs.
const SLICE_MS: f64 = 12.0;

/// Runs `step` until it says it is done or `budget_ms` have passed; true when done.
fn work_for(budget_ms: f64, mut step: impl FnMut() -> bool) -> bool {
    let started = js_sys::Date::now();
    loop {
        if step() {
            return true;
        }
        if js_sys::Date::now() - started >= budget_ms {
            return false;
        }
    }
}

/// Runs `step` until it says it is done, a slice at a time, yielding to the browser
/// between slices, so that no task is long.
async fn in_slices(mut step: impl FnMut() -> bool) {
    while !work_for(SLICE_MS, &mut step) {
        yield_to_browser().await;
    }
}

/// Finishes a feed's search index in slices, after the first list is painted, and
/// marks `folio-search-ready` in the Performance timeline when done. Stops early when
/// nothing else holds the archive any more: it was unmounted, or loaded again.
async fn index_in_slices(loaded: Arc<Loaded>, mut builder: IndexBuilder) {
    let Source::Feed(ready) = &loaded.source else {
        return;
    };
    yield_to_browser().await;
    let abandoned = || Arc::strong_count(&loaded) == 1;
    in_slices(|| abandoned() || builder.add(&loaded.archive, 64, post_day)).await;
    if abandoned() {
        return;
    }
    ready.set(Some(Arc::new(builder.finish())));
    performance_mark("folio-search-ready");
}

/// Lets the browser paint, handle input and run the app's own updates before the next
/// piece of work: as a background task with `scheduler.postTask` where the browser has
/// it (every other task goes first, and there is no 4 ms delay as for nested timers),
/// else a zero-delay timer.
async fn yield_to_browser() {
    let window = web_sys::window();
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let scheduler = window
            .as_ref()
            .and_then(|w| js_sys::Reflect::get(w, &"scheduler".into()).ok())
            .filter(wasm_bindgen::JsValue::is_object);
        let posted = scheduler.as_ref().and_then(|scheduler| {
            let post_task = crate::js_method(scheduler, "postTask")?;
            let options = js_sys::Object::new();
            js_sys::Reflect::set(&options, &"priority".into(), &"background".into()).ok()?;
            post_task.call2(scheduler, &resolve, &options).ok()
        });
        let timer = posted.is_none().then(|| {
            window.as_ref().and_then(|window| {
                window
                    .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
                    .ok()
            })
        });
        if matches!(timer, Some(None)) {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// `performance.mark(name)`, for benchmarks; nothing when the browser has no timeline.
pub fn performance_mark(name: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let performance = js_sys::Reflect::get(&window, &"performance".into()).ok();
    let mark = performance
        .as_ref()
        .and_then(|p| crate::js_method(p, "mark"));
    if let (Some(performance), Some(mark)) = (performance, mark) {
        let _ = mark.call1(&performance, &name.into());
    }
}

async fn load_sharded(text: &str, manifest_url: Option<String>) -> Result<Arc<Loaded>, LoadError> {
    let manifest_url = manifest_url.unwrap_or_default();
    let manifest_hash = shard::fnv1a(text.as_bytes());
    let archive = open_manifest(text, &manifest_url).await?;
    // Post URLs are relative to where the feed would be: `base`, against the manifest.
    let base = archive.manifest().base.as_deref().unwrap_or("./");
    let feed_url = absolute_url(base, Some(&manifest_url));
    let mut head = archive.head().clone();
    if let Some(feed) = &feed_url {
        head.resolve_urls(|relative| absolute_url(relative, Some(feed)));
    }
    Ok(Arc::new(Loaded {
        archive: head,
        feed_url,
        source: Source::Sharded(Shards {
            archive: Arc::new(Mutex::new(archive)),
            manifest_url,
            changed: ArcTrigger::new(),
            in_flight: Arc::default(),
            failure: ArcRwSignal::new(None),
            generation: Arc::default(),
            manifest_hash: Arc::new(AtomicU64::new(manifest_hash)),
            rereading: Arc::default(),
        }),
    }))
}

/// `url` resolved against `base`, or against the document's base URL.
pub fn absolute_url(url: &str, base: Option<&str>) -> Option<String> {
    let base = match base {
        Some(base) => base.to_owned(),
        None => web_sys::window()?.document()?.base_uri().ok()??,
    };
    web_sys::Url::new_with_base(url, &base)
        .ok()
        .map(|u| u.href())
}

/// The loaded archive, shared with every page through context.
///
/// A signal set by a spawned task, rather than a `LocalResource` read in a
/// `<Transition>`: that is all the one load and its Retry need, and Leptos's suspense
/// machinery was 9 KB of brotli wasm.
#[derive(Clone, Copy)]
pub struct ArchiveContext {
    /// The archive once it has loaded or failed to; `None` while the first load runs.
    /// A Retry leaves the failure showing until the new outcome replaces it.
    pub state: RwSignal<Option<Result<Arc<Loaded>, LoadError>>, LocalStorage>,
    feed_url: StoredValue<String>,
    /// Whether a load is running: a Retry meanwhile starts no second one.
    loading: StoredValue<bool>,
}

impl ArchiveContext {
    /// Starts loading the archive and provides it to the component tree below.
    pub fn provide(feed_url: String) -> Self {
        let context = Self {
            state: RwSignal::new_local(None),
            feed_url: StoredValue::new(feed_url),
            loading: StoredValue::new(false),
        };
        context.load();
        provide_context(context);
        context
    }

    fn load(self) {
        if self.loading.try_get_value() != Some(false) {
            return;
        }
        let Some(url) = self.feed_url.try_get_value() else {
            return;
        };
        self.loading.set_value(true);
        leptos::task::spawn_local(async move {
            let outcome = load_archive(&url).await;
            self.loading.try_set_value(false);
            self.state.try_set(Some(outcome));
        });
    }

    /// Loads the archive again, for the Retry button (unless it is loading already).
    pub fn retry(&self) {
        self.load();
    }
}

/// The archive context provided by [`App`](crate::App).
///
/// # Panics
/// When called outside `<App>`, which is a programming error, not a data error.
pub fn use_archive() -> ArchiveContext {
    #[allow(clippy::expect_used)] // A missing provider is a bug in the component tree.
    use_context::<ArchiveContext>().expect("use_archive called outside <App>, which provides it")
}

//! Loading the post index over HTTP, with errors a reader can be told about.

use folio_core::search::{day_number, SearchIndex};
use folio_core::{Archive, FeedError};
use leptos::prelude::*;
use std::sync::Arc;
use thiserror::Error;

/// Why the archive could not be shown.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LoadError {
    /// The request never got an answer: offline, DNS, CORS or a refused connection.
    #[error("The post index could not be reached ({0}). Check your connection and try again.")]
    Network(String),
    /// The server answered with an error status.
    #[error("The server answered {status}{} for the post index ({url}).", status_suffix(.status_text))]
    Http {
        /// The HTTP status code.
        status: u16,
        /// The reason phrase, when the server sent one.
        status_text: String,
        /// The URL that was asked for.
        url: String,
    },
    /// The body was not a readable JSON Feed.
    #[error("{}", capitalize(&.0.to_string()))]
    Feed(#[from] FeedError),
}

fn status_suffix(text: &str) -> String {
    if text.is_empty() {
        String::new()
    } else {
        format!(" {text}")
    }
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

impl LoadError {
    /// A short heading for the error view.
    pub fn heading(&self) -> &'static str {
        match self {
            Self::Network(_) => "Network error",
            Self::Http { status: 404, .. } => "Post index not found",
            Self::Http { .. } => "Server error",
            Self::Feed(FeedError::InvalidJson { .. }) => "Invalid JSON",
            Self::Feed(FeedError::HtmlInsteadOfJson) => "Not a post index",
            Self::Feed(FeedError::NotJsonFeed(_)) => "Not a JSON Feed",
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
    let response = gloo_net::http::Request::get(url)
        .send()
        .await
        .map_err(|err| LoadError::Network(err.to_string()))?;
    if !response.ok() {
        return Err(LoadError::Http {
            status: response.status(),
            status_text: response.status_text(),
            url: response.url(),
        });
    }
    let final_url = response.url();
    let text = response
        .text()
        .await
        .map_err(|err| LoadError::Network(err.to_string()))?;
    Ok(Fetched {
        text,
        url: final_url,
    })
}

/// The archive and its search index, built once per load.
#[derive(Debug)]
pub struct Loaded {
    /// The normalized feed.
    pub archive: Archive,
    /// The index over it, with days in the reader's calendar.
    pub index: SearchIndex,
    /// The feed's absolute URL, which relative URLs in post bodies are relative to.
    pub feed_url: Option<String>,
}

impl Loaded {
    /// Indexes `archive` for search, with each post's day taken in the reader's own
    /// timezone, so that a date filter means the reader's calendar days.
    pub fn new(archive: Archive) -> Self {
        let index = SearchIndex::build_with_days(&archive, |post| {
            post.published.and_then(|d| reader_day(d.timestamp()))
        });
        Self {
            archive,
            index,
            feed_url: None,
        }
    }
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

/// Fetches and reads the feed at `url`, then indexes it.
///
/// # Errors
/// A [`LoadError`] naming the network failure, HTTP status or feed problem.
pub async fn load_archive(url: &str) -> Result<Arc<Loaded>, LoadError> {
    let fetched = fetch_text(url).await?;
    let mut archive = Archive::from_json(&fetched.text)?;
    // Relative URLs in the feed are relative to the feed, not to whichever page shows it.
    let feed_url = Some(fetched.url)
        .filter(|u| !u.is_empty())
        .or_else(|| absolute_url(url, None));
    drop(fetched.text);
    if let Some(feed) = &feed_url {
        archive.resolve_urls(|relative| absolute_url(relative, Some(feed)));
    }
    Ok(Arc::new(Loaded {
        feed_url,
        ..Loaded::new(archive)
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
#[derive(Clone, Copy)]
pub struct ArchiveContext {
    /// The feed, loaded once.
    pub resource: LocalResource<Result<Arc<Loaded>, LoadError>>,
}

impl ArchiveContext {
    /// Starts loading the feed and provides it to the component tree below.
    pub fn provide(feed_url: String) -> Self {
        let resource = LocalResource::new(move || {
            let url = feed_url.clone();
            async move { load_archive(&url).await }
        });
        let context = Self { resource };
        provide_context(context);
        context
    }

    /// Loads the feed again, for the Retry button.
    pub fn retry(&self) {
        self.resource.refetch();
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

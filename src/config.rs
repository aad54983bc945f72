//! Where the app finds its feed and under which path it is served.

use wasm_bindgen::JsCast;

/// The feed Folio loads when the page names none.
pub const DEFAULT_FEED: &str = "posts.json";

/// Settings read from the host page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The feed's URL, resolved by the browser against the document's base URL, so a
    /// relative `posts.json` follows the app to whatever path it is served under.
    pub feed_url: String,
    /// The router's base path without a trailing slash: `""` at the site root,
    /// `"/blog"` under `/blog/`.
    pub base_path: String,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            feed_url: DEFAULT_FEED.to_owned(),
            base_path: String::new(),
        }
    }
}

impl Config {
    /// Reads `<base href>` (which Trunk writes from `--public-url`) for the base path,
    /// and `data-feed` on `<meta name="folio-feed">` for the feed.
    pub fn from_document() -> Self {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return Self::default();
        };
        let base_path = document
            .base_uri()
            .ok()
            .flatten()
            .and_then(|uri| web_sys::Url::new(&uri).ok())
            .map(|url| base_path_from(&url.pathname()))
            .unwrap_or_default();
        let feed_url = document
            .query_selector("meta[name='folio-feed']")
            .ok()
            .flatten()
            .and_then(|el| el.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.get_attribute("content"))
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| DEFAULT_FEED.to_owned());
        Self {
            feed_url,
            base_path,
        }
    }
}

/// The directory part of a base URL's path, without its trailing slash.
pub fn base_path_from(pathname: &str) -> String {
    let dir = match pathname.rfind('/') {
        Some(i) => &pathname[..i],
        None => "",
    };
    dir.to_owned()
}

/// The router's base path, provided as context so links can carry it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BasePath(pub String);

/// An in-app path (starting with `/`) as an href under the app's base path.
///
/// `leptos_router`'s `<A>` leaves absolute paths as they are, so under `/blog/` a link
/// to `/posts/x` must be written `/blog/posts/x` for a new tab or a reload to work.
pub fn app_href(path: &str) -> String {
    let base = leptos::prelude::use_context::<BasePath>().unwrap_or_default();
    format!("{}{path}", base.0)
}

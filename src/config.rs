//! What the host page asks of the app: which feed, which routing, how many posts a page.
//!
//! A whole-page install (the `index.html` Trunk builds) is configured by `<base href>`
//! and `<meta name="folio-feed">`. An embedded archive is configured by data attributes
//! on its mount point, `<div data-folio …>` or `<folio-archive …>`:
//!
//! | attribute         | default                          | meaning                                   |
//! |-------------------|----------------------------------|-------------------------------------------|
//! | `data-index`      | `posts.json`                     | the feed or manifest, against the base URL|
//! | `data-routing`    | `hash`                           | `hash` (`#/posts/…`) or `path`            |
//! | `data-base`       | the page's path                  | path routing's base path                  |
//! | `data-page-size`  | `10`                             | posts per page, 1 to 100                  |
//! | `data-set-title`  | off                              | present (or `true`): set `document.title` |
//! | `data-theme`      | `auto`                           | `light`, `dark`, or `auto` (the system's) |
//! | `data-lang`       | the feed's `language`            | the interface's language                  |
//! | `data-header`     | `full`                           | `full`, `compact` (title line) or `none`  |
//! | `data-heading-level` | `1`                           | the element of the archive's top heading  |
//! | `data-id`         | none                             | the archive's named slot in the hash      |
//! | `data-stylesheet` | the page's `link[data-folio-style]` | the stylesheet for the shadow root     |
//!
//! `window.folio.mount(element, options)` takes the same settings as an object, by the
//! attribute's name without `data-`, in camelCase (`{ index, headingLevel, id }`); an
//! option wins over the element's attribute.

use folio_core::embed::{is_slot_name, parse_heading_level, HeaderMode};
use folio_core::route::{parse_page_size, RoutingMode, DEFAULT_PAGE_SIZE};
use wasm_bindgen::{JsCast, JsValue};

/// The feed Folio loads when the page names none.
pub const DEFAULT_FEED: &str = "posts.json";

/// The selector that finds an embedded archive's mount point.
pub const MOUNT_SELECTOR: &str = "[data-folio], folio-archive";

/// Settings read from the host page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The feed's URL, resolved by the browser against the document's base URL, so a
    /// relative `posts.json` follows the app to whatever path it is served under.
    pub feed_url: String,
    /// The router's base path without a trailing slash: `""` at the site root,
    /// `"/blog"` under `/blog/`. Used by path routing only.
    pub base_path: String,
    /// Where the address lives in the URL.
    pub routing: RoutingMode,
    /// Posts per page of the list.
    pub page_size: usize,
    /// Whether the app owns the document: sets its title and description, and uses a
    /// `<main>` landmark. Off when embedded, unless `data-set-title` asks for the title.
    pub owns_document: bool,
    /// Whether to set `document.title` on each page.
    pub sets_title: bool,
    /// The colour scheme: `None` follows the reader's system.
    pub theme: Option<Theme>,
    /// The interface language asked for (`data-lang`, or `<meta name="folio-lang">`),
    /// over the feed's own `language`.
    pub lang: Option<String>,
    /// How much of the masthead to show.
    pub header: HeaderMode,
    /// The element level of the archive's top heading, 1 to 4.
    pub heading_level: u8,
    /// A hash-routed archive's slot in the location hash: `""` for the plain `#/…`.
    pub slot: String,
    /// The stylesheet an embedded archive's shadow root links to, when the host names
    /// one (`data-stylesheet`).
    pub stylesheet: Option<String>,
}

/// A colour scheme pinned by the host page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    /// Light, whatever the system prefers.
    Light,
    /// Dark, whatever the system prefers.
    Dark,
}

impl Theme {
    /// The class that pins the scheme on Folio's root element.
    pub fn class(self) -> &'static str {
        match self {
            Self::Light => "folio--light",
            Self::Dark => "folio--dark",
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Self {
            feed_url: DEFAULT_FEED.to_owned(),
            base_path: String::new(),
            routing: RoutingMode::Path,
            page_size: DEFAULT_PAGE_SIZE,
            owns_document: true,
            sets_title: true,
            theme: None,
            lang: None,
            header: HeaderMode::Full,
            heading_level: 1,
            slot: String::new(),
            stylesheet: None,
        }
    }
}

impl Config {
    /// A whole-page install, when the page says it is one with `<meta name="folio-feed">`
    /// (its `content` is the feed; empty means `posts.json`). Reads `<base href>`, which
    /// Trunk writes from `--public-url`, for the base path. `None` for any other page.
    pub fn whole_page(document: &web_sys::Document) -> Option<Self> {
        let meta = document
            .query_selector("meta[name='folio-feed']")
            .ok()
            .flatten()?;
        let feed_url = meta
            .get_attribute("content")
            .and_then(non_empty)
            .unwrap_or_else(|| DEFAULT_FEED.to_owned());
        let lang = document
            .query_selector("meta[name='folio-lang']")
            .ok()
            .flatten()
            .and_then(|meta| meta.get_attribute("content"))
            .and_then(non_empty);
        Some(Self {
            feed_url,
            base_path: document_base_path(document),
            lang,
            ..Self::default()
        })
    }

    /// An embedded archive: reads `options` (an object given to `folio.mount`, or
    /// `undefined`), then the mount point's data attributes. Values that make no sense are
    /// reported on the console and replaced by their defaults, so a typo never leaves the
    /// host page with an empty box.
    pub fn from_mount_point(element: &web_sys::Element, options: &JsValue) -> Self {
        let attr = |name: &str| {
            option(options, name).or_else(|| element.get_attribute(name).and_then(non_empty))
        };
        let routing = setting(
            &attr,
            "data-routing",
            RoutingMode::parse,
            RoutingMode::Hash,
            "is not `hash` or `path`; using hash",
        );
        let page_size = setting(
            &attr,
            "data-page-size",
            parse_page_size,
            DEFAULT_PAGE_SIZE,
            &format!("is not a whole number from 1 to 100; using {DEFAULT_PAGE_SIZE}"),
        );
        // Path routing's addresses go under the page's own path (`/news/posts/x`), so the
        // page keeps its address at `/`.
        let base_path = attr("data-base").map_or_else(
            || {
                web_sys::window()
                    .and_then(|w| w.location().pathname().ok())
                    .map(|path| page_base(&path))
                    .unwrap_or_default()
            },
            |base| base.trim_end_matches('/').to_owned(),
        );
        let sets_title = option(options, "data-set-title")
            .or_else(|| element.get_attribute("data-set-title"))
            .is_some_and(|v| !matches!(v.trim(), "false" | "off" | "no"));
        let header = setting(
            &attr,
            "data-header",
            HeaderMode::parse,
            HeaderMode::Full,
            "is not `full`, `compact` or `none`; using full",
        );
        let heading_level = setting(
            &attr,
            "data-heading-level",
            parse_heading_level,
            1,
            "is not 1, 2, 3 or 4; using 1",
        );
        let slot = setting(
            &attr,
            "data-id",
            |value| is_slot_name(value).then(|| value.to_owned()),
            String::new(),
            "must be 1 to 32 letters, digits, `-` or `_`; using none",
        );
        let theme = setting(
            &attr,
            "data-theme",
            |value| match value.to_ascii_lowercase().as_str() {
                "light" => Some(Some(Theme::Light)),
                "dark" => Some(Some(Theme::Dark)),
                "auto" => Some(None),
                _ => None,
            },
            None,
            "is not `light`, `dark` or `auto`; using auto",
        );
        Self {
            feed_url: attr("data-index").unwrap_or_else(|| DEFAULT_FEED.to_owned()),
            base_path,
            routing,
            page_size,
            owns_document: false,
            sets_title,
            theme,
            lang: attr("data-lang"),
            header,
            heading_level,
            slot,
            stylesheet: attr("data-stylesheet"),
        }
    }
}

/// The setting `name`, found by `attr`, read with `parse`, or `default` when there is
/// none. A value that `parse` refuses is reported on the console (`name="value"`, then
/// `refusal`) and replaced by `default`.
fn setting<T>(
    attr: &dyn Fn(&str) -> Option<String>,
    name: &str,
    parse: impl Fn(&str) -> Option<T>,
    default: T,
    refusal: &str,
) -> T {
    let Some(value) = attr(name) else {
        return default;
    };
    parse(&value).unwrap_or_else(|| {
        warn(&format!("{name}=\"{value}\" {refusal}."));
        default
    })
}

/// A setting from `folio.mount`'s options object, by its attribute's name
/// (`data-heading-level` is read as `headingLevel`). Strings, numbers and booleans are
/// taken as they would be written in the attribute.
fn option(options: &JsValue, attribute: &str) -> Option<String> {
    if !options.is_object() {
        return None;
    }
    let mut key = String::new();
    let mut upper = false;
    for c in attribute.trim_start_matches("data-").chars() {
        if c == '-' {
            upper = true;
        } else if upper {
            key.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            key.push(c);
        }
    }
    let value = js_sys::Reflect::get(options, &JsValue::from_str(&key)).ok()?;
    let text = value
        .as_string()
        // JS writes the number (`String(2)` is "2"): Rust's float formatting would add
        // about 7 KB of wasm for this one use.
        .or_else(|| {
            let number = value.dyn_ref::<js_sys::Number>()?;
            number.to_string_with_radix(10).ok().map(String::from)
        })
        .or_else(|| value.as_bool().map(|b| b.to_string()))?;
    non_empty(text)
}

fn non_empty(value: String) -> Option<String> {
    let trimmed = value.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

pub(crate) fn warn(message: &str) {
    web_sys::console::warn_1(&format!("Folio: {message}").into());
}

/// The directory of the document's base URL, without its trailing slash.
fn document_base_path(document: &web_sys::Document) -> String {
    document
        .base_uri()
        .ok()
        .flatten()
        .and_then(|uri| web_sys::Url::new(&uri).ok())
        .map(|url| base_path_from(&url.pathname()))
        .unwrap_or_default()
}

/// A page's path as a base path: without a trailing slash or `index.html`.
pub fn page_base(pathname: &str) -> String {
    let path = pathname.strip_suffix("index.html").unwrap_or(pathname);
    path.trim_end_matches('/').to_owned()
}

/// The directory part of a base URL's path, without its trailing slash.
pub fn base_path_from(pathname: &str) -> String {
    let dir = match pathname.rfind('/') {
        Some(i) => &pathname[..i],
        None => "",
    };
    dir.to_owned()
}

/// The element the app lives in, for queries and scrolling: the document for a
/// whole-page install, the shadow root for an embedded one.
#[derive(Clone, Debug)]
pub enum AppRoot {
    /// The app is the page.
    Document(web_sys::Document),
    /// The app is inside a shadow root attached to the host page's mount point.
    Shadow(web_sys::ShadowRoot),
}

impl AppRoot {
    /// The first element matching `selector` inside the app.
    pub fn query(&self, selector: &str) -> Option<web_sys::Element> {
        match self {
            Self::Document(d) => d.query_selector(selector).ok().flatten(),
            Self::Shadow(s) => s.query_selector(selector).ok().flatten(),
        }
    }

    /// The element in the app with this exact id.
    pub fn element_by_id(&self, id: &str) -> Option<web_sys::Element> {
        match self {
            Self::Document(d) => d.get_element_by_id(id),
            Self::Shadow(s) => s.get_element_by_id(id),
        }
    }

    /// The root of the tree `node` is in: its shadow root, else its document.
    pub fn of_node(node: &web_sys::Node) -> Option<Self> {
        let root = node.get_root_node();
        match root.dyn_into::<web_sys::ShadowRoot>() {
            Ok(shadow) => Some(Self::Shadow(shadow)),
            Err(other) => other
                .dyn_into::<web_sys::Document>()
                .ok()
                .map(Self::Document),
        }
    }

    /// Focuses the first element in the app matching `selector` (else the main region),
    /// without scrolling: routing and the list's memory manage scroll position.
    pub fn focus_first(&self, selector: &str) {
        crate::app::focus(self.query(selector).or_else(|| self.query("#folio-main")));
    }

    /// Focuses the first element in the app matching `selector`, if there is one: for a
    /// change within a page, which must not pull focus anywhere else once it is gone.
    pub fn focus_if_present(&self, selector: &str) {
        crate::app::focus(self.query(selector));
    }

    /// The host page's mount point, when embedded.
    pub fn host(&self) -> Option<web_sys::Element> {
        match self {
            Self::Document(_) => None,
            Self::Shadow(s) => Some(s.host()),
        }
    }
}

impl AppRoot {
    /// Makes this the root that the components below query.
    pub fn provide(self) {
        leptos::prelude::provide_context(self);
    }
}

/// Where the app is mounted: the root provided for it, else the document (a whole page,
/// or component tests). Take it while rendering and keep it: callbacks from timers run
/// outside the component tree, where context cannot be read.
pub fn app_root() -> Option<AppRoot> {
    leptos::prelude::use_context::<AppRoot>().or_else(|| {
        web_sys::window()
            .and_then(|w| w.document())
            .map(AppRoot::Document)
    })
}

/// The page's embedded archives' mount points, in document order.
pub fn find_mount_points(document: &web_sys::Document) -> Vec<web_sys::Element> {
    let Ok(points) = document.query_selector_all(MOUNT_SELECTOR) else {
        return Vec::new();
    };
    (0..points.length())
        .filter_map(|i| points.item(i))
        .filter_map(|node| node.dyn_into::<web_sys::Element>().ok())
        .collect()
}

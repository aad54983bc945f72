//! The app shell: context, routing, landmarks and focus handling.

use folio_core::i18n::Msg;
use folio_core::route::{Page, RoutingMode};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use wasm_bindgen::JsCast;

use crate::config::{app_root, AppRoot, Config};
use crate::data::ArchiveContext;
use crate::list_memory::ListMemory;
use crate::pages::{ListPage, NotFoundPage, PostPage};
use crate::routing::{hash_nav, path_nav, use_nav};

/// The whole app.
#[component]
pub fn App(
    /// Where the feed is, how to route and what the app may change on the page.
    config: Config,
    /// Where the app is mounted: a shadow root when embedded; the document when absent.
    #[prop(optional)]
    root: Option<AppRoot>,
) -> impl IntoView {
    provide_context(config.clone());
    provide_context(ArchiveName(RwSignal::new(String::new())));
    if let Some(root) = root.or_else(app_root) {
        root.provide();
    }
    crate::i18n::UiLang::provide(&config);
    ArchiveContext::provide(config.feed_url.clone());
    ListMemory::provide();
    match config.routing {
        RoutingMode::Path => view! {
            <Router base=config.base_path.clone()>
                <PathRoutes base=config.base_path.clone() />
            </Router>
        }
        .into_any(),
        RoutingMode::Hash => {
            let root = app_root();
            hash_nav(config.slot.clone(), root.clone(), move || {
                if let Some(root) = &root {
                    scroll_app_into_view(root);
                }
            })
            .provide();
            view! { <Shell><Routed /></Shell> }.into_any()
        }
    }
}

/// Path routing: `leptos_router` keeps the address and follows links; every path goes to
/// [`Routed`], which matches it with core's route table.
#[component]
fn PathRoutes(base: String) -> impl IntoView {
    path_nav(base).provide();
    view! {
        <Shell>
            <Routes fallback=NotFoundPage>
                <Route path=path!("/*any") view=Routed />
            </Routes>
        </Shell>
    }
}

/// The page the address names, in both routing modes. The one route table is core's
/// [`Page::of_path`]; only the kind of page decides what is mounted here, and each page
/// follows its own slug or query itself.
#[component]
fn Routed() -> impl IntoView {
    let nav = use_nav();
    let kind = Memo::new(move |_| std::mem::discriminant(&nav.page()));
    move || {
        // Read, not only tracked: a memo nobody reads is never computed, so it would
        // never see the address change.
        let _ = kind.get();
        match nav.page_untracked() {
            Page::List | Page::Author(_) => view! { <ListPage /> }.into_any(),
            Page::Post(_) => view! { <PostPage /> }.into_any(),
            Page::NotFound => view! { <NotFoundPage /> }.into_any(),
        }
    }
}

/// The root element, the skip link and the landmark every page renders into.
#[component]
fn Shell(children: Children) -> impl IntoView {
    let config = use_context::<Config>().unwrap_or_default();
    let owns_document = config.owns_document;
    // A whole-page install is the page's main content. Embedded, the host page has its
    // own landmarks (usually a `<main>` around the mount point), so the archive adds none.
    let root = app_root();
    let skip_to_content = move |ev: leptos::ev::MouseEvent| {
        // The skip link moves focus itself, so no router ever sees a fragment navigation.
        ev.prevent_default();
        if let Some(root) = &root {
            root.focus_first(".folio-title");
        }
    };
    let content = if owns_document {
        view! {
            <a class="folio-skip-link" href="#folio-main" on:click=skip_to_content>
                {crate::i18n::t(Msg::SkipToContent)}
            </a>
            <main id="folio-main" class="folio-main" tabindex="-1">
                <crate::offline::OfflineNote />
                {children()}
            </main>
        }
        .into_any()
    } else {
        view! {
            <div id="folio-main" class="folio-main" tabindex="-1">{children()}</div>
        }
        .into_any()
    };
    let class = [
        "folio",
        if owns_document {
            "folio--page"
        } else {
            "folio--embedded"
        },
        config.theme.map_or("", crate::config::Theme::class),
    ]
    .join(" ")
    .trim_end()
    .to_owned();
    let ui = use_context::<crate::i18n::UiLang>().map(|ui| ui.0);
    let ui_lang = move || ui.map(|l| l.get().tag());
    let ui_dir = move || ui.map(|l| l.get().dir());
    view! {
        <FocusOnNavigate />
        <div class=class lang=ui_lang dir=ui_dir>
            {content}
        </div>
    }
}

/// The loaded archive's title, for [`landmark`]: set when the archive has loaded.
#[derive(Clone, Copy)]
pub struct ArchiveName(pub RwSignal<String>);

/// The accessible name of one of the archive's landmarks (its search, list, filters,
/// page links). With several archives on a page (an embedded archive with a `data-id`),
/// each name ends with the archive's title, so that no two landmarks on the page share
/// a role and a name and a screen reader's landmark list tells them apart.
pub fn landmark(label: &str) -> String {
    let config = use_context::<Config>().unwrap_or_default();
    let title = use_context::<ArchiveName>()
        .map(|name| name.0.get_untracked())
        .unwrap_or_default();
    if config.owns_document || config.slot.is_empty() || title.is_empty() {
        label.to_owned()
    } else {
        format!("{label} — {title}")
    }
}

/// Sets the document's title (and, when the app owns the page, its description), unless
/// the app is embedded without `data-set-title`: then the host page's stay as they are.
/// It renders nothing.
#[component]
pub fn PageHead(
    /// The page's title.
    #[prop(into)]
    title: Signal<String>,
    /// The page's description.
    #[prop(optional, into)]
    description: Option<String>,
) -> impl IntoView {
    let config = use_context::<Config>().unwrap_or_default();
    if config.sets_title {
        Effect::new(move |_| {
            let text = title.get();
            if let Some(document) = web_sys::window().and_then(|w| w.document()) {
                document.set_title(if text.is_empty() { "Folio" } else { &text });
            }
        });
    }
    if config.owns_document {
        set_description(description.as_deref());
    }
}

/// Names the archive's feed in the document's head, as
/// `<link rel="alternate" type="application/feed+json">`, so feed readers and browser
/// extensions find it from any page: once, and only when the archive owns the document.
pub fn link_feed(url: &str, title: &str) {
    if !use_context::<Config>().unwrap_or_default().owns_document {
        return;
    }
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let selector = "head link[rel=\"alternate\"][type=\"application/feed+json\"]";
    if document.query_selector(selector).ok().flatten().is_some() {
        return;
    }
    let (Ok(link), Some(head)) = (document.create_element("link"), document.head()) else {
        return;
    };
    let _ = link.set_attribute("rel", "alternate");
    let _ = link.set_attribute("type", "application/feed+json");
    let _ = link.set_attribute("title", title);
    let _ = link.set_attribute("href", url);
    let _ = head.append_child(&link);
}

/// Writes the page's `<meta name="description">` (the one a static page or
/// `index.html` has, else a new one), or removes it when the page has none.
fn set_description(content: Option<&str>) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let existing = document
        .query_selector("head meta[name=\"description\"]")
        .ok()
        .flatten();
    match (existing, content) {
        (Some(meta), Some(content)) => {
            let _ = meta.set_attribute("content", content);
        }
        (Some(meta), None) => meta.remove(),
        (None, Some(content)) => {
            let Ok(meta) = document.create_element("meta") else {
                return;
            };
            let _ = meta.set_attribute("name", "description");
            let _ = meta.set_attribute("content", content);
            if let Some(head) = document.head() {
                let _ = head.append_child(&meta);
            }
        }
        (None, None) => {}
    }
}

/// Embedded with hash routing, a link that changes the page scrolls the archive's top
/// into view when it is above the viewport, as a whole-page install scrolls to the top.
fn scroll_app_into_view(root: &AppRoot) {
    let Some(host) = root.host() else {
        return;
    };
    if host.get_bounding_client_rect().top() < 0.0 {
        host.scroll_into_view_with_bool(true);
    }
}

/// After each client-side route change, moves focus to the new page's title so screen
/// readers announce it and keyboard users start from the top of the new content. The
/// first page is left alone: loading must not steal focus from a host page.
#[component]
fn FocusOnNavigate() -> impl IntoView {
    let nav = use_nav();
    let pending = PendingFocus::provide();
    let root = app_root();
    Effect::new(move |previous: Option<String>| {
        let current = nav.path.get();
        if let (true, Some(root)) = (previous.is_some_and(|p| p != current), root.clone()) {
            // Wait a frame so the new page's heading is in the DOM. A page still loading
            // its part of a sharded index has none yet: it takes focus when it shows.
            request_animation_frame(move || {
                let heading = root.query(".folio-title");
                pending.0.try_set_value(heading.is_none());
                root.focus_first(".folio-title");
            });
        }
        current
    });
}

/// Set when a route change found no heading to focus because the new page was still
/// loading; the page then focuses its heading when it appears.
#[derive(Clone, Copy)]
pub struct PendingFocus(StoredValue<bool>);

impl PendingFocus {
    fn provide() -> Self {
        let pending = Self(StoredValue::new(false));
        provide_context(pending);
        pending
    }

    /// Focuses `selector` after the next frame if a route change is waiting for it.
    pub fn settle(selector: &'static str) {
        if let (Some(pending), Some(root)) = (use_context::<Self>(), app_root()) {
            if pending.0.try_get_value().unwrap_or(false) {
                pending.0.set_value(false);
                request_animation_frame(move || root.focus_first(selector));
            }
        }
    }
}

/// Focuses `element`, when there is one and it is an HTML element, without scrolling.
pub fn focus(element: Option<web_sys::Element>) {
    let element = element.and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = element.focus_with_options(&options);
    }
}

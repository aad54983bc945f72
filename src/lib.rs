//! Folio: a Leptos single-page app that turns a JSON Feed into a readable archive.
//!
//! The pure logic (feed parsing, slugs, dates, excerpts) lives in `folio-core`; this
//! crate holds the browser side: loading, routing, views and HTML sanitizing.

pub mod app;
pub mod components;
pub mod config;
pub mod data;
pub mod format;
pub mod highlight;
pub mod i18n;
pub mod list_memory;
pub mod offline;
pub mod pages;
pub mod routing;
pub mod sanitize;

pub use app::App;
pub use config::Config;

/// Mounts the app: into the page's mount point (`[data-folio]` or `<folio-archive>`)
/// when it has one, else as the whole page when the page says it is Folio's own (with
/// `<meta name="folio-feed">`, as `index.html` does). A host page whose mount point is
/// missing gets a console error, not an archive taking over its `<body>`.
pub fn mount() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(point) = config::find_mount_point(&document) {
        mount_embedded(&document, &point);
    } else if let Some(config) = Config::whole_page(&document) {
        offline::register_service_worker(&document, &config.base_path);
        match document
            .query_selector("[data-folio-static]")
            .ok()
            .flatten()
        {
            Some(page) => mount_over_static(&document, page, config),
            None => {
                leptos::mount::mount_to_body(
                    move || leptos::view! { <App config=config.clone() /> },
                );
            }
        }
    } else {
        web_sys::console::error_1(
            &"Folio: no mount point found. Add <div data-folio data-index=\"…\"></div> to the page's HTML (it must be there when the page loads), or <meta name=\"folio-feed\"> for a whole-page install."
                .into(),
        );
    }
}

/// Takes over a static page that `folio build --pages` wrote: the app renders hidden
/// beside it, and replaces it in one step once it has drawn its own page (a heading is
/// there), so the reader sees no blank or skeleton in between. The scroll position, and
/// focus on a link, carry over.
fn mount_over_static(document: &web_sys::Document, page: web_sys::Element, config: Config) {
    use wasm_bindgen::JsCast;
    let (Some(body), Some(container)) = (
        document.body(),
        document
            .create_element("div")
            .ok()
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()),
    ) else {
        return;
    };
    container.set_hidden(true);
    let _ = body.append_child(&container);
    leptos::mount::mount_to(
        container.clone(),
        move || leptos::view! { <App config=config.clone() /> },
    )
    .forget();
    // The kind of page the static one is: the app must draw the same before it swaps.
    let kind = if page.query_selector(".folio-post").ok().flatten().is_some() {
        ".folio-post"
    } else {
        ".folio-list"
    };
    swap_when_drawn(page, container, kind, js_sys::Date::now(), 0);
}

/// How long the static page waits for the app's version of it, in milliseconds. Past
/// that (a failed or very slow load), the static page stays: it is readable as it is.
const TAKEOVER_LIMIT_MS: f64 = 20_000.0;

/// Checks each frame whether the app has drawn its version of the page, then swaps it in
/// for the static one. Drawn means the same kind of page (`kind`), with no loading
/// skeleton and no error, for two frames running: parts of a page can arrive a frame
/// after its heading. An error or not-found page never replaces a static page.
fn swap_when_drawn(
    page: web_sys::Element,
    app: web_sys::HtmlElement,
    kind: &'static str,
    started: f64,
    steady: u32,
) {
    use wasm_bindgen::JsCast;
    let has = |selector: &str| app.query_selector(selector).ok().flatten().is_some();
    let drawn = has(kind) && has("h1") && !has(".folio-skeleton") && !has(".folio-error");
    let steady = if drawn { steady + 1 } else { 0 };
    if steady < 2 {
        if js_sys::Date::now() - started < TAKEOVER_LIMIT_MS {
            leptos::prelude::request_animation_frame(move || {
                swap_when_drawn(page, app, kind, started, steady);
            });
        }
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let scroll = window.scroll_y().unwrap_or(0.0);
    // The link the reader had focused, by where it goes (the static page writes
    // `posts/x/`, the app `/posts/x`).
    let focused = window
        .document()
        .and_then(|d| d.active_element())
        .filter(|el| page.contains(Some(el)))
        .and_then(|el| el.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .map(|a| a.href().trim_end_matches('/').to_owned());
    page.remove();
    app.set_hidden(false);
    window.scroll_to_with_x_and_y(0.0, scroll);
    if let Some(target) = focused {
        let links = app.query_selector_all("a[href]").ok();
        let same = links.and_then(|links| {
            (0..links.length())
                .filter_map(|i| links.item(i))
                .filter_map(|n| n.dyn_into::<web_sys::HtmlAnchorElement>().ok())
                .find(|a| a.href().trim_end_matches('/') == target)
        });
        app::focus(same.map(Into::into));
    }
}

/// Mounts the app inside a shadow root on `point`, so the host page's CSS cannot reach
/// it and Folio's cannot leak out. The host's own children of `point` stay in the light
/// DOM, unrendered: they are the fallback shown until Folio starts or without script.
fn mount_embedded(document: &web_sys::Document, point: &web_sys::Element) {
    use wasm_bindgen::JsCast;
    let config = Config::from_mount_point(point);
    let init = web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open);
    let Ok(shadow) = point.attach_shadow(&init) else {
        web_sys::console::error_1(
            &"Folio: the mount point cannot take a shadow root (use a <div>, <section> or <folio-archive>); not mounted."
                .into(),
        );
        return;
    };
    let Some(container) = document
        .create_element("div")
        .ok()
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    if let Some(link) = stylesheet_link(document, point) {
        // The copy loads after the archive could first render; until it has (or has
        // failed), the archive stays hidden rather than flashing unstyled.
        container.set_hidden(true);
        reveal_when_settled(&link, &container);
        let _ = shadow.append_child(&link);
    } else {
        web_sys::console::warn_1(
            &"Folio: no stylesheet found; add data-folio-style to Folio's <link rel=\"stylesheet\"> or data-stylesheet to the mount point."
                .into(),
        );
    }
    let _ = shadow.append_child(&container);
    config::set_app_root(config::AppRoot::Shadow(shadow));
    leptos::mount::mount_to(
        container,
        move || leptos::view! { <App config=config.clone() /> },
    )
    .forget();
}

/// Unhides `container` once `link` has loaded or failed, or after a few seconds at most.
fn reveal_when_settled(link: &web_sys::Element, container: &web_sys::HtmlElement) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let reveal = {
        let container = container.clone();
        Closure::<dyn Fn()>::new(move || container.set_hidden(false))
    };
    let callback: &js_sys::Function = reveal.as_ref().unchecked_ref();
    let _ = link.add_event_listener_with_callback("load", callback);
    let _ = link.add_event_listener_with_callback("error", callback);
    if let Some(window) = web_sys::window() {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(callback, 3000);
    }
    // Lives as long as the page, as the archive does.
    reveal.forget();
}

/// A `<link rel="stylesheet">` for the shadow root: the mount point's `data-stylesheet`,
/// else a copy of the page's `<link data-folio-style>` (with its integrity, so the copy
/// is checked as the original was; the browser reuses the response it already has).
fn stylesheet_link(
    document: &web_sys::Document,
    point: &web_sys::Element,
) -> Option<web_sys::Element> {
    let link = document.create_element("link").ok()?;
    let _ = link.set_attribute("rel", "stylesheet");
    if let Some(href) = point.get_attribute("data-stylesheet") {
        let _ = link.set_attribute("href", &href);
        return Some(link);
    }
    let original = document
        .query_selector("link[data-folio-style]")
        .ok()
        .flatten()?;
    for name in ["href", "integrity", "crossorigin", "referrerpolicy"] {
        if let Some(value) = original.get_attribute(name) {
            let _ = link.set_attribute(name, &value);
        }
    }
    Some(link)
}

/// Bytes of WebAssembly linear memory, read by `make bench`
/// (`window.folioBindings.folio_wasm_memory_bytes()`).
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn folio_wasm_memory_bytes() -> f64 {
    use wasm_bindgen::JsCast;
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .ok()
        .and_then(|memory| memory.buffer().dyn_into::<js_sys::ArrayBuffer>().ok())
        .map_or(0.0, |buffer| f64::from(buffer.byte_length()))
}

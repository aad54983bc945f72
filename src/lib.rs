//! Folio: a Leptos single-page app that turns a JSON Feed into a readable archive.
//!
//! The pure logic (feed parsing, slugs, dates, excerpts) lives in `folio-core`; this
//! crate holds the browser side: loading, routing, views and HTML sanitizing.

pub mod app;
pub mod components;
pub mod config;
pub mod data;
pub mod embed;
pub mod format;
pub mod highlight;
pub mod i18n;
pub mod list_memory;
pub mod offline;
pub mod pages;
pub mod routing;
pub mod sanitize;

/// `target[name]` when it is a function: a method looked up by name, for browser APIs
/// that some browsers lack or that `web_sys` cannot call the way Folio needs.
pub(crate) fn js_method(target: &wasm_bindgen::JsValue, name: &str) -> Option<js_sys::Function> {
    wasm_bindgen::JsCast::dyn_into(js_sys::Reflect::get(target, &name.into()).ok()?).ok()
}

pub use app::App;
pub use config::Config;

/// Starts Folio on the page. A page that says it is Folio's own (with
/// `<meta name="folio-feed">`, as `index.html` does) and has no mount point becomes the
/// archive. Any other page is a host: every mount point in it (`[data-folio]` or
/// `<folio-archive>`) gets an archive, and `window.folio` mounts more (see [`embed`]).
pub fn mount() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let whole_page = config::find_mount_points(&document)
        .is_empty()
        .then(|| Config::whole_page(&document))
        .flatten();
    let Some(config) = whole_page else {
        embed::start(&document);
        return;
    };
    offline::register_service_worker(&document, &config.base_path, &config.feed_url);
    match document
        .query_selector("[data-folio-static]")
        .ok()
        .flatten()
    {
        Some(page) => mount_over_static(&document, page, config),
        None => {
            leptos::mount::mount_to_body(move || leptos::view! { <App config=config.clone() /> });
        }
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

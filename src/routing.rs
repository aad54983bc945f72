//! One navigation interface over two routing modes.
//!
//! Pages never read the browser's URL themselves. They ask [`Nav`] for the in-app
//! address (`/posts/x?q=weir`), build hrefs with [`Nav::href`] and move with
//! [`Nav::navigate`]. Path routing backs it with `leptos_router`; hash routing, which
//! Leptos lacks, is the small [`hash_nav`] below: the address lives after `#`, the app's
//! links carry it so they can be opened in a new tab or copied, a click on one is one
//! `pushState`, and `popstate`/`hashchange` bring Back, Forward and reloads.

use folio_core::route::{
    address_from_hash, address_from_path, parse_query, split_address, Page, RoutingMode,
};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// The app's address and the ways to change it. `Copy`, so views and callbacks can hold
/// it freely; everything it needs is captured when it is made, so it also works in timer
/// callbacks, which run outside the component tree.
#[derive(Clone, Copy)]
pub struct Nav {
    mode: RoutingMode,
    base: StoredValue<String>,
    /// The in-app address: path and query.
    address: Signal<String>,
    /// The in-app path, without the query.
    pub path: Memo<String>,
    /// The query's pairs, decoded.
    pub query: Memo<Vec<(String, String)>>,
    go: Callback<String>,
}

impl Nav {
    fn new(mode: RoutingMode, base: String, address: Signal<String>, go: Callback<String>) -> Self {
        Self {
            mode,
            base: StoredValue::new(base),
            address,
            path: Memo::new(move |_| split_address(&address.read()).0.to_owned()),
            query: Memo::new(move |_| parse_query(split_address(&address.read()).1)),
            go,
        }
    }

    /// Makes this the navigation of the components below.
    pub fn provide(self) {
        provide_context(self);
    }

    /// The href of an in-app address (`/`, `/posts/x`, `/?tag=a`), for an `<a>`.
    pub fn href(&self, address: &str) -> String {
        match self.mode {
            RoutingMode::Path => self.base.with_value(|base| format!("{base}{address}")),
            RoutingMode::Hash => page_url(address).unwrap_or_else(|| format!("#{address}")),
        }
    }

    /// The current in-app address, untracked.
    pub fn address_untracked(&self) -> String {
        self.address.get_untracked()
    }

    /// Goes to an in-app address, adding a history entry and leaving scroll alone.
    pub fn navigate(&self, address: String) {
        self.go.run(address);
    }

    /// Which page the current address names.
    pub fn page(&self) -> Page {
        Page::of_path(&self.path.read())
    }

    /// Which page the current address names, untracked.
    pub fn page_untracked(&self) -> Page {
        Page::of_path(&self.path.read_untracked())
    }
}

/// The navigation provided by the app, or, outside it (component tests), a fixed one at
/// `/` with path routing at the site root, whose `navigate` does nothing.
pub fn use_nav() -> Nav {
    use_context::<Nav>().unwrap_or_else(|| {
        Nav::new(
            RoutingMode::Path,
            String::new(),
            Signal::stored("/".to_owned()),
            Callback::new(|_| {}),
        )
    })
}

/// Path routing: the address is the path under `base`, read from and written through
/// `leptos_router`. Call inside its `<Router>`.
pub fn path_nav(base: String) -> Nav {
    let location = leptos_router::hooks::use_location();
    let (pathname, search) = (location.pathname, location.search);
    let address = {
        let base = base.clone();
        Signal::derive(move || {
            let path = pathname.read();
            let path = address_from_path(&base, &path).unwrap_or("/");
            let search = search.read();
            if search.is_empty() {
                path.to_owned()
            } else {
                format!("{path}?{search}")
            }
        })
    };
    let navigate = leptos_router::hooks::use_navigate();
    let go = {
        let base = base.clone();
        Callback::new(move |address: String| {
            navigate(
                &format!("{base}{address}"),
                leptos_router::NavigateOptions {
                    resolve: false,
                    scroll: false,
                    ..leptos_router::NavigateOptions::default()
                },
            );
        })
    };
    Nav::new(RoutingMode::Path, base, address, go)
}

/// Hash routing: the address is the fragment after `#`. Anything else on the host page
/// (its path, its query, its own `#section` or `#` anchors) is left alone.
///
/// Every history entry remembers the archive's address, so Back and Forward land where
/// they would under path routing:
/// - entries the archive makes carry it in the hash (`#/…`) and in `history.state`;
/// - an entry made by a host anchor (`#contact`, `#`) starts with no state, and gets the
///   archive's address then, when it is first seen;
/// - the page as the reader arrived (no `#` at all) is the list.
///
/// The app's own links are followed here (one `pushState` each, none for a link to the
/// address already in the URL), and `on_link` runs after each, so the caller can bring the
/// archive into view as path routing's scroll-to-top would.
pub fn hash_nav(on_link: impl Fn() + 'static) -> Nav {
    let current = RwSignal::new(location_address().unwrap_or_else(|| "/".to_owned()));
    remember_on_entry(&current.get_untracked());
    let go = Callback::new(move |address: String| {
        if location_address().as_deref() != Some(address.as_str()) {
            if let (Some(history), Some(url)) = (
                web_sys::window().and_then(|w| w.history().ok()),
                page_url(&address),
            ) {
                // pushState fires no event, so the signal is set here. Should the browser
                // refuse the entry, the archive still follows the reader's click.
                let state = entry_state(&address, &JsValue::NULL);
                let _ = history.push_state_with_url(&state, "", Some(&url));
            }
        }
        current.set(address);
    });
    let sync = move || match location_address() {
        Some(address) if address != current.get_untracked() => current.set(address),
        Some(_) => {}
        // A host anchor's entry: it keeps showing what the archive shows now.
        None => remember_on_entry(&current.get_untracked()),
    };
    let on_link = StoredValue::new_local(on_link);
    let click = window_event_listener(leptos::ev::click, move |ev| {
        if let Some(address) = own_link_address(&ev) {
            ev.prevent_default();
            go.run(address);
            on_link.with_value(|f| f());
        }
    });
    // Traversals fire both events; `sync` ignores the second.
    let hashchange = window_event_listener(leptos::ev::hashchange, move |_| sync());
    let popstate = window_event_listener(leptos::ev::popstate, move |_| sync());
    on_cleanup(move || {
        click.remove();
        hashchange.remove();
        popstate.remove();
    });
    Nav::new(RoutingMode::Hash, String::new(), current.into(), go)
}

/// The key under which an entry's address is kept in `history.state`.
const STATE_KEY: &str = "folioAddress";

/// The app's address for the current history entry: from a `#/…` hash, else from the
/// entry's state, else `/` for the page as first opened (no `#` at all), else none: the
/// entry is a host anchor's that the archive has not seen yet.
fn location_address() -> Option<String> {
    let window = web_sys::window()?;
    let location = window.location();
    let hash = location.hash().ok()?;
    if let Some(address) = address_from_hash(&hash) {
        return Some(address.to_owned());
    }
    let state = window.history().ok()?.state().ok()?;
    let saved = state
        .is_object()
        .then(|| js_sys::Reflect::get(&state, &JsValue::from_str(STATE_KEY)).ok())
        .flatten()
        .and_then(|v| v.as_string())
        .filter(|a| a.starts_with('/'));
    if saved.is_some() {
        return saved;
    }
    // `location.hash` is "" for both `page` and `page#`; only the full URL tells them apart.
    (!location.href().ok()?.contains('#')).then(|| "/".to_owned())
}

/// True for `null`, `undefined` and plain objects: host states the archive may add its
/// key to. Arrays, dates, maps, strings and the rest are left exactly as they are.
fn is_plain_state(state: &JsValue) -> bool {
    if state.is_null() || state.is_undefined() {
        return true;
    }
    if !state.is_object() || js_sys::Array::is_array(state) {
        return false;
    }
    let object: &js_sys::Object = wasm_bindgen::JsCast::unchecked_ref(state);
    js_sys::Object::get_prototype_of(object)
        == js_sys::Object::get_prototype_of(&js_sys::Object::new())
}

/// A copy of a plain `state` (or a new object) with the app's address added.
fn entry_state(address: &str, state: &JsValue) -> JsValue {
    let copy = if state.is_object() {
        let object: &js_sys::Object = wasm_bindgen::JsCast::unchecked_ref(state);
        js_sys::Object::from_entries(&js_sys::Object::entries(object)).unwrap_or_default()
    } else {
        js_sys::Object::new()
    };
    let _ = js_sys::Reflect::set(
        &copy,
        &JsValue::from_str(STATE_KEY),
        &JsValue::from_str(address),
    );
    copy.into()
}

/// Records `address` in the current entry when its URL does not already say it, keeping
/// a host's plain-object state and leaving any other kind alone.
fn remember_on_entry(address: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let hash = window.location().hash().unwrap_or_default();
    if address_from_hash(&hash).is_some() {
        return;
    }
    let Ok(history) = window.history() else {
        return;
    };
    let state = history.state().unwrap_or(JsValue::NULL);
    if is_plain_state(&state) {
        let _ = history.replace_state(&entry_state(address, &state), "");
    }
}

/// The current page's URL without its fragment, plus `#address`. Absolute, so that a
/// host page's `<base href>` elsewhere cannot send the link to another page.
fn page_url(address: &str) -> Option<String> {
    let href = web_sys::window()?.location().href().ok()?;
    let page = href.split('#').next().unwrap_or_default();
    Some(format!("{page}#{address}"))
}

/// The address a click will follow when it is a plain click on one of the app's own
/// links: inside the app, not in a post's body (the feed's links are the feed's), to
/// this page (`…#/…`), without a target or modifier keys. The address is taken as the
/// browser encodes it, as it will read back from `location.hash`.
fn own_link_address(ev: &web_sys::MouseEvent) -> Option<String> {
    use wasm_bindgen::JsCast;
    if ev.default_prevented()
        || ev.button() != 0
        || ev.meta_key()
        || ev.ctrl_key()
        || ev.shift_key()
        || ev.alt_key()
    {
        return None;
    }
    let app = crate::config::app_root()?
        .query(".folio")
        .map(JsValue::from)?;
    // Events from a shadow root reach the window retargeted to its host, so the
    // original path is read: the innermost anchor, then the app's root above it.
    let mut anchor = None;
    let mut inside_app = false;
    for node in ev.composed_path().iter() {
        if anchor.is_none() {
            anchor = node.dyn_ref::<web_sys::HtmlAnchorElement>().cloned();
        }
        if node == app {
            inside_app = true;
            break;
        }
        if node
            .dyn_ref::<web_sys::Element>()
            .is_some_and(|el| el.class_list().contains("folio-post__body"))
        {
            return None;
        }
    }
    let anchor = anchor.filter(|_| inside_app)?;
    if !anchor.target().is_empty() || anchor.has_attribute("download") {
        return None;
    }
    // Written by `page_url`: this page, then `#/…` (the query may have changed since).
    let location = web_sys::window()?.location();
    let same_page = anchor.origin() == location.origin().ok()?
        && anchor.pathname() == location.pathname().ok()?;
    let hash = anchor.hash();
    let address = address_from_hash(&hash)?;
    same_page.then(|| address.to_owned())
}

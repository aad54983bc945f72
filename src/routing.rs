//! One navigation interface over two routing modes.
//!
//! Pages never read the browser's URL themselves. They ask [`Nav`] for the in-app
//! address (`/posts/x?q=weir`), build hrefs with [`Nav::href`] and move with
//! [`Nav::navigate`]. Path routing backs it with `leptos_router`; hash routing, which
//! Leptos lacks, is the small [`hash_nav`] below: the address lives after `#`, the app's
//! links carry it so they can be opened in a new tab or copied, a click on one is one
//! `pushState`, and `popstate`/`hashchange` bring Back, Forward and reloads.

use folio_core::embed::{is_archive_hash, slot_address, with_slot, without_slot};
use folio_core::route::{address_from_path, parse_query, split_address, Page, RoutingMode};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::config::AppRoot;

/// The app's address and the ways to change it. `Copy`, so views and callbacks can hold
/// it freely; everything it needs is captured when it is made, so it also works in timer
/// callbacks, which run outside the component tree.
#[derive(Clone, Copy)]
pub struct Nav {
    mode: RoutingMode,
    /// Path routing's base path; hash routing's slot.
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
            RoutingMode::Hash => self.base.with_value(|slot| {
                page_url(slot, address)
                    .unwrap_or_else(|| format!("#{}", with_slot("", slot, address)))
            }),
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

/// Hash routing: the address is the archive's slot in the fragment after `#` (all of it,
/// `#/…`, for the archive with no `data-id`; `news=/…` for `data-id="news"`, beside the
/// other archives' slots: see [`folio_core::embed`]). Anything else on the host page (its
/// path, its query, its own `#section` or `#` anchors) is left alone.
///
/// Every history entry remembers each archive's address, so Back and Forward land where
/// they would under path routing:
/// - entries an archive makes carry its address in the hash and in `history.state`, with
///   the other archives' addresses copied along;
/// - an entry made by a host anchor (`#contact`, `#`) starts with no state, and gets the
///   archives' addresses then, when each first sees it;
/// - the page as the reader arrived (no `#` at all) is each archive's list.
///
/// The app's own links are followed here (one `pushState` each, none for a link to the
/// address already in the URL), and `on_link` runs after each, so the caller can bring the
/// archive into view as path routing's scroll-to-top would. Unmounting the archive takes
/// its slot and its state out of the current entry.
pub fn hash_nav(slot: String, root: Option<AppRoot>, on_link: impl Fn() + 'static) -> Nav {
    let current = RwSignal::new(location_address(&slot).unwrap_or_else(|| "/".to_owned()));
    remember_on_entry(&slot, &current.get_untracked());
    let go = {
        let slot = slot.clone();
        Callback::new(move |address: String| {
            if location_address(&slot).as_deref() != Some(address.as_str()) {
                push_entry(&slot, &address);
            }
            current.set(address);
        })
    };
    let sync = {
        let slot = slot.clone();
        move || match location_address(&slot) {
            Some(address) if address != current.get_untracked() => current.set(address),
            Some(_) => {}
            // A host anchor's entry: it keeps showing what the archive shows now.
            None => remember_on_entry(&slot, &current.get_untracked()),
        }
    };
    let on_link = StoredValue::new_local(on_link);
    let click = {
        let slot = slot.clone();
        window_event_listener(leptos::ev::click, move |ev| {
            if let Some(address) = root
                .as_ref()
                .and_then(|root| own_link_address(&ev, root, &slot))
            {
                ev.prevent_default();
                go.run(address);
                on_link.with_value(|f| f());
            }
        })
    };
    // Traversals fire both events; `sync` ignores the second.
    let hashchange = window_event_listener(leptos::ev::hashchange, {
        let sync = sync.clone();
        move |_| sync()
    });
    let popstate = window_event_listener(leptos::ev::popstate, move |_| sync());
    {
        let slot = slot.clone();
        on_cleanup(move || {
            click.remove();
            hashchange.remove();
            popstate.remove();
            if !crate::embed::keeping_address() {
                forget_slot(&slot);
            }
        });
    }
    Nav::new(RoutingMode::Hash, slot, current.into(), go)
}

/// The key under which an entry keeps an archive's address in `history.state`:
/// `folioAddress` for the unnamed archive, `folioAddress:news` for `data-id="news"`.
fn state_key(slot: &str) -> String {
    if slot.is_empty() {
        STATE_KEY.to_owned()
    } else {
        format!("{STATE_KEY}:{slot}")
    }
}

const STATE_KEY: &str = "folioAddress";

/// Adds a history entry with the archive in `slot` at `address`: the hash gets the slot,
/// the others' slots kept; the state gets its address beside the others' (and nothing of
/// the host's, whose state belongs to its own entries). Should the browser refuse the
/// entry, the archive still follows the reader's click.
fn push_entry(slot: &str, address: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(history) = window.history() else {
        return;
    };
    let hash = window.location().hash().unwrap_or_default();
    let Some(page) = page_without_hash() else {
        return;
    };
    let url = format!("{page}#{}", with_slot(&hash, slot, address));
    let previous = history.state().unwrap_or(JsValue::NULL);
    let state = js_sys::Object::new();
    if is_plain_state(&previous) && previous.is_object() {
        let object: &js_sys::Object = wasm_bindgen::JsCast::unchecked_ref(&previous);
        for key in js_sys::Object::keys(object).iter() {
            let ours = key.as_string().is_some_and(|k| k.starts_with(STATE_KEY));
            if ours {
                if let Ok(value) = js_sys::Reflect::get(&previous, &key) {
                    let _ = js_sys::Reflect::set(&state, &key, &value);
                }
            }
        }
    }
    let _ = js_sys::Reflect::set(
        &state,
        &JsValue::from_str(&state_key(slot)),
        &JsValue::from_str(address),
    );
    // pushState fires no event, so the caller sets the archive's signal itself.
    let _ = history.push_state_with_url(&state, "", Some(&url));
}

/// The archive's address for the current history entry: from its slot in the hash, else
/// from the entry's state, else `/` when the hash is other archives' (this one was left
/// at its list) or when there is no `#` at all (the page as first opened), else none: the
/// entry is a host anchor's that the archive has not seen yet.
fn location_address(slot: &str) -> Option<String> {
    let window = web_sys::window()?;
    let location = window.location();
    let hash = location.hash().ok()?;
    if let Some(address) = slot_address(&hash, slot) {
        return Some(address.to_owned());
    }
    let state = window.history().ok()?.state().ok()?;
    let saved = state
        .is_object()
        .then(|| js_sys::Reflect::get(&state, &JsValue::from_str(&state_key(slot))).ok())
        .flatten()
        .and_then(|v| v.as_string())
        .filter(|a| a.starts_with('/'));
    if saved.is_some() {
        return saved;
    }
    // `location.hash` is "" for both `page` and `page#`; only the full URL tells them apart.
    (is_archive_hash(&hash) || !location.href().ok()?.contains('#')).then(|| "/".to_owned())
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

/// A copy of a plain `state` (or a new object) with `key` set to `value`, or removed
/// when `value` is `None`.
fn state_with(state: &JsValue, key: &str, value: Option<&str>) -> JsValue {
    let copy = if state.is_object() {
        let object: &js_sys::Object = wasm_bindgen::JsCast::unchecked_ref(state);
        js_sys::Object::from_entries(&js_sys::Object::entries(object)).unwrap_or_default()
    } else {
        js_sys::Object::new()
    };
    let key = JsValue::from_str(key);
    match value {
        Some(value) => {
            let _ = js_sys::Reflect::set(&copy, &key, &JsValue::from_str(value));
        }
        None => {
            let _ = js_sys::Reflect::delete_property(&copy, &key);
        }
    }
    copy.into()
}

/// Records `address` in the current entry when its URL does not already say it, keeping
/// a host's plain-object state and leaving any other kind alone.
fn remember_on_entry(slot: &str, address: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let hash = window.location().hash().unwrap_or_default();
    if slot_address(&hash, slot).is_some() {
        return;
    }
    let Ok(history) = window.history() else {
        return;
    };
    let state = history.state().unwrap_or(JsValue::NULL);
    if is_plain_state(&state) {
        let _ = history.replace_state(&state_with(&state, &state_key(slot), Some(address)), "");
    }
}

/// Takes an unmounted archive's slot out of the current entry's hash and its address out
/// of the entry's state, so the address bar no longer names an archive that is gone.
fn forget_slot(slot: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let (Ok(history), Some(page)) = (window.history(), page_without_hash()) else {
        return;
    };
    let hash = window.location().hash().unwrap_or_default();
    let state = history.state().unwrap_or(JsValue::NULL);
    let state = if is_plain_state(&state) {
        state_with(&state, &state_key(slot), None)
    } else {
        state
    };
    match without_slot(&hash, slot) {
        Some(rest) if rest.is_empty() => {
            let _ = history.replace_state_with_url(&state, "", Some(&page));
        }
        Some(rest) => {
            let _ = history.replace_state_with_url(&state, "", Some(&format!("{page}#{rest}")));
        }
        None => {
            let _ = history.replace_state(&state, "");
        }
    }
}

/// The current page's URL without its fragment.
fn page_without_hash() -> Option<String> {
    let href = web_sys::window()?.location().href().ok()?;
    Some(href.split('#').next().unwrap_or_default().to_owned())
}

/// The link to `address` in `slot` on this page: absolute, so that a host page's
/// `<base href>` elsewhere cannot send it to another page. It names this archive's slot
/// alone; a click merges it with the others' (see [`push_entry`]), and opened in a new
/// tab it shows this archive there with the others at their lists.
fn page_url(slot: &str, address: &str) -> Option<String> {
    Some(format!(
        "{}#{}",
        page_without_hash()?,
        with_slot("", slot, address)
    ))
}

/// The address a click will follow when it is a plain click on one of the app's own
/// links: inside the app, not in a post's body (the feed's links are the feed's), to
/// this page (`…#/…`), without a target or modifier keys. The address is taken as the
/// browser encodes it, as it will read back from `location.hash`.
fn own_link_address(ev: &web_sys::MouseEvent, root: &AppRoot, slot: &str) -> Option<String> {
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
    let app = root.query(".folio").map(JsValue::from)?;
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
    // Written by `page_url`: this page, then the slot (the query may have changed since).
    let location = web_sys::window()?.location();
    let same_page = anchor.origin() == location.origin().ok()?
        && anchor.pathname() == location.pathname().ok()?;
    let hash = anchor.hash();
    let address = slot_address(&hash, slot)?;
    same_page.then(|| address.to_owned())
}

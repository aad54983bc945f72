//! One navigation interface over two routing modes.
//!
//! Pages never read the browser's URL themselves. They ask [`Nav`] for the in-app
//! address (`/posts/x?q=weir`), build hrefs with [`Nav::href`] and move with
//! [`Nav::navigate`]. Path routing backs it with `leptos_router`; hash routing, which
//! Leptos lacks, is the small [`hash_nav`] below: the address lives after `#`, links are
//! ordinary fragment links the browser follows itself, and `hashchange`/`popstate` bring
//! Back, Forward and reloads.

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
            RoutingMode::Hash => format!("{}#{address}", page_without_hash()),
        }
    }

    /// The current in-app address, untracked.
    pub fn address_untracked(&self) -> String {
        self.address.get_untracked()
    }

    /// The current in-app address, tracked.
    pub fn address(&self) -> String {
        self.address.get()
    }

    /// Goes to an in-app address, adding a history entry and leaving scroll alone.
    pub fn navigate(&self, address: String) {
        self.go.run(address);
    }

    /// Which page the current address names.
    pub fn page(&self) -> Page {
        Page::of_path(&self.path.read())
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
/// (its path, its query, its own `#section` anchors) is left alone.
///
/// `on_link` runs when a link click (rather than Back or Forward) changed the address,
/// so the caller can bring the archive into view as path routing's scroll-to-top would.
pub fn hash_nav(on_link: impl Fn() + 'static) -> Nav {
    let current = RwSignal::new(hash_address().unwrap_or_else(|| "/".to_owned()));
    let sync = move || {
        if let Some(address) = hash_address() {
            if address != current.get_untracked() {
                current.set(address);
                return true;
            }
        }
        false
    };
    // A click on one of the app's own links sets this just before the browser follows
    // the fragment, so the change can be told apart from Back and Forward.
    let clicked = StoredValue::new_local(false);
    let click = window_event_listener(leptos::ev::click, move |ev| {
        if !ev.default_prevented() && ev.button() == 0 && is_app_link(&ev) {
            clicked.set_value(true);
        }
    });
    let on_link = StoredValue::new_local(on_link);
    let changed = move || {
        let by_link = clicked.get_value();
        clicked.set_value(false);
        if sync() && by_link {
            on_link.with_value(|f| f());
        }
    };
    let hashchange = window_event_listener(leptos::ev::hashchange, move |_| changed());
    let popstate = window_event_listener(leptos::ev::popstate, move |_| changed());
    on_cleanup(move || {
        click.remove();
        hashchange.remove();
        popstate.remove();
    });
    let go = Callback::new(move |address: String| {
        let url = format!("{}#{address}", page_without_hash());
        if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
            // pushState fires no event, so the signal is set here.
            let _ = history.push_state_with_url(&JsValue::NULL, "", Some(&url));
        }
        current.set(address);
    });
    Nav::new(RoutingMode::Hash, String::new(), current.into(), go)
}

/// The app's address in the current location's hash, when the hash is Folio's.
fn hash_address() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    address_from_hash(&hash).map(str::to_owned)
}

/// The current page's path and query. Fragment links are written against it rather than
/// as a bare `#…`, which a host page's `<base href>` would send to another page.
fn page_without_hash() -> String {
    web_sys::window()
        .map(|w| w.location())
        .and_then(|l| Some(format!("{}{}", l.pathname().ok()?, l.search().ok()?)))
        .unwrap_or_default()
}

/// True when a click landed on a link inside the app (events from a shadow root reach
/// the window retargeted to its host, so the original path is inspected).
fn is_app_link(ev: &web_sys::MouseEvent) -> bool {
    use wasm_bindgen::JsCast;
    if ev.meta_key() || ev.ctrl_key() || ev.shift_key() || ev.alt_key() {
        return false;
    }
    let Some(root) = crate::config::app_root() else {
        return false;
    };
    let app = root.query(".folio").map(JsValue::from);
    let path = ev.composed_path();
    let mut on_link = false;
    for node in path.iter() {
        if node.dyn_ref::<web_sys::HtmlAnchorElement>().is_some() {
            on_link = true;
        }
        if on_link && app.as_ref() == Some(&node) {
            return true;
        }
    }
    false
}

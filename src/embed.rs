//! Archives embedded in a host page: each mount point gets its own app in a shadow root.
//!
//! They are mounted when Folio starts (every `[data-folio]` and `<folio-archive>` in the
//! page), when a host script calls `window.folio.mount(element, options)`, and when a
//! mount point is added to the page later (a `MutationObserver`, which a host turns off
//! with `<meta name="folio-observe" content="off">`). A mount point taken out of the page
//! unmounts its archive; `handle.unmount()` does the same on demand.
//!
//! Several archives may share a page. Only one may use path routing, and each
//! hash-routed archive needs its own slot in the hash (`data-id`): a second archive
//! asking for what another holds is given the next free slot, with a console warning.

use std::any::Any;
use std::cell::{Cell, RefCell};

use leptos::prelude::Owner;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::config::{self, warn, AppRoot, Config, MOUNT_SELECTOR};
use folio_core::route::RoutingMode;

/// One mounted archive and what it holds on to, all released by [`unmount`].
struct Mounted {
    id: u32,
    point: web_sys::Element,
    routing: RoutingMode,
    slot: String,
    /// The options it was mounted with, which a remount adds to.
    options: JsValue,
    owner: Owner,
    /// The view's unmount handle: dropping it takes the view out of the page.
    view: Box<dyn Any>,
    /// The timer that shows the archive if its stylesheet never answers.
    reveal: Option<(i32, Closure<dyn Fn()>)>,
}

thread_local! {
    static MOUNTED: RefCell<Vec<Mounted>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
}

/// Mounts every mount point in the page, offers `window.folio` to host scripts, and
/// watches for mount points added later. Says so on the console when there is none
/// yet: a host that mounts later expects that, and one that forgot its mount point
/// learns why there is no archive.
pub fn start(document: &web_sys::Document) {
    let points = config::find_mount_points(document);
    if points.is_empty() {
        info("no mount point found yet. Add <div data-folio data-index=\"…\"></div> to the page, or call folio.mount(element, options) once it is there.");
    }
    // A path-routed archive must be alone: with several, each uses hash routing.
    let options = if points.len() > 1 {
        let asks_path = points.iter().any(|point| {
            point
                .get_attribute("data-routing")
                .is_some_and(|r| r.trim().eq_ignore_ascii_case("path"))
        });
        if asks_path {
            warn("a path-routed archive must be alone on its page; with several archives, each uses hash routing.");
        }
        let hash_routing = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&hash_routing, &"routing".into(), &"hash".into());
        hash_routing.into()
    } else {
        JsValue::UNDEFINED
    };
    for point in &points {
        mount(point, &options);
    }
    expose_api();
    let observe = document
        .query_selector("meta[name='folio-observe']")
        .ok()
        .flatten()
        .and_then(|meta| meta.get_attribute("content"))
        .is_none_or(|value| !matches!(value.trim(), "off" | "false" | "no"));
    if observe {
        watch(document);
    }
}

/// Mounts an archive on `point` with `options` over its data attributes, and returns its
/// id. A point that already holds an archive keeps it, unless new options are given:
/// then it is mounted again with them.
pub fn mount(point: &web_sys::Element, options: &JsValue) -> Option<u32> {
    let mut options = options.clone();
    if let Some(id) = mounted_on(point) {
        let has_options = options.is_object()
            && js_sys::Object::keys(options.unchecked_ref::<js_sys::Object>()).length() > 0;
        if !has_options {
            return Some(id);
        }
        // The new options over the ones it was mounted with: a remount changes what it
        // names, and keeps the rest (its feed, its slot) and its address.
        let previous =
            MOUNTED.with_borrow(|all| all.iter().find(|m| m.id == id).map(|m| m.options.clone()));
        let merged = js_sys::Object::new();
        for source in previous.iter().chain([&options]) {
            if source.is_object() {
                let _ = js_sys::Object::assign(&merged, source.unchecked_ref());
            }
        }
        options = merged.into();
        unmount(id, Address::Keep);
    }
    let document = point.owner_document()?;
    let mut config = Config::from_mount_point(point, &options);
    if !claim_address(&mut config) {
        return None;
    }
    // A point mounted before keeps its shadow root, emptied.
    let shadow = if let Some(shadow) = point.shadow_root() {
        shadow.set_inner_html("");
        shadow
    } else {
        let init = web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open);
        let Ok(shadow) = point.attach_shadow(&init) else {
            web_sys::console::error_1(
                &"Folio: the mount point cannot take a shadow root (use a <div>, <section> or <folio-archive>); not mounted."
                    .into(),
            );
            return None;
        };
        shadow
    };
    let container = document
        .create_element("div")
        .ok()?
        .dyn_into::<web_sys::HtmlElement>()
        .ok()?;
    let mut reveal = None;
    if let Some(link) = stylesheet_link(&document, config.stylesheet.as_deref()) {
        // The copy loads after the archive could first render; until it has (or has
        // failed), the archive stays hidden rather than flashing unstyled.
        container.set_hidden(true);
        reveal = reveal_when_settled(&link, &container);
        let _ = shadow.append_child(&link);
    } else {
        warn("no stylesheet found; add data-folio-style to Folio's <link rel=\"stylesheet\">, data-stylesheet to the mount point, or load Folio with folio.js.");
    }
    let _ = shadow.append_child(&container);
    let id = NEXT_ID.with(|next| next.replace(next.get() + 1));
    let (routing, slot) = (config.routing, config.slot.clone());
    let root = AppRoot::Shadow(shadow);
    let owner = Owner::new();
    let view = owner.with(|| {
        leptos::mount::mount_to(
            container,
            move || leptos::view! { <crate::App config=config.clone() root=root.clone() /> },
        )
    });
    MOUNTED.with_borrow_mut(|all| {
        all.push(Mounted {
            id,
            point: point.clone(),
            routing,
            slot,
            options,
            owner,
            view: Box::new(view),
            reveal,
        });
    });
    Some(id)
}

/// What an unmounted archive leaves of its address.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Address {
    /// Takes its slot out of the current URL and history entry: it is gone.
    Forget,
    /// Leaves them: it is mounted again at once, with new settings, where it was.
    Keep,
}

thread_local! {
    static KEEPING_ADDRESS: Cell<bool> = const { Cell::new(false) };
}

/// True while an archive is being unmounted to be mounted again (see [`Address::Keep`]):
/// its router then leaves its slot in the address for the new one to read.
pub fn keeping_address() -> bool {
    KEEPING_ADDRESS.with(Cell::get)
}

/// Takes the archive `id` out of its page: its view, its listeners and timers, and (with
/// [`Address::Forget`]) its slot in the address. Nothing happens for an id no longer
/// mounted.
pub fn unmount(id: u32, address: Address) {
    let taken = MOUNTED.with_borrow_mut(|all| {
        let at = all.iter().position(|m| m.id == id)?;
        Some(all.remove(at))
    });
    let Some(mounted) = taken else {
        return;
    };
    let Mounted {
        point,
        owner,
        view,
        reveal,
        ..
    } = mounted;
    KEEPING_ADDRESS.with(|keep| keep.set(address == Address::Keep));
    drop(view);
    owner.cleanup();
    KEEPING_ADDRESS.with(|keep| keep.set(false));
    if let (Some((timer, _closure)), Some(window)) = (reveal, web_sys::window()) {
        window.clear_timeout_with_handle(timer);
    }
    if let Some(shadow) = point.shadow_root() {
        shadow.set_inner_html("");
    }
}

fn mounted_on(point: &web_sys::Element) -> Option<u32> {
    MOUNTED.with_borrow(|all| all.iter().find(|m| &m.point == point).map(|m| m.id))
}

/// Gives the archive an address no other archive holds, or says why it cannot have
/// one. A path-routed archive must be alone on its page: `leptos_router` takes every
/// same-origin link under its base, the other archives' links among them. So a path
/// archive arriving beside others uses hash routing, and nothing can join a path
/// archive (false). Each hash slot holds one archive; a newcomer asking for a taken one
/// gets the next free one. Each conflict is reported on the console.
fn claim_address(config: &mut Config) -> bool {
    let taken: Vec<(RoutingMode, String)> =
        MOUNTED.with_borrow(|all| all.iter().map(|m| (m.routing, m.slot.clone())).collect());
    if taken.iter().any(|(mode, _)| *mode == RoutingMode::Path) {
        web_sys::console::error_1(
            &"Folio: a path-routed archive on this page takes every link under its base, so no other archive can join it; not mounted. Use hash routing (with data-id) for each."
                .into(),
        );
        return false;
    }
    if config.routing == RoutingMode::Path && !taken.is_empty() {
        warn("a path-routed archive must be alone on its page; this one uses hash routing.");
        config.routing = RoutingMode::Hash;
    }
    if config.routing == RoutingMode::Path {
        return true;
    }
    let holds = |slot: &str| taken.iter().any(|(_, held)| held == slot);
    if !holds(&config.slot) {
        return true;
    }
    // Short enough that the number still makes a valid slot name.
    let stem: String = if config.slot.is_empty() {
        "archive".to_owned()
    } else {
        config.slot.chars().take(24).collect()
    };
    // There are fewer archives than numbers, so one is free.
    let free = (2..=taken.len() + 2)
        .map(|n| format!("{stem}-{n}"))
        .find(|slot| !holds(slot))
        .unwrap_or_default();
    warn(&format!(
        "another archive on this page already keeps its address in the hash{}; give each its own data-id. This one uses data-id=\"{free}\".",
        if config.slot.is_empty() {
            String::new()
        } else {
            format!(" as \"{}\"", config.slot)
        }
    ));
    config.slot = free;
    true
}

/// Shows `container` once `link` has loaded or failed, or after three seconds at most.
/// Returns the timer, for [`unmount`] to clear.
fn reveal_when_settled(
    link: &web_sys::Element,
    container: &web_sys::HtmlElement,
) -> Option<(i32, Closure<dyn Fn()>)> {
    let reveal = {
        let container = container.clone();
        Closure::<dyn Fn()>::new(move || container.set_hidden(false))
    };
    let callback: &js_sys::Function = reveal.as_ref().unchecked_ref();
    // On the link, which goes with the shadow root's content when unmounted.
    let _ = link.add_event_listener_with_callback("load", callback);
    let _ = link.add_event_listener_with_callback("error", callback);
    let timer = web_sys::window()?
        .set_timeout_with_callback_and_timeout_and_arguments_0(callback, 3000)
        .ok()?;
    Some((timer, reveal))
}

/// A `<link rel="stylesheet">` for the shadow root: the one `asked` for (the
/// `stylesheet` option or the mount point's `data-stylesheet`),
/// else a copy of the page's `<link data-folio-style>` (with its integrity, so the copy
/// is checked as the original was; the browser reuses the response it already has), else
/// the stylesheet that `folio.js` names.
fn stylesheet_link(document: &web_sys::Document, asked: Option<&str>) -> Option<web_sys::Element> {
    let link = document.create_element("link").ok()?;
    let _ = link.set_attribute("rel", "stylesheet");
    if let Some(href) = asked {
        let _ = link.set_attribute("href", href);
        return Some(link);
    }
    if let Some(original) = document
        .query_selector("link[data-folio-style]")
        .ok()
        .flatten()
    {
        for name in ["href", "integrity", "crossorigin", "referrerpolicy"] {
            if let Some(value) = original.get_attribute(name) {
                let _ = link.set_attribute(name, &value);
            }
        }
        return Some(link);
    }
    let href = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &JsValue::from_str("folioStylesheet")).ok())
        .and_then(|v| v.as_string())?;
    let _ = link.set_attribute("href", &href);
    Some(link)
}

/// Sets `window.folio`, the host page's handle on Folio, and fires `folio:ready` on the
/// window:
/// - `folio.mount(elementOrSelector, options?)` mounts an archive and returns
///   `{ element, unmount() }`; it throws a `TypeError` when there is no such element;
/// - `folio.unmount(elementOrSelector)` takes the archive on that element away.
fn expose_api() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let api = js_sys::Object::new();
    let mount_fn = Closure::<dyn Fn(JsValue, JsValue) -> Result<JsValue, JsValue>>::new(
        |target: JsValue, options: JsValue| {
            let point = element_of(&target)?;
            let Some(id) = mount(&point, &options) else {
                return Ok(JsValue::NULL);
            };
            Ok(handle(id, &point))
        },
    );
    let unmount_fn = Closure::<dyn Fn(JsValue) -> Result<(), JsValue>>::new(|target: JsValue| {
        if let Some(id) = mounted_on(&element_of(&target)?) {
            unmount(id, Address::Forget);
        }
        Ok(())
    });
    let _ = js_sys::Reflect::set(&api, &"mount".into(), &mount_fn.into_js_value());
    let _ = js_sys::Reflect::set(&api, &"unmount".into(), &unmount_fn.into_js_value());
    let _ = js_sys::Reflect::set(&api, &"version".into(), &env!("CARGO_PKG_VERSION").into());
    let _ = js_sys::Reflect::set(&window, &"folio".into(), &api);
    if let Ok(event) = web_sys::Event::new("folio:ready") {
        let _ = window.dispatch_event(&event);
    }
}

/// What `folio.mount` returns: the element, and `unmount()`, which does nothing once
/// the archive is gone (unmounted twice, or its element taken out of the page).
fn handle(id: u32, point: &web_sys::Element) -> JsValue {
    let object = js_sys::Object::new();
    let unmount_fn = Closure::<dyn Fn()>::new(move || unmount(id, Address::Forget));
    let _ = js_sys::Reflect::set(&object, &"element".into(), point);
    let _ = js_sys::Reflect::set(&object, &"unmount".into(), &unmount_fn.into_js_value());
    object.into()
}

/// The element a host script names: an element, or a selector for one.
fn element_of(target: &JsValue) -> Result<web_sys::Element, JsValue> {
    if let Some(element) = target.dyn_ref::<web_sys::Element>() {
        return Ok(element.clone());
    }
    let found = target.as_string().and_then(|selector| {
        web_sys::window()?
            .document()?
            .query_selector(&selector)
            .ok()
            .flatten()
    });
    found.ok_or_else(|| {
        js_sys::TypeError::new("folio: expected an element, or a selector that finds one").into()
    })
}

/// Mounts the mount points added to the page from now on, and unmounts the archives
/// whose mount points leave it, as a single-page host renders and removes its views.
fn watch(document: &web_sys::Document) {
    let callback = Closure::<dyn Fn(js_sys::Array)>::new(|records: js_sys::Array| {
        let records: Vec<web_sys::MutationRecord> = records
            .iter()
            .filter_map(|record| record.dyn_into().ok())
            .collect();
        // Removals first: a host that swaps one mount point for another with the same
        // settings hands the address over, rather than finding it still taken.
        let removed: Vec<web_sys::Node> = records
            .iter()
            .flat_map(|record| {
                let nodes = record.removed_nodes();
                (0..nodes.length()).filter_map(move |i| nodes.item(i))
            })
            .collect();
        if !removed.is_empty() {
            // Only archives whose point went out with a removed node: one mounted by
            // `folio.mount` on an element not yet in the page stays.
            let gone: Vec<u32> = MOUNTED.with_borrow(|all| {
                all.iter()
                    .filter(|m| {
                        !m.point.is_connected() && removed.iter().any(|node| holds(node, &m.point))
                    })
                    .map(|m| m.id)
                    .collect()
            });
            for id in gone {
                unmount(id, Address::Forget);
            }
        }
        for record in &records {
            let added = record.added_nodes();
            for i in 0..added.length() {
                let Some(element) = added
                    .item(i)
                    .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
                else {
                    continue;
                };
                if !element.is_connected() {
                    continue;
                }
                if element.matches(MOUNT_SELECTOR).unwrap_or(false) {
                    mount(&element, &JsValue::UNDEFINED);
                }
                if let Ok(inner) = element.query_selector_all(MOUNT_SELECTOR) {
                    for j in 0..inner.length() {
                        if let Some(point) = inner.item(j).and_then(|n| n.dyn_into().ok()) {
                            mount(&point, &JsValue::UNDEFINED);
                        }
                    }
                }
            }
        }
    });
    let Ok(observer) = web_sys::MutationObserver::new(callback.as_ref().unchecked_ref()) else {
        return;
    };
    let options = web_sys::MutationObserverInit::new();
    options.set_child_list(true);
    options.set_subtree(true);
    if let Some(root) = document.document_element() {
        let _ = observer.observe_with_options(&root, &options);
    }
    // Watches for as long as the page lives.
    callback.forget();
}

/// True when `inner` is `outer` or inside it, through shadow roots too (a host's web
/// component may hold the mount point in its own shadow root).
fn holds(outer: &web_sys::Node, inner: &web_sys::Node) -> bool {
    let mut node = Some(inner.clone());
    while let Some(current) = node {
        if &current == outer {
            return true;
        }
        node = current.parent_node().or_else(|| {
            current
                .dyn_ref::<web_sys::ShadowRoot>()
                .map(|shadow| shadow.host().into())
        });
    }
    false
}

fn info(message: &str) {
    web_sys::console::info_1(&format!("Folio: {message}").into());
}

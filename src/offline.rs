//! Reading offline: the service worker that `make dist` writes (`sw.js`, from
//! `scripts/service-worker.js`), and the note that says the archive is offline.
//!
//! Only a whole-page install registers the worker: an embedded archive is a guest on its
//! host's origin and never installs one there. A site that wants none says so with
//! `<meta name="folio-offline" content="off">`.

use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// Registers `sw.js` under the app's base path, unless the page opts out. Failures (no
/// service workers in this browser, a private window, a host that does not serve the
/// file) leave the archive working online, as without the worker.
pub fn register_service_worker(document: &web_sys::Document, base_path: &str, feed_url: &str) {
    let opted_out = document
        .query_selector("meta[name='folio-offline']")
        .ok()
        .flatten()
        .and_then(|meta| meta.get_attribute("content"))
        .is_some_and(|c| c.trim().eq_ignore_ascii_case("off"));
    if opted_out {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    // Read through reflection: browsers without service workers have no such member.
    let Ok(container) = js_sys::Reflect::get(
        &js_sys::Reflect::get(&window, &"navigator".into()).unwrap_or(JsValue::UNDEFINED),
        &"serviceWorker".into(),
    ) else {
        return;
    };
    let Ok(register) = js_sys::Reflect::get(&container, &"register".into()) else {
        return;
    };
    let Some(register) = wasm_bindgen::JsCast::dyn_ref::<js_sys::Function>(&register) else {
        return;
    };
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"scope".into(), &format!("{base_path}/").into());
    if let Ok(promise) = register.call2(&container, &format!("{base_path}/sw.js").into(), &options)
    {
        if let Ok(promise) = wasm_bindgen::JsCast::dyn_into::<js_sys::Promise>(promise) {
            // A refusal is not an error the reader needs to see.
            let ignore = wasm_bindgen::closure::Closure::once(|_: JsValue| {});
            let _ = promise.catch(&ignore);
            ignore.forget();
        }
    }
    let feed = document
        .base_uri()
        .ok()
        .flatten()
        .and_then(|base| web_sys::Url::new_with_base(feed_url, &base).ok())
        .map_or_else(|| feed_url.to_owned(), |url| url.href());
    keep_first_visit(&container, feed);
}

/// On a first visit the page fetched its index before the worker was there to keep it.
/// Once the worker is active, this hands it the index's address and every file the page
/// has fetched so far, for it to fetch and keep: so one visit is enough to open offline.
fn keep_first_visit(container: &JsValue, feed: String) {
    use js_sys::Reflect;
    use wasm_bindgen::JsCast;
    let Some(ready) = Reflect::get(container, &"ready".into())
        .ok()
        .and_then(|r| r.dyn_into::<js_sys::Promise>().ok())
    else {
        return;
    };
    let send = wasm_bindgen::closure::Closure::once(move |registration: JsValue| {
        let Some(active) = Reflect::get(&registration, &"active".into())
            .ok()
            .filter(JsValue::is_object)
        else {
            return;
        };
        let urls = js_sys::Array::new();
        urls.push(&feed.into());
        // The Resource Timing entries of the page's own `fetch` calls.
        let entries = web_sys::window()
            .and_then(|w| Reflect::get(&w, &"performance".into()).ok())
            .and_then(|p| {
                Reflect::get(&p, &"getEntriesByType".into())
                    .ok()
                    .map(|f| (p, f))
            })
            .and_then(|(p, f)| {
                f.dyn_into::<js_sys::Function>()
                    .ok()?
                    .call1(&p, &"resource".into())
                    .ok()
            })
            .map(|list| js_sys::Array::from(&list))
            .unwrap_or_default();
        for entry in entries.iter() {
            let by_fetch = Reflect::get(&entry, &"initiatorType".into())
                .ok()
                .and_then(|t| t.as_string())
                .is_some_and(|t| t == "fetch");
            if by_fetch {
                if let Ok(name) = Reflect::get(&entry, &"name".into()) {
                    urls.push(&name);
                }
            }
        }
        let message = js_sys::Object::new();
        let _ = Reflect::set(&message, &"folioKeep".into(), &urls);
        if let Some(post) = Reflect::get(&active, &"postMessage".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        {
            let _ = post.call1(&active, &message);
        }
    });
    let _ = ready.then(&send);
    send.forget();
}

/// "You are offline": shown while the browser says it has no network, so a reader knows
/// the archive is the copy saved on this device and that new posts may be missing.
#[component]
pub fn OfflineNote() -> impl IntoView {
    let online = RwSignal::new(is_online());
    let on = window_event_listener(leptos::ev::online, move |_| online.set(true));
    let off = window_event_listener(leptos::ev::offline, move |_| online.set(false));
    on_cleanup(move || {
        on.remove();
        off.remove();
    });
    // The live region is always there, and only its text changes, so screen readers
    // announce the change; empty, it takes no room.
    let text = crate::i18n::t(folio_core::i18n::Msg::Offline);
    view! {
        <p class="folio-offline" role="status" class:folio-offline--shown=move || !online.get()>
            {move || (!online.get()).then_some(text)}
        </p>
    }
}

fn is_online() -> bool {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"navigator".into()).ok())
        .and_then(|n| js_sys::Reflect::get(&n, &"onLine".into()).ok())
        .and_then(|v| v.as_bool())
        .unwrap_or(true)
}

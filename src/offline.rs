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
pub fn register_service_worker(document: &web_sys::Document, base_path: &str) {
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

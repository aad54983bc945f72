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
    let Some(register) = crate::js_method(&container, "register") else {
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
    let base = document.base_uri().ok().flatten();
    keep_first_visit(&container, base, feed_url.to_owned());
}

/// On a first visit the page fetches its index before the worker exists, so the worker
/// never sees it. When the worker takes control of the page (`controllerchange`), this
/// hands it the index's address and every whole file the page has asked for so far, in
/// flight ones included; the worker fetches and keeps them, so one visit is enough to
/// open offline. Later fetches go through the worker itself, and a page it already
/// controls has nothing to hand over.
fn keep_first_visit(container: &JsValue, base: Option<String>, feed: String) {
    use js_sys::Reflect;
    let has_worker = Reflect::get(container, &"controller".into()).is_ok_and(|c| c.is_object());
    let Some(listen) = crate::js_method(container, "addEventListener").filter(|_| !has_worker)
    else {
        return;
    };
    let target = container.clone();
    let hand_over = wasm_bindgen::closure::Closure::once(move |_: JsValue| {
        let Some(controller) = Reflect::get(&target, &"controller".into())
            .ok()
            .filter(JsValue::is_object)
        else {
            return;
        };
        let urls = js_sys::Array::new();
        for url in std::iter::once(feed).chain(crate::data::whole_files()) {
            let absolute = base
                .as_deref()
                .and_then(|base| web_sys::Url::new_with_base(&url, base).ok())
                .map_or(url, |u| u.href());
            urls.push(&absolute.into());
        }
        let message = js_sys::Object::new();
        let _ = Reflect::set(&message, &"folioKeep".into(), &urls);
        if let Some(post) = crate::js_method(&controller, "postMessage") {
            let _ = post.call1(&controller, &message);
        }
    });
    let once = js_sys::Object::new();
    let _ = Reflect::set(&once, &"once".into(), &JsValue::TRUE);
    let _ = listen.call3(
        container,
        &"controllerchange".into(),
        hand_over.as_ref(),
        &once,
    );
    hand_over.forget();
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

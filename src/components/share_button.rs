use crate::i18n::{lang, t};
use folio_core::i18n::Msg;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// "Share": the system's share sheet where the browser has one (the Web Share API),
/// else a copy of the link to the clipboard. The outcome is announced to screen readers
/// in a status line.
#[component]
pub fn ShareButton(
    /// The post's title.
    title: String,
    /// The in-app address's href, as the reader's links write it.
    href: String,
) -> impl IntoView {
    let status = RwSignal::new(String::new());
    let ui = lang();
    let share = move |_| {
        let (title, href) = (title.clone(), href.clone());
        status.set(String::new());
        leptos::task::spawn_local(async move {
            if let Some(message) = share_or_copy(&title, &href).await {
                status.set(ui.text(message).to_owned());
            }
        });
    };
    view! {
        <div class="folio-share">
            <button type="button" class="folio-button folio-share__button" on:click=share>{t(Msg::Share)}</button>
            <p class="folio-share__status" role="status">{move || status.get()}</p>
        </div>
    }
}

/// Shares or copies the absolute URL of `href`; the message to announce, if any.
async fn share_or_copy(title: &str, href: &str) -> Option<Msg> {
    let window = web_sys::window()?;
    let base = window.location().href().ok()?;
    let url = web_sys::Url::new_with_base(href, &base).ok()?.href();
    // Read through reflection: both APIs are optional, and web-sys would add a binding
    // for each.
    let navigator = js_sys::Reflect::get(&window, &"navigator".into()).ok()?;
    let navigator = &navigator;
    let has = |name: &str| {
        js_sys::Reflect::get(navigator, &JsValue::from_str(name)).is_ok_and(|v| v.is_function())
    };
    if has("share") {
        let data = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&data, &"title".into(), &title.into());
        let _ = js_sys::Reflect::set(&data, &"url".into(), &url.as_str().into());
        let share: js_sys::Function = js_sys::Reflect::get(navigator, &"share".into())
            .ok()?
            .dyn_into()
            .ok()?;
        let promise: js_sys::Promise = share.call1(navigator, &data).ok()?.dyn_into().ok()?;
        match JsFuture::from(promise).await {
            Ok(_) => return Some(Msg::Shared),
            // A reader who closes the share sheet has said what they wanted: no message.
            Err(error) if error_name(&error).as_deref() == Some("AbortError") => return None,
            // Refused (a frame without the permission, no user gesture): copy instead.
            Err(_) => {}
        }
    }
    let clipboard = js_sys::Reflect::get(navigator, &"clipboard".into()).ok()?;
    let write: Option<js_sys::Function> = js_sys::Reflect::get(&clipboard, &"writeText".into())
        .ok()
        .and_then(|f| f.dyn_into().ok());
    let copied = match write {
        Some(write) => match write.call1(&clipboard, &url.as_str().into()) {
            Ok(promise) => match promise.dyn_into::<js_sys::Promise>() {
                Ok(promise) => JsFuture::from(promise).await.is_ok(),
                Err(_) => false,
            },
            Err(_) => false,
        },
        None => false,
    };
    Some(if copied {
        Msg::LinkCopied
    } else {
        Msg::LinkNotCopied
    })
}

/// The `name` of a DOM exception (`AbortError`, `NotAllowedError`…).
fn error_name(error: &JsValue) -> Option<String> {
    js_sys::Reflect::get(error, &"name".into())
        .ok()
        .and_then(|name| name.as_string())
}

use leptos::html::Div;
use leptos::prelude::*;

use folio_core::query::Query;

use crate::highlight::mark_matches;
use crate::sanitize::{sanitize_html, BODY_ID_PREFIX};

/// A post's body: sanitized HTML, or plain text as paragraphs.
#[component]
pub fn PostBody(
    /// Untrusted HTML from the feed.
    html: Option<String>,
    /// Plain text, used when there is no HTML.
    text: Option<String>,
    /// Words to mark, when the post was opened from a search.
    #[prop(default = None)]
    highlight: Option<Query>,
    /// The URL relative links and images in `html` are relative to.
    #[prop(default = None)]
    base: Option<String>,
    /// The post's language, which the body is in (the interface's may differ).
    #[prop(default = None)]
    lang: Option<String>,
    /// The body's direction.
    #[prop(default = None)]
    dir: Option<&'static str>,
) -> impl IntoView {
    let container = NodeRef::<Div>::new();
    let has_html = html.is_some();
    let top = use_context::<crate::config::Config>().map_or(1, |config| config.heading_level);
    // The sanitized nodes are built by hand (see `sanitize`), so they are attached to the
    // container once it exists rather than rendered from a string.
    Effect::new(move |_| {
        let Some(div) = container.get() else {
            return;
        };
        if let Some(html) = html.as_deref() {
            div.set_text_content(None);
            if let Some(fragment) = sanitize_html(html, base.as_deref(), top) {
                let _ = div.append_child(&fragment);
            }
        }
        if let (Some(query), Some(document)) =
            (&highlight, web_sys::window().and_then(|w| w.document()))
        {
            mark_matches(&document, &div, query);
        }
    });
    let paragraphs = (!has_html).then(|| {
        text.unwrap_or_default()
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| view! { <p>{p.to_owned()}</p> })
            .collect_view()
    });
    view! { <div class="folio-post__body" lang=lang dir=dir node_ref=container on:click=follow_in_post_link>{paragraphs}</div> }
}

/// Follows a link to a place in the post (a footnote and its way back) by scrolling
/// there and moving focus, without touching the URL: under hash routing the fragment is
/// the archive's address, and inside a shadow root the browser could not find the
/// target anyway.
fn follow_in_post_link(ev: leptos::ev::MouseEvent) {
    use wasm_bindgen::JsCast;
    if ev.default_prevented()
        || ev.button() != 0
        || ev.ctrl_key()
        || ev.meta_key()
        || ev.shift_key()
    {
        return;
    }
    let Some(anchor) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("a[href]").ok().flatten())
    else {
        return;
    };
    let Some(id) = anchor
        .get_attribute("href")
        .and_then(|href| href.strip_prefix('#').map(str::to_owned))
        .filter(|id| id.starts_with(BODY_ID_PREFIX))
    else {
        return;
    };
    ev.prevent_default();
    let root = crate::config::AppRoot::of_node(&anchor);
    let target = root.as_ref().and_then(|root| {
        folio_core::route::percent_decode(&id)
            .and_then(|decoded| root.element_by_id(&decoded))
            .or_else(|| root.element_by_id(&id))
    });
    let Some(target) = target else {
        return;
    };
    target.scroll_into_view();
    if !target.has_attribute("tabindex") {
        let _ = target.set_attribute("tabindex", "-1");
    }
    crate::app::focus(Some(target));
}

use leptos::html::Div;
use leptos::prelude::*;

use folio_core::query::Query;

use crate::highlight::mark_matches;
use crate::sanitize::sanitize_html;

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
) -> impl IntoView {
    let container = NodeRef::<Div>::new();
    let has_html = html.is_some();
    // The sanitized nodes are built by hand (see `sanitize`), so they are attached to the
    // container once it exists rather than rendered from a string.
    Effect::new(move |_| {
        let Some(div) = container.get() else {
            return;
        };
        if let Some(html) = html.as_deref() {
            div.set_text_content(None);
            if let Some(fragment) = sanitize_html(html, base.as_deref()) {
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
    view! { <div class="folio-post__body" node_ref=container>{paragraphs}</div> }
}

use leptos::prelude::*;

use super::PostBody;
use crate::data::{fetch_range, fetch_text_cancellable, Cancel, Fetched, LoadError};
use std::rc::Rc;

/// How long a body may take before the reader is told and offered Retry.
const BODY_TIME_LIMIT_SECONDS: u32 = 15;

/// A post body fetched on demand from `_folio.content_url`, with its own loading and
/// error states, so a large index can leave bodies out.
#[component]
pub fn RemoteBody(
    /// Where the body's HTML is.
    url: String,
    /// Words to mark, when the post was opened from a search.
    #[prop(default = None)]
    highlight: Option<folio_core::query::Query>,
    /// The body's first byte and length, when it is part of a bundle of bodies.
    #[prop(default = None)]
    range: Option<(usize, usize)>,
    /// What relative links in the body are relative to, when not the body's own URL.
    #[prop(default = None)]
    base: Option<String>,
    /// The post's language, which its body is in.
    #[prop(default = None)]
    lang: Option<String>,
    /// The body's direction.
    #[prop(default = None)]
    dir: Option<&'static str>,
) -> impl IntoView {
    // The request in flight, given up when the reader leaves the post.
    let in_flight = StoredValue::new_local(None::<Rc<Cancel>>);
    on_cleanup(move || {
        if let Some(cancel) = in_flight.try_get_value().flatten() {
            cancel.abort();
        }
    });
    // The outcome, `None` while the body is on its way. A signal set by a spawned task,
    // as for the archive itself (`ArchiveContext`), not a resource under `<Suspense>`.
    let body = RwSignal::new_local(None::<Result<Fetched, LoadError>>);
    let url = StoredValue::new(url);
    let load = move || {
        let Some(url) = url.try_get_value() else {
            return;
        };
        let cancel = Rc::new(Cancel::within(BODY_TIME_LIMIT_SECONDS));
        in_flight.set_value(Some(cancel.clone()));
        leptos::task::spawn_local(async move {
            let fetched = match range {
                Some((start, len)) => fetch_range(&url, start, len, Some(&cancel)).await,
                None => fetch_text_cancellable(&url, &cancel).await,
            };
            // Done: let the handle go, which clears its timer (if the post is still shown).
            in_flight.try_set_value(None);
            body.try_set(Some(fetched));
        });
    };
    load();
    move || {
        match body.get() {
        None => view! {
            <p class="folio-post__loading" role="status">{crate::i18n::t(folio_core::i18n::Msg::LoadingPost)}</p>
        }
        .into_any(),
        Some(Ok(fetched)) => view! {
            <PostBody html=Some(fetched.text) text=None highlight=highlight.clone() base=base.clone().or(Some(fetched.url)) lang=lang.clone() dir />
        }
        .into_any(),
        Some(Err(error)) => view! {
            <div class="folio-error" role="alert">
                <p>{crate::i18n::t(folio_core::i18n::Msg::BodyFailed)} " " {error.message()}</p>
                <button class="folio-button" type="button" on:click=move |_| {
                    body.set(None);
                    load();
                }>
                    {crate::i18n::t(folio_core::i18n::Msg::Retry)}
                </button>
            </div>
        }
        .into_any(),
    }
    }
}

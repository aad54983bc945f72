use leptos::prelude::*;
use std::sync::Arc;

use crate::data::Loaded;

/// While part of a sharded index cannot be loaded: what failed, and Retry. Shows nothing
/// otherwise. The page around it stays as it was.
#[component]
pub fn IndexFailure(
    /// The archive whose chunks failed.
    loaded: Arc<Loaded>,
) -> impl IntoView {
    move || {
        loaded.failure().map(|error| {
            let loaded = loaded.clone();
            view! {
                <div class="folio-error folio-index-failure" role="alert">
                    <p>{crate::i18n::t(folio_core::i18n::Msg::IndexPartFailed)} " " {error.message()}</p>
                    <button class="folio-button" type="button" on:click=move |_| loaded.retry_chunks()>
                        {crate::i18n::t(folio_core::i18n::Msg::Retry)}
                    </button>
                </div>
            }
        })
    }
}

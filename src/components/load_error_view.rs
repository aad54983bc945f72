use crate::app::PageHead;
use crate::components::Heading;
use leptos::prelude::*;

use crate::data::{use_archive, LoadError};

/// Says what went wrong loading the archive and offers to try again.
#[component]
pub fn LoadErrorView(
    /// The failure to explain.
    error: LoadError,
) -> impl IntoView {
    let archive = use_archive();
    let heading = error.heading();
    let message = error.message();
    view! {
        <PageHead title=heading.to_owned() />
        <section class="folio-error" role="alert">
            <Heading depth=1 class="folio-error__heading folio-title" focusable=true>{heading}</Heading>
            <p class="folio-error__message">{message}</p>
            <button class="folio-button" type="button" on:click=move |_| archive.retry()>
                {crate::i18n::t(folio_core::i18n::Msg::Retry)}
            </button>
        </section>
    }
}

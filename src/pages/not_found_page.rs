use crate::i18n::t;
use folio_core::i18n::Msg;
use leptos::prelude::*;

use crate::app::PageHead;
use crate::routing::use_nav;

/// Shown for any address the archive does not have.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <PageHead title=t(Msg::PageNotFound).to_owned() />
        <section class="folio-not-found">
            <h1 tabindex="-1">{t(Msg::PageNotFound)}</h1>
            <p>{t(Msg::NotFoundText)}</p>
            <p><a href=use_nav().href("/")>{t(Msg::GoToArchive)}</a></p>
        </section>
    }
}

use crate::i18n::t;
use folio_core::i18n::Msg;
use leptos::prelude::*;

use crate::app::PageHead;
use crate::components::Heading;
use crate::routing::use_nav;

/// Shown for any address the archive does not have.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <PageHead title=t(Msg::PageNotFound).to_owned() />
        <section class="folio-not-found">
            <Heading depth=1 class="folio-title" focusable=true>{t(Msg::PageNotFound)}</Heading>
            <p>{t(Msg::NotFoundText)}</p>
            <p><a href=use_nav().href("/")>{t(Msg::GoToArchive)}</a></p>
        </section>
    }
}

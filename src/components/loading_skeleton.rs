use crate::app::PageHead;
use crate::i18n::t;
use folio_core::i18n::Msg;
use leptos::prelude::*;

/// Grey placeholder cards shown while the index loads, announced to screen readers.
#[component]
pub fn LoadingSkeleton() -> impl IntoView {
    view! {
        <PageHead title=crate::i18n::t(folio_core::i18n::Msg::Loading).to_owned() />
        <div class="folio-skeleton" role="status" aria-live="polite">
            <span class="folio-visually-hidden">{t(Msg::LoadingArchive)}</span>
            {(0..3).map(|_| view! {
                <div class="folio-skeleton__card" aria-hidden="true">
                    <div class="folio-skeleton__line folio-skeleton__line--title"></div>
                    <div class="folio-skeleton__line"></div>
                    <div class="folio-skeleton__line folio-skeleton__line--short"></div>
                </div>
            }).collect_view()}
        </div>
    }
}

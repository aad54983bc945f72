use leptos::prelude::*;

use crate::app::PageHead;
use crate::routing::use_nav;

/// Shown for any address the archive does not have.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <PageHead title="Page not found".to_owned() />
        <section class="folio-not-found">
            <h1 tabindex="-1">"Page not found"</h1>
            <p>"There is no post at this address. It may have moved, or the link may be mistyped."</p>
            <p><a href=use_nav().href("/")>"Go to the archive"</a></p>
        </section>
    }
}

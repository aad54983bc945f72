use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::config::app_href;

/// Shown for any address the archive does not have.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <Title text="Page not found" />
        <section class="folio-not-found">
            <h1 tabindex="-1">"Page not found"</h1>
            <p>"There is no post at this address. It may have moved, or the link may be mistyped."</p>
            <p><A href=app_href("/")>"Go to the archive"</A></p>
        </section>
    }
}

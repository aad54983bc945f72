use folio_core::Archive;
use leptos::prelude::*;
use std::sync::Arc;

use super::AuthorProfile;

/// The archive's masthead: the feed's icon, title and description, then its authors.
#[component]
pub fn ArchiveHeader(
    /// The loaded archive.
    archive: Arc<Archive>,
) -> impl IntoView {
    let icon = archive.icon.clone().or_else(|| archive.favicon.clone());
    let title = archive.title.clone();
    let description = archive.description.clone();
    let home = archive.home_page_url.clone();
    let authors = archive.authors.clone();
    let authors_label = if authors.len() == 1 {
        "Author"
    } else {
        "Authors"
    };
    view! {
        <header class="folio-header">
            <div class="folio-header__masthead">
                {icon.map(|src| view! { <img class="folio-header__icon" src=src alt="" width="56" height="56" /> })}
                <div>
                    <h1 class="folio-header__title" tabindex="-1">{title}</h1>
                    {description.map(|d| view! { <p class="folio-header__description">{d}</p> })}
                    {home.map(|href| view! { <p class="folio-header__home"><a href=href>"Visit the website"</a></p> })}
                </div>
            </div>
            {(!authors.is_empty()).then(|| view! {
                <section class="folio-header__authors" aria-label=authors_label>
                    <ul class="folio-header__author-list">
                        {authors.into_iter().map(|author| view! { <li><AuthorProfile author /></li> }).collect_view()}
                    </ul>
                </section>
            })}
        </header>
    }
}

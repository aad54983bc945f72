use folio_core::sanitize_policy::LINK_REL;
use folio_core::Author;
use leptos::prelude::*;

use super::AuthorProfile;

/// The archive's masthead: the feed's icon, title and description, then its authors.
#[component]
pub fn ArchiveHeader(
    /// The feed's title.
    title: String,
    /// The feed's description.
    description: Option<String>,
    /// A square icon for the site.
    icon: Option<String>,
    /// The site's home page.
    home: Option<String>,
    /// The people who write the archive.
    authors: Vec<Author>,
) -> impl IntoView {
    let authors_label = if authors.len() == 1 {
        "Author"
    } else {
        "Authors"
    };
    view! {
        <header class="folio-header">
            <div class="folio-header__masthead">
                {icon.map(|src| view! { <img class="folio-header__icon" src=src alt="" width="56" height="56" referrerpolicy="no-referrer" /> })}
                <div>
                    <h1 class="folio-header__title" tabindex="-1">{title}</h1>
                    {description.map(|d| view! { <p class="folio-header__description">{d}</p> })}
                    {home.map(|href| view! { <p class="folio-header__home"><a href=href rel=LINK_REL>"Visit the website"</a></p> })}
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

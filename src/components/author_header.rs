use super::author_profile::AuthorLines;
use crate::i18n::around;
use folio_core::i18n::Msg;
use folio_core::Author;
use leptos::prelude::*;

/// The masthead of an author's page: a link back to the whole archive, the author's
/// name as the page's heading, then their avatar, bio, site and contact address.
#[component]
pub fn AuthorHeader(
    /// The author the page is about.
    author: Author,
    /// The archive's title, for the link back to it.
    archive_title: String,
    /// The href of the archive's list.
    home: String,
) -> impl IntoView {
    let Author {
        name,
        url,
        avatar,
        bio,
        email,
    } = author;
    let (before, after) = around(Msg::AuthorHeading, "{name}");
    view! {
        <header class="folio-header folio-header--author">
            <p class="folio-header__archive"><a href=home><bdi>{archive_title}</bdi></a></p>
            <div class="folio-author folio-author--page">
                {avatar.map(|src| view! { <img class="folio-author__avatar" src=src alt="" width="96" height="96" referrerpolicy="no-referrer" /> })}
                <div class="folio-author__text">
                    <super::Heading depth=1 class="folio-header__title folio-title" focusable=true>{before}<bdi>{name}</bdi>{after}</super::Heading>
                    <AuthorLines bio site=url email />
                </div>
            </div>
        </header>
    }
}

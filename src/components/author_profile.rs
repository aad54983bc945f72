use folio_core::sanitize_policy::LINK_REL;
use folio_core::Author;
use leptos::prelude::*;

/// An author's card: avatar, name, bio and a `mailto:` contact link.
#[component]
pub fn AuthorProfile(
    /// The author to show.
    author: Author,
) -> impl IntoView {
    let Author {
        name,
        url,
        avatar,
        bio,
        email,
    } = author;
    let name_view = match url {
        Some(href) => {
            view! { <a class="folio-author__name" href=href rel=LINK_REL>{name.clone()}</a> }
                .into_any()
        }
        None => view! { <span class="folio-author__name">{name.clone()}</span> }.into_any(),
    };
    view! {
        <div class="folio-author">
            {avatar.map(|src| view! { <img class="folio-author__avatar" src=src alt="" width="48" height="48" referrerpolicy="no-referrer" loading="lazy" /> })}
            <div class="folio-author__text">
                <p class="folio-author__heading">{name_view}</p>
                <AuthorLines bio email site=None />
            </div>
        </div>
    }
}

/// An author's bio, site (on their own page; a card links the name instead) and
/// `mailto:` contact link, each when they have one.
#[component]
pub fn AuthorLines(
    /// A short biography.
    bio: Option<String>,
    /// Their home page, shown as a "Website" link.
    site: Option<String>,
    /// A contact address.
    email: Option<String>,
) -> impl IntoView {
    view! {
        {bio.map(|b| view! { <p class="folio-author__bio" dir="auto">{b}</p> })}
        {site.map(|href| view! { <p class="folio-author__site"><a href=href rel=LINK_REL>{crate::i18n::t(folio_core::i18n::Msg::Website)}</a></p> })}
        {email.map(|e| {
            let href = format!("mailto:{e}");
            view! { <p class="folio-author__email"><a href=href rel=LINK_REL>{e}</a></p> }
        })}
    }
}

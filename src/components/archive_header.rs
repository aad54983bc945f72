use crate::i18n::t;
use folio_core::i18n::Msg;
use folio_core::sanitize_policy::LINK_REL;
use folio_core::Author;
use leptos::prelude::*;

use super::{AuthorProfile, Heading};
use crate::routing::use_nav;
use folio_core::embed::HeaderMode;
use folio_core::route::Page;

/// The archive's masthead: the feed's icon, title and description, then its authors: a
/// single author's full profile (the author archive Folio started from), or for several a
/// compact row of avatars and names, each linking to that author's page.
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
    /// The feed to subscribe to, when the index is one.
    feed: Option<String>,
    /// How much of it the host page wants shown.
    #[prop(optional)]
    mode: HeaderMode,
    /// The feed's language, which its title and description are in (the interface's
    /// may differ).
    lang: Option<String>,
    /// Their direction.
    dir: &'static str,
) -> impl IntoView {
    let class = match mode {
        HeaderMode::Full => "",
        // The title line alone; or, with no masthead, the title kept for screen readers
        // only, as the top of the archive's outline and where focus goes back to.
        HeaderMode::Compact => "folio-header folio-header--compact",
        HeaderMode::None => "folio-visually-hidden",
    };
    if mode != HeaderMode::Full {
        return view! {
            <header class=class>
                <Heading depth=1 class="folio-header__title folio-title" focusable=true lang dir=Some(dir)>{title}</Heading>
            </header>
        }
        .into_any();
    }
    let several = authors.len() > 1;
    let authors_label = if authors.len() == 1 {
        t(Msg::Author)
    } else {
        t(Msg::Authors)
    };
    view! {
        <header class="folio-header">
            <div class="folio-header__masthead">
                {icon.map(|src| view! { <img class="folio-header__icon" src=src alt="" width="56" height="56" referrerpolicy="no-referrer" /> })}
                <div>
                    <Heading depth=1 class="folio-header__title folio-title" focusable=true lang=lang.clone() dir=Some(dir)>{title}</Heading>
                    {description.map(|d| view! { <p class="folio-header__description" lang=lang dir=dir>{d}</p> })}
                    {home.map(|href| view! { <p class="folio-header__home"><a href=href rel=LINK_REL>{t(Msg::VisitWebsite)}</a></p> })}
                    {feed.map(|href| view! { <p class="folio-header__subscribe"><a href=href type="application/feed+json">{t(Msg::Subscribe)}</a></p> })}
                </div>
            </div>
            {(!authors.is_empty()).then(|| {
                let list = if authors.len() == 1 {
                    authors.into_iter().map(|author| view! { <li><AuthorProfile author /></li> }).collect_view().into_any()
                } else {
                    let nav = use_nav();
                    authors.into_iter().map(|author| {
                        let href = nav.href(&Page::author_path(&author.name));
                        view! {
                            <li>
                                <a class="folio-author-chip" href=href>
                                    {author.avatar.map(|src| view! { <img class="folio-author-chip__avatar" src=src alt="" width="32" height="32" referrerpolicy="no-referrer" loading="lazy" /> })}
                                    <bdi class="folio-author-chip__name">{author.name}</bdi>
                                </a>
                            </li>
                        }
                    }).collect_view().into_any()
                };
                let class = if several { "folio-header__author-list folio-header__author-list--row" } else { "folio-header__author-list" };
                view! {
                    <section class="folio-header__authors" aria-label=crate::app::landmark(authors_label)>
                        <ul class=class>{list}</ul>
                    </section>
                }
            })}
        </header>
    }
    .into_any()
}

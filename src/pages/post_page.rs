use crate::i18n::t;
use folio_core::i18n::Msg;
use folio_core::route::Page;
use folio_core::sanitize_policy::LINK_REL;
use folio_core::Post;
use leptos::either::Either;
use leptos::prelude::*;
use std::sync::Arc;

use super::{with_archive, NotFoundPage};
use crate::app::PageHead;
use crate::components::{
    Heading, Highlighted, IndexFailure, PostBody, PostMeta, RelatedPosts, RemoteBody, ShareButton,
};
use crate::data::{Loaded, Shown};
use crate::list_memory::use_list_memory;
use crate::routing::use_nav;

/// `/posts/:slug`: one post in full.
#[component]
pub fn PostPage() -> impl IntoView {
    let nav = use_nav();
    // The slug comes from the address in both routing modes, percent-decoded (Persian
    // slugs arrive encoded).
    // While the router swaps pages, the post can briefly see the next page's address;
    // it keeps its own then, rather than flashing "not found".
    let slug = Memo::new(move |previous: Option<&String>| match nav.page() {
        Page::Post(slug) => slug,
        _ => previous.cloned().unwrap_or_default(),
    });
    // Reached from a search: `?q=` carries the words to mark.
    let highlight = Memo::new(move |previous: Option<&Option<folio_core::query::Query>>| {
        if !matches!(nav.page(), Page::Post(_)) {
            return previous.cloned().flatten();
        }
        nav.query
            .read()
            .iter()
            .find(|(key, _)| key == "q")
            .map(|(_, q)| folio_core::query::Query::parse(q))
            .filter(|q| !q.is_empty())
    });
    with_archive(move |loaded| {
        // What the page shows, settled only when every part it needs is loaded: a chunk
        // arriving for something else does not re-render the post.
        let found = {
            let loaded = loaded.clone();
            Memo::new(move |previous: Option<&Found>| {
                let slug = slug.get();
                let now = find(&loaded, &slug);
                // While a reread manifest's parts load, the post on screen stays.
                match (now, previous) {
                    (Found::Loading, Some(Found::Post(window)))
                        if window.current.post.slug == slug =>
                    {
                        Found::Post(window.clone())
                    }
                    (now, _) => now,
                }
            })
        };
        move || match found.get() {
            Found::Post(window) => Either::Left(
                view! { <PostView loaded=loaded.clone() window highlight=highlight.get() /> },
            ),
            Found::Missing => Either::Right(Either::Left(view! { <NotFoundPage /> })),
            Found::Loading => Either::Right(Either::Right(match loaded.failure() {
                Some(_) => Either::Left(view! { <IndexFailure loaded=loaded.clone() /> }),
                None => Either::Right(view! {
                    <p class="folio-post__loading" role="status">{t(Msg::LoadingPost)}</p>
                }),
            })),
        }
    })
}

/// What the post page has to show.
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant)] // One per post page, rebuilt rarely.
enum Found {
    /// Parts of a sharded index are on their way.
    Loading,
    /// No post has the slug.
    Missing,
    /// The post and its neighbours.
    Post(Window),
}

/// The post with `slug` and its neighbours.
fn find(loaded: &Loaded, slug: &str) -> Found {
    let Some(position) = loaded.locate(slug) else {
        return Found::Loading;
    };
    let Some(position) = position else {
        return Found::Missing;
    };
    let first = position.saturating_sub(1);
    let Some(shown) = loaded.posts(&(first..position + 2).collect::<Vec<_>>()) else {
        return Found::Loading;
    };
    let at = position - first;
    let Some(current) = shown.get(at).cloned() else {
        return Found::Missing;
    };
    let newer = at.checked_sub(1).and_then(|i| shown.get(i));
    let older = shown.get(at + 1);
    Found::Post(Window {
        position,
        newer: newer.map(|s| s.post.clone()),
        current,
        older: older.map(|s| s.post.clone()),
    })
}

/// A post and its neighbours in newest-first order.
#[derive(Debug, Clone, PartialEq)]
struct Window {
    position: usize,
    newer: Option<Post>,
    current: Shown,
    older: Option<Post>,
}

/// The loaded post.
#[component]
fn PostView(
    /// The loaded archive.
    loaded: Arc<Loaded>,
    /// The post and its neighbours.
    window: Window,
    /// Words to mark, when the post was opened from a search.
    highlight: Option<folio_core::query::Query>,
) -> impl IntoView {
    let Window {
        position,
        newer,
        current,
        older,
    } = window;
    let post = current.post;
    let slug = post.slug.clone();
    crate::app::PendingFocus::settle(".folio-title");
    let title = crate::i18n::title_of(&post);
    let (title_lang, title_dir) = crate::i18n::title_text(&post);
    let description = if post.excerpt.is_empty() {
        title.clone()
    } else {
        post.excerpt.clone()
    };
    let lang = post.language.clone();
    let dir = post.text_dir();
    let original = post.original_url().map(str::to_owned);
    let image = post.image.clone();
    let nav = use_nav();
    let back_href = use_list_memory().back_href(nav);
    let body_highlight = highlight.clone();
    let bundle = current
        .body
        .as_ref()
        .and_then(|body| Some((loaded.bundle_url(body)?, body.start, body.len)));
    let body = match (&post.content_html, &post.content_text, &post.content_url, bundle) {
        (None, None, _, Some((url, start, len))) => view! {
            <RemoteBody url range=Some((start, len)) base=loaded.feed_url.clone() highlight=body_highlight lang=lang.clone() dir=Some(dir) />
        }
        .into_any(),
        (None, None, Some(url), None) => {
            view! { <RemoteBody url=url.clone() highlight=body_highlight lang=lang.clone() dir=Some(dir) /> }.into_any()
        }
        (html, text, _, _) => view! {
            <PostBody html=html.clone() text=text.clone() highlight=body_highlight base=loaded.feed_url.clone() lang=lang.clone() dir=Some(dir) />
        }
        .into_any(),
    };
    let title_query = highlight;
    let heading_text = title.clone();

    view! {
        <PageHead title=title.clone() description />
        <article class="folio-post">
            <p class="folio-post__back"><a href=back_href>{t(Msg::BackToArchive)}</a></p>
            <header class="folio-post__header">
                <Heading depth=1 class="folio-post__title folio-title" focusable=true lang=title_lang dir=title_dir><Highlighted text=heading_text query=title_query /></Heading>
                <PostMeta post=post />
            </header>
            {image.map(|src| view! { <img class="folio-post__image" src=src alt="" referrerpolicy="no-referrer" /> })}
            {body}
            {original.map(|href| view! {
                <p class="folio-post__original"><a href=href rel=LINK_REL>{t(Msg::ReadOriginal)}</a></p>
            })}
            <ShareButton title=title.clone() href=nav.href(&Page::post_path(&slug)) />
        </article>
        <nav class="folio-post__nav" aria-label=crate::app::landmark(t(Msg::MorePosts))>
            {newer.map(|p| view! {
                <a href=nav.href(&Page::post_path(&p.slug)) class="folio-post__newer" rel="prev">
                    <span class="folio-post__nav-label">{t(Msg::NewerPost)}</span>
                    {nav_title(&p)}
                </a>
            })}
            {older.map(|p| view! {
                <a href=nav.href(&Page::post_path(&p.slug)) class="folio-post__older" rel="next">
                    <span class="folio-post__nav-label">{t(Msg::OlderPost)}</span>
                    {nav_title(&p)}
                </a>
            })}
        </nav>
        <RelatedPosts loaded=loaded.clone() position />
    }
}

/// A neighbour's title in the next/previous links, in its own language and direction.
fn nav_title(post: &Post) -> impl IntoView {
    let (lang, dir) = crate::i18n::title_text(post);
    view! { <span lang=lang dir=dir>{crate::i18n::title_of(post)}</span> }
}

use folio_core::Post;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::A;
use leptos_router::hooks::{use_params, use_query_map};
use leptos_router::params::Params;
use std::sync::Arc;

use super::{with_archive, NotFoundPage};
use crate::components::{Highlighted, PostBody, PostMeta, RemoteBody};
use crate::config::app_href;
use crate::data::Loaded;
use crate::list_memory::use_list_memory;

/// The post route's parameters.
#[derive(Params, Clone, Debug, PartialEq, Eq)]
pub struct PostParams {
    /// The post's slug.
    pub slug: Option<String>,
}

/// `/posts/:slug`: one post in full.
#[component]
pub fn PostPage() -> impl IntoView {
    let params = use_params::<PostParams>();
    let slug = Memo::new(move |_| {
        params
            .get()
            .ok()
            .and_then(|p| p.slug)
            .map(|s| decode_slug(&s))
            .unwrap_or_default()
    });
    let query = use_query_map();
    // Reached from a search: `?q=` carries the words to mark.
    let highlight = Memo::new(move |_| {
        query
            .read()
            .get("q")
            .map(|q| folio_core::query::Query::parse(&q))
            .filter(|q| !q.is_empty())
    });
    with_archive(move |loaded| {
        move || match loaded.archive.position(&slug.get()) {
            Some(index) => Either::Left(
                view! { <PostView loaded=loaded.clone() index highlight=highlight.get() /> },
            ),
            None => Either::Right(view! { <NotFoundPage /> }),
        }
    })
}

/// Path segments arrive percent-encoded when the slug is not ASCII (Persian titles).
fn decode_slug(raw: &str) -> String {
    if raw.contains('%') {
        js_sys::decode_uri_component(raw)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_else(|| raw.to_owned())
    } else {
        raw.to_owned()
    }
}

/// The loaded post.
#[component]
fn PostView(
    /// The loaded archive.
    loaded: Arc<Loaded>,
    /// The post's position in newest-first order.
    index: usize,
    /// Words to mark, when the post was opened from a search.
    highlight: Option<folio_core::query::Query>,
) -> impl IntoView {
    let archive = &loaded.archive;
    let post: Post = archive.posts[index].clone();
    let newer = index
        .checked_sub(1)
        .and_then(|i| archive.posts.get(i))
        .cloned();
    let older = archive.posts.get(index + 1).cloned();
    let title = post.display_title().to_owned();
    let description = if post.excerpt.is_empty() {
        title.clone()
    } else {
        post.excerpt.clone()
    };
    let lang = post.language.clone();
    let dir = post.direction();
    let original = post.original_url().map(str::to_owned);
    let image = post.image.clone();
    let back_href = use_list_memory().back_href(app_href("/"));
    let body_highlight = highlight.clone();
    let body = match (&post.content_html, &post.content_text, &post.content_url) {
        (None, None, Some(url)) => {
            view! { <RemoteBody url=url.clone() highlight=body_highlight /> }.into_any()
        }
        (html, text, _) => view! {
            <PostBody html=html.clone() text=text.clone() highlight=body_highlight />
        }
        .into_any(),
    };
    let title_query = highlight;

    view! {
        <Title text=title.clone() />
        <Meta name="description" content=description />
        <article class="folio-post" lang=lang dir=dir>
            <p class="folio-post__back"><A href=back_href>"← Back to archive"</A></p>
            <header class="folio-post__header">
                <h1 class="folio-post__title" tabindex="-1"><Highlighted text=title.clone() query=title_query /></h1>
                <PostMeta post=post />
            </header>
            {image.map(|src| view! { <img class="folio-post__image" src=src alt="" /> })}
            {body}
            {original.map(|href| view! {
                <p class="folio-post__original"><a href=href>"Read the original post"</a></p>
            })}
        </article>
        <nav class="folio-post__nav" aria-label="More posts">
            {newer.map(|p| view! {
                <A href=app_href(&format!("/posts/{}", p.slug)) attr:class="folio-post__newer" attr:rel="prev">
                    <span class="folio-post__nav-label">"Newer post"</span>
                    <span>{p.display_title().to_owned()}</span>
                </A>
            })}
            {older.map(|p| view! {
                <A href=app_href(&format!("/posts/{}", p.slug)) attr:class="folio-post__older" attr:rel="next">
                    <span class="folio-post__nav-label">"Older post"</span>
                    <span>{p.display_title().to_owned()}</span>
                </A>
            })}
        </nav>
    }
}

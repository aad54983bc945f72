use folio_core::{Archive, Post};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::A;
use leptos_router::hooks::use_query;
use leptos_router::params::Params;
use std::sync::Arc;

use super::with_archive;
use crate::components::{ArchiveHeader, Pagination, PostCard};
use crate::config::app_href;
use crate::list_memory::use_list_memory;

/// Posts on one page of the list.
pub const PAGE_SIZE: usize = 10;

/// The list's state, as it appears in the URL.
#[derive(Params, Clone, Debug, PartialEq, Eq, Default)]
pub struct ListQuery {
    /// 1-based page number.
    pub page: Option<usize>,
    /// Only posts with this tag.
    pub tag: Option<String>,
}

/// `/`: the archive's header, then its posts newest first, a page at a time.
#[component]
pub fn ListPage() -> impl IntoView {
    let query = use_query::<ListQuery>();
    let state = Memo::new(move |_| query.get().unwrap_or_default());
    with_archive(move |archive| view! { <ArchiveList archive state /> })
}

/// The loaded list page.
#[component]
fn ArchiveList(
    /// The loaded archive.
    archive: Arc<Archive>,
    /// The URL's list state.
    #[prop(into)]
    state: Signal<ListQuery>,
) -> impl IntoView {
    let title = archive.title.clone();
    let description = archive.description.clone().unwrap_or_else(|| title.clone());
    let lang = archive.language.clone();
    let dir = archive.direction();

    let filtered = {
        let archive = archive.clone();
        Memo::new(move |_| {
            let tag = state.read().tag.clone();
            archive
                .posts
                .iter()
                .enumerate()
                .filter(|(_, post)| tag.as_ref().is_none_or(|t| post.tags.contains(t)))
                .map(|(index, _)| index)
                .collect::<Vec<usize>>()
        })
    };
    let total_pages = Memo::new(move |_| filtered.read().len().div_ceil(PAGE_SIZE).max(1));
    let current_page =
        Memo::new(move |_| state.read().page.unwrap_or(1).clamp(1, total_pages.get()));
    let visible = {
        let archive = archive.clone();
        Memo::new(move |_| {
            let start = (current_page.get() - 1) * PAGE_SIZE;
            filtered
                .read()
                .iter()
                .skip(start)
                .take(PAGE_SIZE)
                .map(|&i| archive.posts[i].clone())
                .collect::<Vec<Post>>()
        })
    };
    let list_href = app_href("/");
    let href_for = Callback::new(move |page: usize| {
        let mut params = Vec::new();
        if let Some(tag) = state.read().tag.as_deref() {
            let encoded: String = js_sys::encode_uri_component(tag).into();
            params.push(format!("tag={encoded}"));
        }
        if page > 1 {
            params.push(format!("page={page}"));
        }
        if params.is_empty() {
            list_href.clone()
        } else {
            format!("{list_href}?{}", params.join("&"))
        }
    });
    let tag_heading = move || {
        state.read().tag.clone().map(|tag| {
            view! {
                <p class="folio-list__filter">
                    "Posts tagged " <strong>{tag}</strong> " · " <A href=app_href("/")>"Show all posts"</A>
                </p>
            }
        })
    };
    let is_empty = move || filtered.read().is_empty();
    let page_title = move || {
        let page = current_page.get();
        if page > 1 {
            format!("{title} — page {page}")
        } else {
            title.clone()
        }
    };

    let memory = use_list_memory();
    Effect::new(move |_| memory.restore_if_here());
    // A new page of results starts at its heading, for keyboard and screen reader users.
    Effect::new(move |previous: Option<usize>| {
        let page = current_page.get();
        if previous.is_some_and(|p| p != page) {
            request_animation_frame(|| crate::app::focus_first("#folio-posts-heading"));
        }
        page
    });

    view! {
        <Title text=page_title />
        <Meta name="description" content=description />
        <div class="folio-list" lang=lang dir=dir>
            <ArchiveHeader archive=archive.clone() />
            <section
                class="folio-list__posts"
                aria-labelledby="folio-posts-heading"
                on:click=move |_| memory.remember()
            >
                <h2 id="folio-posts-heading" class="folio-list__heading" tabindex="-1">"Posts"</h2>
                {tag_heading}
                <Show when=is_empty>
                    <p class="folio-list__empty">"There are no posts here yet."</p>
                </Show>
                <For each=move || visible.get() key=|post| post.slug.clone() let:post>
                    <PostCard post />
                </For>
                {move || view! { <Pagination current=current_page.get() total=total_pages.get() href_for /> }}
            </section>
        </div>
    }
}

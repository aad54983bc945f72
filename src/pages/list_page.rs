use folio_core::list_state::ListState;
use folio_core::route::Page;
use folio_core::search::SearchResults;
use folio_core::Post;
use leptos::prelude::*;
use std::sync::Arc;

use super::with_archive;
use crate::app::PageHead;
use crate::components::{
    ArchiveHeader, FacetList, IndexFailure, MonthArchive, Pagination, PostCard, SearchForm,
};
use crate::config::Config;
use crate::data::Loaded;
use crate::list_memory::use_list_memory;
use crate::routing::use_nav;

/// How long typing must pause before the search is written to the URL (and so to the
/// history). Results do not wait for it.
const URL_DEBOUNCE_MS: u64 = 350;

/// `/`: the archive's header, the filters, then the matching posts a page at a time.
#[component]
pub fn ListPage() -> impl IntoView {
    let nav = use_nav();
    // While the router swaps pages, the list can briefly see a post's address; it keeps
    // its last state then, rather than re-rendering (and moving focus) for page 1.
    let state = Memo::new(move |previous: Option<&ListState>| {
        if nav.page() != Page::List {
            return previous.cloned().unwrap_or_default();
        }
        let pairs = nav.query.read();
        let mut state = ListState::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        // A static list page's address, `/page/N`, names the page in its path.
        if !pairs.iter().any(|(k, _)| k == "page") {
            if let Some(n) = folio_core::route::list_page_of_path(&nav.path.read()) {
                state.page = n;
            }
        }
        state
    });
    with_archive(move |loaded| view! { <ArchiveList loaded state /> })
}

/// The in-app address of the list in a given state.
fn list_address(state: &ListState) -> String {
    let query = state.to_query();
    if query.is_empty() {
        "/".to_owned()
    } else {
        format!("/?{query}")
    }
}

/// The loaded list page.
#[component]
fn ArchiveList(
    /// The archive and its index.
    loaded: Arc<Loaded>,
    /// The URL's list state.
    #[prop(into)]
    state: Signal<ListState>,
) -> impl IntoView {
    let archive_title = loaded.archive.title.clone();
    let description = loaded
        .archive
        .description
        .clone()
        .unwrap_or_else(|| archive_title.clone());
    let lang = loaded.archive.language.clone();
    let dir = loaded.archive.direction();
    // Read once here: callbacks run from timers and events, outside the component tree
    // where context lives.
    let nav = use_nav();
    let page_size = use_context::<Config>().unwrap_or_default().page_size;
    let href = move |state: &ListState| nav.href(&list_address(state));
    let go = Callback::new(move |next: ListState| nav.navigate(list_address(&next)));

    // What is in the search box. Results follow it on every keystroke; the URL follows
    // once typing pauses, so history gets one entry per search, not one per letter.
    let typed = RwSignal::new(state.get_untracked().q);
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let on_type = Callback::new(move |text: String| {
        typed.set(text);
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                pending.set_value(None);
                let mut next = state.get_untracked().first_page();
                next.q = typed.get_untracked();
                if next.q != state.get_untracked().q {
                    go.run(next);
                }
            },
            std::time::Duration::from_millis(URL_DEBOUNCE_MS),
        )
        .ok();
        pending.set_value(handle);
    });
    // Leaving the list mid-typing must not navigate back to it when the timer fires.
    on_cleanup(move || {
        if let Some(Some(handle)) = pending.try_get_value() {
            handle.clear();
        }
    });
    // Back, Forward and links change the URL's query; the box follows unless the reader
    // is mid-edit.
    Effect::new(move |_| {
        let url_q = state.read().q.clone();
        if pending.with_value(Option::is_none) && typed.get_untracked() != url_q {
            typed.set(url_q);
        }
    });

    // With a sharded index, a search may need chunks that are not loaded yet: `outcome`
    // is `None` until they arrive, and the list keeps showing the last results meanwhile.
    // Chunks only ever add to what is known, and the results are always computed for
    // the current query, so a slow, older response cannot overwrite a newer one.
    let outcome = {
        let loaded = loaded.clone();
        Memo::new(move |_| {
            let filters = state
                .read()
                .filters_with_query(folio_core::query::Query::parse(&typed.read()));
            let generation = loaded.generation();
            loaded.search(&filters).map(|r| (generation, Arc::new(r)))
        })
    };
    // The last results stand in only while they are from the same manifest: after a
    // redeploy, old positions name other posts.
    let results = {
        let loaded = loaded.clone();
        Memo::new(move |previous: Option<&(u32, Arc<SearchResults>)>| {
            outcome.get().unwrap_or_else(|| {
                let generation = loaded.generation();
                previous
                    .filter(|(g, _)| *g == generation)
                    .cloned()
                    .unwrap_or_default()
            })
        })
    };
    let searching = Memo::new(move |_| outcome.read().is_none());
    let total = Memo::new(move |_| results.read().1.posts.len());
    let total_pages = Memo::new(move |_| total.get().div_ceil(page_size).max(1));
    let current_page = Memo::new(move |_| state.read().page.clamp(1, total_pages.get()));
    let page_posts = {
        let loaded = loaded.clone();
        Memo::new(move |_| {
            let start = (current_page.get() - 1) * page_size;
            let positions: Vec<usize> = results
                .read()
                .1
                .posts
                .iter()
                .skip(start)
                .take(page_size)
                .copied()
                .collect();
            loaded
                .posts(&positions)
                .map(|shown| shown.into_iter().map(|s| s.post).collect::<Vec<Post>>())
        })
    };
    let loading_posts = Memo::new(move |_| page_posts.read().is_none());
    let visible = Memo::new(move |previous: Option<&Vec<Post>>| {
        page_posts
            .get()
            .or_else(|| previous.cloned())
            .unwrap_or_default()
    });
    let href_for = Callback::new(move |page: usize| {
        let mut next = state.get_untracked();
        next.q = typed.get_untracked();
        next.page = page;
        href(&next)
    });
    let month_href = Callback::new(move |(year, month): (i32, u32)| {
        href(&state.get_untracked().month(year, month))
    });
    let preparing = {
        let loaded = loaded.clone();
        Memo::new(move |_| loaded.preparing())
    };
    let count_text = move || match total.get() {
        _ if searching.get() && preparing.get() => "Preparing search…".to_owned(),
        _ if searching.get() => "Searching…".to_owned(),
        _ if loading_posts.get() => "Loading posts…".to_owned(),
        0 => "No posts match.".to_owned(),
        1 => "1 post".to_owned(),
        n => format!("{n} posts"),
    };
    let is_empty_archive = loaded.count() == 0;
    let page_title = move || {
        let page = current_page.get();
        if page > 1 {
            format!("{archive_title} — page {page}")
        } else {
            archive_title.clone()
        }
    };
    let tag_facets = move || {
        let current = state.read();
        let entries = results
            .read()
            .1
            .tags
            .iter()
            .take(20)
            .map(|(tag, count)| {
                (
                    tag.clone(),
                    *count,
                    href(&current.toggle_tag(tag)),
                    current.tags.contains(tag),
                )
            })
            .collect::<Vec<_>>();
        view! { <FacetList title="Tags" entries /> }
    };
    let author_facets = move || {
        let current = state.read();
        let entries = results
            .read()
            .1
            .authors
            .iter()
            .map(|(name, count)| {
                let active = current.author.as_deref() == Some(name.as_str());
                (
                    name.clone(),
                    *count,
                    href(&current.toggle_author(name)),
                    active,
                )
            })
            .collect::<Vec<_>>();
        view! { <FacetList title="Authors" entries /> }
    };
    // The newest year starts open; the reader's choices then persist across re-renders.
    let newest_year = loaded.newest_year();
    let open_years = RwSignal::new(
        newest_year
            .into_iter()
            .collect::<std::collections::BTreeSet<i32>>(),
    );
    let months = move || {
        view! { <MonthArchive months=results.read().1.months.clone() href_for=month_href open_years /> }
    };

    let memory = use_list_memory();
    Effect::new(move |_| memory.restore_if_here(nav));
    // A new page of results starts at its heading, for keyboard and screen reader users.
    Effect::new(move |previous: Option<usize>| {
        let page = current_page.get();
        if previous.is_some_and(|p| p != page) {
            request_animation_frame(|| crate::app::focus_if_present("#folio-posts-heading"));
        }
        page
    });

    view! {
        <PageHead title=Signal::derive(page_title) description />
        <div class="folio-list" lang=lang dir=dir>
            <ArchiveHeader
                title=loaded.archive.title.clone()
                description=loaded.archive.description.clone()
                icon=loaded.archive.icon.clone().or_else(|| loaded.archive.favicon.clone())
                home=loaded.archive.home_page_url.clone()
                authors=loaded.archive.authors.clone()
            />
            <Show when=move || !is_empty_archive>
                <SearchForm state typed on_type on_change=go />
            </Show>
            <div class="folio-list__layout">
                <section
                    class="folio-list__posts"
                    aria-labelledby="folio-posts-heading"
                    on:click=move |_| memory.remember(nav)
                >
                    <h2 id="folio-posts-heading" class="folio-list__heading" tabindex="-1">"Posts"</h2>
                    <p class="folio-list__count" role="status">{count_text}</p>
                    <IndexFailure loaded=loaded.clone() />
                    <Show when=move || is_empty_archive>
                        <p class="folio-list__empty">"There are no posts here yet."</p>
                    </Show>
                    <For each=move || visible.get() key=|post| post.slug.clone() let:post>
                        <PostCard post search=typed />
                    </For>
                    {move || view! { <Pagination current=current_page.get() total=total_pages.get() href_for /> }}
                </section>
                <aside class="folio-list__facets" aria-label="Filters">
                    {tag_facets}
                    {author_facets}
                    {months}
                </aside>
            </div>
        </div>
    }
}

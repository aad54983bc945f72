use folio_core::i18n::Msg;
use folio_core::list_state::ListState;
use folio_core::route::Page;
use folio_core::search::SearchResults;
use folio_core::{Author, Post};
use leptos::prelude::*;
use std::sync::Arc;

use super::{with_archive, NotFoundPage};
use crate::app::landmark;
use crate::app::PageHead;
use crate::components::{
    ArchiveHeader, AuthorHeader, FacetList, Heading, IndexFailure, MonthArchive, Pagination,
    PostCard, SearchForm,
};
use crate::config::Config;
use crate::data::Loaded;
use crate::list_memory::use_list_memory;
use crate::routing::use_nav;

/// How long typing must pause before the search is written to the URL (and so to the
/// history). Results do not wait for it.
const URL_DEBOUNCE_MS: u64 = 350;

/// `/` and `/authors/<slug>`: the archive's (or the author's) header, the filters, then
/// the matching posts a page at a time. An author's page is the list scoped to them.
#[component]
pub fn ListPage() -> impl IntoView {
    let nav = use_nav();
    // Which list: `None` for the archive's, else the author's slug. While the router swaps
    // pages, the list can briefly see a post's address; it keeps its last state then,
    // rather than re-rendering (and moving focus) for page 1.
    let scope = Memo::new(move |previous: Option<&Option<String>>| match nav.page() {
        Page::List => None,
        Page::Author(slug) => Some(slug),
        _ => previous.cloned().flatten(),
    });
    let state = Memo::new(move |previous: Option<&ListState>| {
        if !matches!(nav.page(), Page::List | Page::Author(_)) {
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
        // On an author's page the path names the author.
        if scope.read_untracked().is_some() {
            state.author = None;
        }
        state
    });
    with_archive(move |loaded| {
        // Another author's page is a new list: its own search box, facets and focus.
        move || match scope.get() {
            None => view! { <ArchiveList loaded=loaded.clone() state author=None /> }.into_any(),
            Some(slug) => match loaded.archive.author(&slug).cloned() {
                Some(author) => {
                    view! { <ArchiveList loaded=loaded.clone() state author=Some(author) /> }
                        .into_any()
                }
                None => view! { <NotFoundPage /> }.into_any(),
            },
        }
    })
}

/// What is in the search box, and the callback for each keystroke. Results follow the
/// box on every keystroke; the URL follows once typing pauses (`go`), so history gets
/// one entry per search, not one per letter. Back, Forward and links that change the
/// URL's query change the box too, unless the reader is mid-edit.
fn typed_query(
    state: Signal<ListState>,
    go: Callback<ListState>,
) -> (RwSignal<String>, Callback<String>) {
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
    Effect::new(move |_| {
        let url_q = state.read().q.clone();
        if pending.with_value(Option::is_none) && typed.get_untracked() != url_q {
            typed.set(url_q);
        }
    });
    (typed, on_type)
}

/// The in-app address of a list (the archive's, or an author's) in a given state.
fn list_address(path: &str, state: &ListState) -> String {
    let query = state.to_query();
    if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{query}")
    }
}

/// The loaded list page: the header, the search form, a page of matching posts, the
/// facets and the month archive. The pieces below do the work; this puts them together.
#[component]
fn ArchiveList(
    /// The archive and its index.
    loaded: Arc<Loaded>,
    /// The URL's list state.
    #[prop(into)]
    state: Signal<ListState>,
    /// On an author's page, the author: the list is scoped to their posts.
    author: Option<Author>,
) -> impl IntoView {
    let ui = crate::i18n::lang();
    let (archive_title, description) = title_and_description(&loaded, author.as_ref());
    // Read once here: callbacks run from timers and events, outside the component tree
    // where context lives.
    let nav = use_nav();
    let config = use_context::<Config>().unwrap_or_default();
    let path = StoredValue::new(Page::list_path(
        author.as_ref().map(Author::slug).as_deref(),
    ));
    let href =
        move |state: &ListState| path.with_value(|path| nav.href(&list_address(path, state)));
    let go = Callback::new(move |next: ListState| {
        path.with_value(|path| nav.navigate(list_address(path, &next)));
    });
    let (typed, on_type) = typed_query(state, go);
    let found = ListResults::new(&loaded, state, typed, author.as_ref());
    let shown = ResultsPage::new(&loaded, &found, state, config.page_size);
    let href_for = Callback::new(move |page: usize| {
        let mut next = state.get_untracked();
        next.q = typed.get_untracked();
        next.page = page;
        href(&next)
    });
    let month_href = Callback::new(move |(year, month): (i32, u32)| {
        href(&state.get_untracked().month(year, month))
    });
    let count_text = count_text(&loaded, &found, &shown);
    let is_empty_archive = loaded.count() == 0;
    let current_page = shown.current;
    let page_title = move || match current_page.get() {
        1 => archive_title.clone(),
        page => ui.fill(
            Msg::PageTitleN,
            &[("title", &archive_title), ("n", &ui.number(page))],
        ),
    };
    let memory = use_list_memory();
    Effect::new(move |_| memory.restore_if_here(nav));
    focus_heading_on_new_page(current_page);

    let results = found.results;
    let on_author_page = author.is_some();
    let months_loaded = loaded.clone();
    let facets = view! {
        <FacetsRegion>
            <ListFacets state results=Signal::derive(move || results.get().1) path on_author_page />
            <ListMonths loaded=months_loaded.clone() results month_href />
        </FacetsRegion>
    };
    let visible = shown.visible;
    let total_pages = shown.total_pages;
    view! {
        <PageHead title=Signal::derive(page_title) description />
        <div class="folio-list">
            {match author {
                Some(author) => view! {
                    <AuthorHeader author archive_title=loaded.archive.title.clone() home=nav.href("/") />
                }
                .into_any(),
                None => view! {
                    <ArchiveHeader
                        title=loaded.archive.title.clone()
                        description=loaded.archive.description.clone()
                        icon=loaded.archive.icon.clone().or_else(|| loaded.archive.favicon.clone())
                        home=loaded.archive.home_page_url.clone()
                        authors=loaded.archive.authors.clone()
                        feed=loaded.subscribe_url().map(str::to_owned)
                        mode=config.header
                        lang=loaded.archive.language.clone()
                        dir=loaded.archive.text_dir()
                    />
                }
                .into_any(),
            }}
            {(!is_empty_archive).then(|| view! { <SearchForm state typed on_type on_change=go /> })}
            <div class="folio-list__layout">
                <section
                    class="folio-list__posts"
                    aria-label=landmark(ui.text(Msg::Posts))
                    on:click=move |_| memory.remember(nav)
                >
                    <Heading depth=2 id="folio-posts-heading" class="folio-list__heading" focusable=true>{ui.text(Msg::Posts)}</Heading>
                    <p class="folio-list__count" role="status">{count_text}</p>
                    <IndexFailure loaded=loaded.clone() />
                    {is_empty_archive.then(|| view! {
                        <p class="folio-list__empty">{ui.text(Msg::EmptyArchive)}</p>
                    })}
                    <For each=move || visible.get() key=|post| post.slug.clone() let:post>
                        <PostCard post search=typed />
                    </For>
                    {move || view! { <Pagination current=current_page.get() total=total_pages.get() href_for /> }}
                </section>
                {facets}
            </div>
        </div>
    }
}

/// The document title and description of a list: the archive's, or on an author's page
/// "<name> — <archive>" and their bio.
fn title_and_description(loaded: &Loaded, author: Option<&Author>) -> (String, String) {
    let ui = crate::i18n::lang();
    match author {
        Some(author) => (
            format!("{} — {}", author.name, loaded.archive.title),
            author
                .bio
                .clone()
                .unwrap_or_else(|| ui.fill(Msg::PostsBy, &[("name", &author.name)])),
        ),
        None => (
            loaded.archive.title.clone(),
            loaded
                .archive
                .description
                .clone()
                .unwrap_or_else(|| loaded.archive.title.clone()),
        ),
    }
}

/// The search's results for the URL's filters and the typed words, scoped to the
/// page's author.
struct ListResults {
    /// The manifest generation they are from, and the results.
    results: Memo<(u32, Arc<SearchResults>)>,
    /// True while a sharded index's chunks for the current search are on their way (the
    /// last results stand in meanwhile).
    searching: Memo<bool>,
}

impl ListResults {
    fn new(
        loaded: &Arc<Loaded>,
        state: Signal<ListState>,
        typed: RwSignal<String>,
        author: Option<&Author>,
    ) -> Self {
        let scoped_name = author.map(|a| a.name.clone());
        let filters = move || {
            let mut filters = state
                .read()
                .filters_with_query(folio_core::query::Query::parse(&typed.read()));
            if scoped_name.is_some() {
                filters.author.clone_from(&scoped_name);
            }
            filters
        };
        // With a sharded index, a search may need chunks that are not loaded yet:
        // `outcome` is `None` until they arrive. Chunks only ever add to what is known, and
        // the results are always computed for the current query, so a slow, older
        // response cannot overwrite a newer one.
        let outcome = {
            let loaded = loaded.clone();
            Memo::new(move |_| {
                let filters = filters();
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
        Self { results, searching }
    }
}

/// The page of results the URL asks for, clamped to the pages there are.
struct ResultsPage {
    /// Its number.
    current: Memo<usize>,
    /// How many pages the results fill.
    total_pages: Memo<usize>,
    /// Its posts (the last shown, while a sharded index's records are on their way).
    visible: Memo<Vec<Post>>,
    /// True while those records are on their way.
    loading: Memo<bool>,
}

impl ResultsPage {
    fn new(
        loaded: &Arc<Loaded>,
        found: &ListResults,
        state: Signal<ListState>,
        page_size: usize,
    ) -> Self {
        let results = found.results;
        let total = Memo::new(move |_| results.read().1.posts.len());
        let total_pages = Memo::new(move |_| total.get().div_ceil(page_size).max(1));
        let current = Memo::new(move |_| state.read().page.clamp(1, total_pages.get()));
        let page_posts = {
            let loaded = loaded.clone();
            Memo::new(move |_| {
                let start = (current.get() - 1) * page_size;
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
        let loading = Memo::new(move |_| page_posts.read().is_none());
        let visible = Memo::new(move |previous: Option<&Vec<Post>>| {
            page_posts
                .get()
                .or_else(|| previous.cloned())
                .unwrap_or_default()
        });
        Self {
            current,
            total_pages,
            visible,
            loading,
        }
    }
}

/// The live count line: how many posts match, or what the list is waiting for.
fn count_text(
    loaded: &Arc<Loaded>,
    found: &ListResults,
    shown: &ResultsPage,
) -> impl Fn() -> String + Send + Sync + 'static {
    let ui = crate::i18n::lang();
    let preparing = {
        let loaded = loaded.clone();
        Memo::new(move |_| loaded.preparing())
    };
    let (results, searching, loading) = (found.results, found.searching, shown.loading);
    move || match results.read().1.posts.len() {
        _ if searching.get() && preparing.get() => ui.text(Msg::PreparingSearch).to_owned(),
        _ if searching.get() => ui.text(Msg::Searching).to_owned(),
        _ if loading.get() => ui.text(Msg::LoadingPosts).to_owned(),
        0 => ui.text(Msg::NoMatch).to_owned(),
        n => ui.count(Msg::CountPosts, n),
    }
}

/// A new page of results starts at its heading, for keyboard and screen reader users.
fn focus_heading_on_new_page(current_page: Memo<usize>) {
    let root = crate::config::app_root();
    Effect::new(move |previous: Option<usize>| {
        let page = current_page.get();
        if previous.is_some_and(|p| p != page) {
            let root = root.clone();
            request_animation_frame(move || {
                if let Some(root) = root {
                    root.focus_if_present("#folio-posts-heading");
                }
            });
        }
        page
    });
}

/// The region that holds the facets and months. A whole page's filters are its
/// complementary landmark. Embedded, they are a region of the archive: the host may have
/// put the archive in a landmark of its own, and a complementary landmark must not be
/// inside another.
#[component]
fn FacetsRegion(children: Children) -> impl IntoView {
    let label = landmark(crate::i18n::t(Msg::Filters));
    if use_context::<Config>().unwrap_or_default().owns_document {
        view! { <aside class="folio-list__facets" aria-label=label>{children()}</aside> }.into_any()
    } else {
        view! { <section class="folio-list__facets" aria-label=label>{children()}</section> }
            .into_any()
    }
}

/// The month archive of the results. The newest year of this list starts open (the
/// author's, on an author's page); the reader's choices then persist across re-renders.
#[component]
fn ListMonths(
    /// The archive.
    loaded: Arc<Loaded>,
    /// The results whose months are counted.
    results: Memo<(u32, Arc<SearchResults>)>,
    /// The href of a month's list.
    month_href: Callback<(i32, u32), String>,
) -> impl IntoView {
    let newest_year = results
        .with_untracked(|r| r.1.months.first().map(|m| m.year))
        .or_else(|| loaded.newest_year());
    let open_years = RwSignal::new(
        newest_year
            .into_iter()
            .collect::<std::collections::BTreeSet<i32>>(),
    );
    move || {
        view! { <MonthArchive months=results.read().1.months.clone() href_for=month_href open_years /> }
    }
}

/// The list's facets: categories and tags toggle filters; an author leads to their
/// page, with the search carried along (and on an author's page there is no author
/// facet).
#[component]
fn ListFacets(
    /// The URL's list state.
    #[prop(into)]
    state: Signal<ListState>,
    /// The results the facets count.
    #[prop(into)]
    results: Signal<Arc<SearchResults>>,
    /// The list's in-app path (`/`, or the author's page).
    path: StoredValue<String>,
    /// Whether the list is an author's page.
    on_author_page: bool,
) -> impl IntoView {
    let ui = crate::i18n::lang();
    let nav = use_nav();
    let href =
        move |state: &ListState| path.with_value(|path| nav.href(&list_address(path, state)));
    move || {
        let current = state.read();
        let results = results.read();
        let categories = facet_entries(&results.categories, 20, |category| {
            (
                href(&current.toggle_category(category)),
                current.categories.iter().any(|c| c == category),
            )
        });
        let tags = facet_entries(&results.tags, 20, |tag| {
            (
                href(&current.toggle_tag(tag)),
                current.tags.iter().any(|t| t == tag),
            )
        });
        let authors = if on_author_page {
            Vec::new()
        } else {
            let carried = ListState {
                author: None,
                ..current.first_page()
            };
            facet_entries(&results.authors, usize::MAX, |name| {
                let address = list_address(&Page::author_path(name), &carried);
                (nav.href(&address), false)
            })
        };
        view! {
            <FacetList title=ui.text(Msg::Categories) label=ui.text(Msg::FilterByCategories) entries=categories />
            <FacetList title=ui.text(Msg::Tags) label=ui.text(Msg::FilterByTags) entries=tags />
            <FacetList title=ui.text(Msg::Authors) label=ui.text(Msg::FilterByAuthors) entries=authors />
        }
    }
}

/// A facet's entries, most used first (as counted), at most `limit`: label, count, and
/// the link and whether it is active, from `link`.
fn facet_entries(
    counts: &[(String, usize)],
    limit: usize,
    link: impl Fn(&str) -> (String, bool),
) -> Vec<(String, usize, String, bool)> {
    counts
        .iter()
        .take(limit)
        .map(|(label, count)| {
            let (href, active) = link(label);
            (label.clone(), *count, href, active)
        })
        .collect()
}

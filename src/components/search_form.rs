use chrono::NaiveDate;
use folio_core::list_state::{format_day, parse_day, ListState};
use folio_core::search::Sort;
use leptos::prelude::*;

/// The search box, the date range and the sort order.
///
/// The search box reports each keystroke through `on_type` (results follow at once);
/// the other controls report a whole new state through `on_change`.
#[component]
pub fn SearchForm(
    /// The state in the URL.
    #[prop(into)]
    state: Signal<ListState>,
    /// What is in the search box right now, which may be ahead of the URL.
    #[prop(into)]
    typed: Signal<String>,
    /// Called with the search box's text on every input.
    on_type: Callback<String>,
    /// Called with the state a control asks for.
    on_change: Callback<ListState>,
) -> impl IntoView {
    let day_value = |day: Option<NaiveDate>| day.map(format_day).unwrap_or_default();
    let set_day = move |value: String, is_from: bool| {
        let day = parse_day(&value);
        let mut next = state.get_untracked().first_page();
        if is_from {
            next.from = day;
        } else {
            next.to = day;
        }
        on_change.run(next);
    };
    let set_sort = move |value: String| {
        let mut next = state.get_untracked().first_page();
        next.sort = Sort::from_param(&value);
        on_change.run(next);
    };
    let bad_range = move || state.read().filters().bad_range();
    let clear = move |_| {
        on_change.run(ListState {
            page: 1,
            sort: state.get_untracked().sort,
            ..ListState::default()
        });
    };
    let has_filters = move || state.read().is_filtered() || !typed.read().trim().is_empty();

    view! {
        <form class="folio-search" role="search" on:submit=|ev| ev.prevent_default()>
            <div class="folio-search__field folio-search__field--query">
                <label for="folio-q">"Search"</label>
                <input
                    id="folio-q"
                    class="folio-search__input"
                    type="search"
                    autocomplete="off"
                    spellcheck="false"
                    prop:value=move || typed.get()
                    on:input:target=move |ev| on_type.run(ev.target().value())
                />
            </div>
            <div class="folio-search__field">
                <label for="folio-from">"From"</label>
                <input
                    id="folio-from"
                    class="folio-search__date"
                    type="date"
                    prop:value=move || day_value(state.read().from)
                    on:change:target=move |ev| set_day(ev.target().value(), true)
                />
            </div>
            <div class="folio-search__field">
                <label for="folio-to">"To"</label>
                <input
                    id="folio-to"
                    class="folio-search__date"
                    type="date"
                    prop:value=move || day_value(state.read().to)
                    on:change:target=move |ev| set_day(ev.target().value(), false)
                />
            </div>
            <div class="folio-search__field">
                <label for="folio-sort">"Sort"</label>
                <select
                    id="folio-sort"
                    class="folio-search__sort"
                    prop:value=move || state.read().sort.param()
                    on:change:target=move |ev| set_sort(ev.target().value())
                >
                    <option value=Sort::Relevance.param()>"Best match"</option>
                    <option value=Sort::Newest.param()>"Newest first"</option>
                </select>
            </div>
            <Show when=has_filters>
                <button class="folio-button folio-button--quiet" type="button" on:click=clear>
                    "Clear filters"
                </button>
            </Show>
        </form>
        <Show when=bad_range>
            <p class="folio-search__problem" role="alert">
                "The “From” date is after the “To” date. Change one of them to see posts."
            </p>
        </Show>
    }
}

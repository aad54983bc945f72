use crate::i18n::{lang, t};
use chrono::NaiveDate;
use folio_core::i18n::{Lang, Msg};
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
    // Memos, so that the button and the note below are built once when they appear,
    // not again on every keystroke while they show.
    let bad_range = Memo::new(move |_| state.read().filters().bad_range());
    let clear = move |_| {
        on_change.run(ListState {
            page: 1,
            sort: state.get_untracked().sort,
            ..ListState::default()
        });
    };
    let has_filters =
        Memo::new(move |_| state.read().is_filtered() || !typed.read().trim().is_empty());

    // `/` focuses the search box, as on most sites with search. A whole-page install
    // listens on the page; an embedded archive only while focus is inside it, so the
    // host page keeps the key for itself everywhere else.
    let owns_document = use_context::<crate::config::Config>()
        .unwrap_or_default()
        .owns_document;
    focus_on_slash(owns_document);
    // Escape empties the box (and, once typing pauses, the URL); an empty box leaves
    // the key to the browser.
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && !typed.read_untracked().is_empty() {
            ev.prevent_default();
            on_type.run(String::new());
        }
    };

    view! {
        <form class="folio-search" role="search" aria-label=crate::app::landmark(t(Msg::Search)) on:submit=|ev| ev.prevent_default()>
            <div class="folio-search__field folio-search__field--query">
                <label for="folio-q">{t(Msg::Search)}</label>
                <input
                    id="folio-q"
                    class="folio-search__input"
                    type="search"
                    autocomplete="off"
                    spellcheck="false"
                    aria-describedby="folio-q-hint"
                    prop:value=move || typed.get()
                    on:input:target=move |ev| on_type.run(ev.target().value())
                    on:keydown=on_keydown
                />
                <KeyHint owns_document />
            </div>
            <div class="folio-search__field">
                <label for="folio-from">{t(Msg::From)}</label>
                <input
                    id="folio-from"
                    class="folio-search__date"
                    type="date"
                    prop:value=move || day_value(state.read().from)
                    on:change:target=move |ev| set_day(ev.target().value(), true)
                />
                <CalendarDay day=Signal::derive(move || state.read().from) />
            </div>
            <div class="folio-search__field">
                <label for="folio-to">{t(Msg::To)}</label>
                <input
                    id="folio-to"
                    class="folio-search__date"
                    type="date"
                    prop:value=move || day_value(state.read().to)
                    on:change:target=move |ev| set_day(ev.target().value(), false)
                />
                <CalendarDay day=Signal::derive(move || state.read().to) />
            </div>
            <div class="folio-search__field">
                <label for="folio-sort">{t(Msg::Sort)}</label>
                <select
                    id="folio-sort"
                    class="folio-search__sort"
                    prop:value=move || state.read().sort.param()
                    on:change:target=move |ev| set_sort(ev.target().value())
                >
                    <option value=Sort::Relevance.param()>{t(Msg::SortRelevance)}</option>
                    <option value=Sort::Newest.param()>{t(Msg::SortNewest)}</option>
                </select>
            </div>
            {move || has_filters.get().then(|| view! {
                <button class="folio-button folio-button--quiet" type="button" on:click=clear>
                    {t(Msg::ClearFilters)}
                </button>
            })}
        </form>
        {move || bad_range.get().then(|| view! {
            <p class="folio-search__problem" role="alert">
                {t(Msg::BadRange)}
            </p>
        })}
    }
}

/// A date input's day in the interface's own calendar and language, beside the input
/// (whose own format is the browser's, always Gregorian): for Persian, the Solar Hijri
/// date. Nothing for English.
#[component]
fn CalendarDay(#[prop(into)] day: Signal<Option<NaiveDate>>) -> impl IntoView {
    let ui = lang();
    move || {
        let day = day.get().filter(|_| ui != Lang::En)?;
        let text = crate::format::long_day(day, ui.tag());
        Some(view! { <span class="folio-search__calendar">{text}</span> })
    }
}

/// What the keys do, under the search box.
#[component]
fn KeyHint(owns_document: bool) -> impl IntoView {
    let template = t(if owns_document {
        Msg::KeyHintPage
    } else {
        Msg::KeyHintEmbedded
    });
    // The message names the keys as placeholders, each shown as a <kbd>.
    let mut parts = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        parts.push(rest[..open].to_owned().into_any());
        let key = match &rest[open + 1..open + close] {
            "slash" => "/",
            "esc" => "Esc",
            other => other,
        };
        parts.push(view! { <kbd>{key.to_owned()}</kbd> }.into_any());
        rest = &rest[open + close + 1..];
    }
    parts.push(rest.to_owned().into_any());
    view! { <p id="folio-q-hint" class="folio-search__hint">{parts}</p> }
}

/// Focuses the search box when the reader presses `/` (see [`is_shortcut_target`]),
/// while the form is on the page.
fn focus_on_slash(owns_document: bool) {
    let Some(root) = crate::config::app_root() else {
        return;
    };
    let slash = window_event_listener(leptos::ev::keydown, move |ev| {
        let plain = !ev.ctrl_key() && !ev.meta_key() && !ev.alt_key() && !ev.default_prevented();
        if ev.key() == "/" && plain && is_shortcut_target(&ev, owns_document, &root) {
            ev.prevent_default();
            root.focus_if_present("#folio-q");
        }
    });
    on_cleanup(move || slash.remove());
}

/// True when a `/` keypress is the reader asking for search: not typed into a field, and,
/// for an embedded archive, pressed while focus is inside it.
fn is_shortcut_target(
    ev: &web_sys::KeyboardEvent,
    owns_document: bool,
    root: &crate::config::AppRoot,
) -> bool {
    use wasm_bindgen::JsCast;
    // Events from a shadow root reach the window retargeted to its host; the composed
    // path starts at the element that really has focus.
    let path = ev.composed_path();
    let Some(target) = path.get(0).dyn_into::<web_sys::Element>().ok() else {
        return owns_document;
    };
    let tag = target.tag_name().to_ascii_lowercase();
    let typing = matches!(tag.as_str(), "input" | "textarea" | "select")
        || target
            .dyn_ref::<web_sys::HtmlElement>()
            .is_some_and(web_sys::HtmlElement::is_content_editable);
    if typing {
        return false;
    }
    owns_document
        || root
            .query(".folio")
            .is_some_and(|app| app.contains(Some(&target)))
}

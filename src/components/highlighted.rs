use folio_core::query::Query;
use leptos::prelude::*;

/// Text with the words that match `query` wrapped in `<mark>`.
#[component]
pub fn Highlighted(
    /// The plain text to show.
    text: String,
    /// The reader's query; nothing is marked without one.
    query: Option<Query>,
) -> impl IntoView {
    let Some(query) = query else {
        return text.into_any();
    };
    query
        .segments(&text)
        .into_iter()
        .map(|(piece, marked)| {
            if marked {
                view! { <mark class="folio-mark">{piece.to_owned()}</mark> }.into_any()
            } else {
                piece.to_owned().into_any()
            }
        })
        .collect_view()
        .into_any()
}

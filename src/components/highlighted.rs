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
    let ranges = query.map(|q| q.highlights(&text)).unwrap_or_default();
    let mut pieces = Vec::with_capacity(ranges.len() * 2 + 1);
    let mut at = 0;
    for (start, end) in ranges {
        if start > at {
            pieces.push(text[at..start].to_owned().into_any());
        }
        pieces.push(
            view! { <mark class="folio-mark">{text[start..end].to_owned()}</mark> }.into_any(),
        );
        at = end;
    }
    if at < text.len() {
        pieces.push(text[at..].to_owned().into_any());
    }
    pieces
}

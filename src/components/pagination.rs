use folio_core::list_state::page_window;
use leptos::prelude::*;

/// Previous, numbered and next links for a paged list.
#[component]
pub fn Pagination(
    /// The page shown, from 1.
    current: usize,
    /// How many pages there are.
    total: usize,
    /// The link for a page number.
    href_for: Callback<usize, String>,
) -> impl IntoView {
    (total > 1).then(|| {
        // Plain anchors: the router handles their clicks, and they cost less than <A>.
        let prev = (current > 1).then(|| {
            let href = href_for.run(current - 1);
            view! { <a href=href class="folio-pagination__prev" rel="prev">"← Newer posts"</a> }
        });
        let next = (current < total).then(|| {
            let href = href_for.run(current + 1);
            view! { <a href=href class="folio-pagination__next" rel="next">"Older posts →"</a> }
        });
        let pages = page_window(current, total)
            .into_iter()
            .map(|entry| match entry {
                None => view! { <li class="folio-pagination__gap" aria-hidden="true">"…"</li> }.into_any(),
                Some(n) if n == current => {
                    let label = format!("Page {n}");
                    view! { <li><span class="folio-pagination__current" aria-current="page" aria-label=label>{n}</span></li> }.into_any()
                }
                Some(n) => {
                    let label = format!("Page {n}");
                    let href = href_for.run(n);
                    view! { <li><a href=href class="folio-pagination__page" aria-label=label>{n}</a></li> }.into_any()
                }
            })
            .collect_view();
        view! {
            <nav class="folio-pagination" aria-label="Pages">
                {prev}
                <ul class="folio-pagination__pages">{pages}</ul>
                {next}
            </nav>
        }
    })
}

use leptos::prelude::*;
use leptos_router::components::A;

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
        let prev = (current > 1).then(|| {
            let href = href_for.run(current - 1);
            view! { <A href=href attr:class="folio-pagination__prev" attr:rel="prev">"← Newer posts"</A> }
        });
        let next = (current < total).then(|| {
            let href = href_for.run(current + 1);
            view! { <A href=href attr:class="folio-pagination__next" attr:rel="next">"Older posts →"</A> }
        });
        let pages = (1..=total)
            .map(|n| {
                let label = format!("Page {n}");
                if n == current {
                    view! { <li><span class="folio-pagination__current" aria-current="page" aria-label=label>{n}</span></li> }.into_any()
                } else {
                    let href = href_for.run(n);
                    view! { <li><A href=href attr:class="folio-pagination__page" attr:aria-label=label>{n}</A></li> }.into_any()
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

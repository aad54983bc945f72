use crate::i18n::{lang, t};
use folio_core::i18n::Msg;
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
            view! { <a href=href class="folio-pagination__prev" rel="prev">{t(Msg::NewerPosts)}</a> }
        });
        let next = (current < total).then(|| {
            let href = href_for.run(current + 1);
            view! { <a href=href class="folio-pagination__next" rel="next">{t(Msg::OlderPosts)}</a> }
        });
        let pages = page_window(current, total)
            .into_iter()
            .map(|entry| match entry {
                None => view! { <li class="folio-pagination__gap" aria-hidden="true">"…"</li> }.into_any(),
                Some(n) if n == current => {
                    let label = lang().fill(Msg::PageN, &[("n", &lang().number(n))]);
                    let number = lang().number(n);
                    view! { <li><span class="folio-pagination__current" aria-current="page" aria-label=label>{number}</span></li> }.into_any()
                }
                Some(n) => {
                    let label = lang().fill(Msg::PageN, &[("n", &lang().number(n))]);
                    let number = lang().number(n);
                    let href = href_for.run(n);
                    view! { <li><a href=href class="folio-pagination__page" aria-label=label>{number}</a></li> }.into_any()
                }
            })
            .collect_view();
        view! {
            <nav class="folio-pagination" aria-label=crate::app::landmark(t(Msg::Pages))>
                {prev}
                <ul class="folio-pagination__pages">{pages}</ul>
                {next}
            </nav>
        }
    })
}

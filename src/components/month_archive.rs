use crate::i18n::{lang, t};
use folio_core::i18n::Msg;
use folio_core::search::MonthCount;
use leptos::prelude::*;
use std::collections::BTreeSet;

/// Years and months with post counts, like a blog's archives widget. Each month links
/// to the list limited to it. Only open years render their months: the list re-renders
/// on every keystroke, and a long archive has hundreds of months.
#[component]
pub fn MonthArchive(
    /// Months with counts, newest first.
    months: Vec<MonthCount>,
    /// The link for a year and month.
    href_for: Callback<(i32, u32), String>,
    /// Which years the reader has open; kept by the caller so it survives re-renders.
    open_years: RwSignal<BTreeSet<i32>>,
) -> impl IntoView {
    let mut years: Vec<(i32, Vec<MonthCount>)> = Vec::new();
    for m in months {
        match years.last_mut() {
            Some((year, list)) if *year == m.year => list.push(m),
            _ => years.push((m.year, vec![m])),
        }
    }
    (!years.is_empty()).then(|| {
        let groups = years
            .into_iter()
            .map(|(year, list)| {
                let total: usize = list.iter().map(|m| m.count).sum();
                let is_open = open_years.with_untracked(|open| open.contains(&year));
                let toggle = move |ev: leptos::ev::Event| {
                    let open = event_target::<web_sys::HtmlDetailsElement>(&ev).open();
                    open_years.update(|set| {
                        if open {
                            set.insert(year);
                        } else {
                            set.remove(&year);
                        }
                    });
                };
                let month_links = move || {
                    open_years.with(|open| open.contains(&year)).then(|| {
                        list.iter()
                            .map(|m| {
                                let label = crate::format::month_year(m.year, m.month, lang());
                                let href = href_for.run((m.year, m.month));
                                view! {
                                    <li>
                                        <a href=href class="folio-facet__link">
                                            <span class="folio-facet__label">{label}</span>
                                            <span class="folio-facet__count">{lang().number(m.count)}</span>
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()
                    })
                };
                view! {
                    <li class="folio-months__year">
                        <details open=is_open on:toggle=toggle>
                            <summary>{format!("{} ({})", lang().digits(&year.to_string()), lang().number(total))}</summary>
                            <ul class="folio-facet__list">{month_links}</ul>
                        </details>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="folio-facet folio-months" aria-label=crate::app::landmark(t(Msg::FilterByMonth))>
                <super::Heading depth=3 class="folio-facet__title">{t(Msg::Archives)}</super::Heading>
                <ul class="folio-months__years">{groups}</ul>
            </section>
        }
    })
}

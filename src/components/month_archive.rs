use folio_core::search::MonthCount;
use leptos::prelude::*;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Years and months with post counts, like a blog's archives widget. Each month links
/// to the list limited to it.
#[component]
pub fn MonthArchive(
    /// Months with counts, newest first.
    months: Vec<MonthCount>,
    /// The link for a year and month.
    href_for: Callback<(i32, u32), String>,
) -> impl IntoView {
    let mut years: Vec<(i32, Vec<MonthCount>)> = Vec::new();
    for m in months {
        match years.last_mut() {
            Some((year, list)) if *year == m.year => list.push(m),
            _ => years.push((m.year, vec![m])),
        }
    }
    let newest = years.first().map(|(year, _)| *year);
    (!years.is_empty()).then(|| {
        let groups = years
            .into_iter()
            .map(|(year, list)| {
                let total: usize = list.iter().map(|m| m.count).sum();
                let is_open = Some(year) == newest;
                let months = list
                    .into_iter()
                    .map(|m| {
                        let name = MONTHS.get(m.month as usize - 1).copied().unwrap_or_default();
                        let href = href_for.run((m.year, m.month));
                        view! {
                            <li>
                                <a href=href class="folio-facet__link">
                                    <span class="folio-facet__label">{format!("{name} {}", m.year)}</span>
                                    <span class="folio-facet__count">{m.count}</span>
                                </a>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <li class="folio-months__year">
                        <details open=is_open>
                            <summary>{format!("{year} ({total})")}</summary>
                            <ul class="folio-facet__list">{months}</ul>
                        </details>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="folio-facet folio-months" aria-label="Filter by month">
                <h3 class="folio-facet__title">"Archives"</h3>
                <ul class="folio-months__years">{groups}</ul>
            </section>
        }
    })
}

use leptos::prelude::*;

/// A titled list of filter links with counts, such as tags or authors. Plain anchors:
/// the router handles their clicks, and they are cheaper to re-render while typing.
#[component]
pub fn FacetList(
    /// The heading, such as "Tags".
    title: &'static str,
    /// The section's accessible name, such as "Filter by tags".
    label: &'static str,
    /// Each entry: label, count, the link that toggles it, and whether it is active.
    entries: Vec<(String, usize, String, bool)>,
) -> impl IntoView {
    (!entries.is_empty()).then(|| {
        let items = entries
            .into_iter()
            .map(|(label, count, href, active)| {
                let aria_current = active.then_some("true");
                let class = if active {
                    "folio-facet__link folio-facet__link--active"
                } else {
                    "folio-facet__link"
                };
                view! {
                    <li>
                        <a href=href class=class aria-current=aria_current>
                            <bdi class="folio-facet__label">{label}</bdi>
                            <span class="folio-facet__count">{crate::i18n::lang().number(count)}</span>
                        </a>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="folio-facet" aria-label=crate::app::landmark(label)>
                <super::Heading depth=3 class="folio-facet__title">{title}</super::Heading>
                <ul class="folio-facet__list">{items}</ul>
            </section>
        }
    })
}

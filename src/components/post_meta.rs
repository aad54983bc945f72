use crate::i18n::{around, lang, t};
use folio_core::i18n::Msg;
use folio_core::list_state::ListState;
use folio_core::route::Page;
use folio_core::Post;
use leptos::prelude::*;

use crate::format::long_date;
use crate::routing::use_nav;

/// The line under a title: "Posted on" date, authors (each links to their page),
/// reading time, categories and tags (each links to its filter). It is the interface's
/// line, in its language and calendar; names from the feed are isolated with `<bdi>`.
#[component]
pub fn PostMeta(
    /// The post described.
    post: Post,
) -> impl IntoView {
    let minutes = post.minutes_to_read();
    let date = post.published.map(|date| {
        let iso = date.iso();
        // In the interface's language and calendar, as the words around it are.
        let text = long_date(&date, Some(lang().tag()));
        let (before, after) = around(Msg::PostedOn, "{date}");
        view! {
            <span class="folio-meta__date">{before}<bdi><time datetime=iso>{text}</time></bdi>{after}</span>
        }
    });
    let nav = use_nav();
    // "by Ana, Bo": each name links to the author's page.
    let authors = (!post.authors.is_empty()).then(|| {
        let links = post
            .authors
            .iter()
            .map(|a| (nav.href(&Page::author_path(&a.name)), a.name.clone()))
            .collect();
        let (before, after) = around(Msg::ByAuthors, "{names}");
        view! { <span class="folio-meta__authors">{before}{link_list(links, "folio-meta__author")}{after}</span> }
    });
    // "in News, Floods": each category links to the list of its posts.
    let categories = (!post.categories.is_empty()).then(|| {
        let links = post.categories.iter().map(|c| {
            (filter_href(&ListState::default().toggle_category(c)), c.clone())
        })
        .collect();
        let (before, after) = around(Msg::InCategories, "{names}");
        view! { <span class="folio-meta__categories">{before}{link_list(links, "folio-meta__category")}{after}</span> }
    });
    let tags = (!post.tags.is_empty()).then(|| {
        view! {
            <ul class="folio-meta__tags" aria-label=t(Msg::Tags)>
                {post.tags.into_iter().map(|tag| {
                    let href = filter_href(&ListState::default().toggle_tag(&tag));
                    view! { <li><a href=href class="folio-tag"><bdi>{tag}</bdi></a></li> }
                }).collect_view()}
            </ul>
        }
    });
    let reading = minutes.map(|m| {
        let text = lang().count(Msg::ReadingTime, usize::try_from(m).unwrap_or(usize::MAX));
        view! { <span class="folio-meta__reading">{text}</span> }
    });
    view! { <div class="folio-meta">{date} {authors} {reading} {categories} {tags}</div> }
}

/// The href of the archive's list in `state` (one tag, or one category).
fn filter_href(state: &ListState) -> String {
    use_nav().href(&format!("/?{}", state.to_query()))
}

/// Links (href, label), each label isolated with `<bdi>`, separated by commas.
fn link_list(links: Vec<(String, String)>, class: &'static str) -> impl IntoView {
    let count = links.len();
    links
        .into_iter()
        .enumerate()
        .map(|(i, (href, label))| {
            let separator = (i + 1 < count).then_some(", ");
            view! { <a href=href class=class><bdi>{label}</bdi></a>{separator} }
        })
        .collect_view()
}

use crate::i18n::{lang, t};
use folio_core::i18n::Msg;
use folio_core::list_state::ListState;
use folio_core::route::Page;
use folio_core::Post;
use leptos::prelude::*;

use crate::format::long_date;
use crate::routing::use_nav;

/// The line under a title: "Posted on" date, authors (each links to their page),
/// reading time, categories and tags (each links to its filter).
#[component]
pub fn PostMeta(
    /// The post described.
    post: Post,
) -> impl IntoView {
    let minutes = post.minutes_to_read();
    let date = post.published.map(|date| {
        let iso = date.iso();
        let text = long_date(&date, post.language.as_deref());
        let (before, after) = split_around(lang().text(Msg::PostedOn), "{date}");
        view! {
            <span class="folio-meta__date">{before}<bdi><time datetime=iso>{text}</time></bdi>{after}</span>
        }
    });
    // Each name links to the author's page.
    let authors = (!post.authors.is_empty()).then(|| {
        let nav = use_nav();
        let count = post.authors.len();
        let names = post
            .authors
            .iter()
            .enumerate()
            .map(|(i, author)| {
                let href = nav.href(&Page::author_path(&author.name));
                let separator = (i + 1 < count).then_some(", ");
                view! { <a href=href class="folio-meta__author"><bdi>{author.name.clone()}</bdi></a>{separator} }
            })
            .collect_view();
        let (before, after) = split_around(lang().text(Msg::ByAuthors), "{names}");
        view! { <span class="folio-meta__authors">{before}{names}{after}</span> }
    });
    // "in News, Floods": each category links to the list of its posts.
    let categories = (!post.categories.is_empty()).then(|| {
        let count = post.categories.len();
        let links = post
            .categories
            .iter()
            .enumerate()
            .map(|(i, category)| {
                let query = ListState::default().toggle_category(category).to_query();
                let href = use_nav().href(&format!("/?{query}"));
                let separator = (i + 1 < count).then_some(", ");
                view! { <a href=href class="folio-meta__category"><bdi>{category.clone()}</bdi></a>{separator} }
            })
            .collect_view();
        let (before, after) = split_around(lang().text(Msg::InCategories), "{names}");
        view! { <span class="folio-meta__categories">{before}{links}{after}</span> }
    });
    let tags = (!post.tags.is_empty()).then(|| {
        view! {
            <ul class="folio-meta__tags" aria-label=t(Msg::Tags)>
                {post.tags.into_iter().map(|tag| {
                    let href = tag_href(&tag);
                    view! { <li><a href=href class="folio-tag">{tag}</a></li> }
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

/// The archive filtered to one tag.
fn tag_href(tag: &str) -> String {
    let query = ListState::default().toggle_tag(tag).to_query();
    use_nav().href(&format!("/?{query}"))
}

/// The text of a message before and after its one placeholder, which a view fills with
/// markup (links, a `<time>`) rather than text.
fn split_around(template: &'static str, placeholder: &str) -> (&'static str, &'static str) {
    template.split_once(placeholder).unwrap_or((template, ""))
}

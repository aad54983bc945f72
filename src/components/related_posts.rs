use crate::i18n::t;
use folio_core::i18n::Msg;
use folio_core::route::Page;
use folio_core::Post;
use leptos::prelude::*;
use std::sync::Arc;

use crate::data::Loaded;
use crate::format::long_date;
use crate::routing::use_nav;

/// How many related posts a post ends with.
const RELATED: usize = 3;

/// "Related posts" at the end of a post: up to three that share its tags or categories,
/// the most shared first, newer first among equals. Nothing while they load, and nothing
/// for a post that shares nothing.
#[component]
pub fn RelatedPosts(
    /// The loaded archive.
    loaded: Arc<Loaded>,
    /// The post's position in newest-first order.
    position: usize,
) -> impl IntoView {
    let related = Memo::new(move |_| {
        loaded
            .related(position, RELATED)
            .map(|shown| shown.into_iter().map(|s| s.post).collect::<Vec<Post>>())
            .unwrap_or_default()
    });
    let nav = use_nav();
    move || {
        let posts = related.get();
        (!posts.is_empty()).then(|| {
            let items = posts
                .into_iter()
                .map(|post| {
                    let href = nav.href(&Page::post_path(&post.slug));
                    let date = post.published.map(|date| {
                        let text = long_date(&date, Some(crate::i18n::lang().tag()));
                        view! { <time datetime=date.iso()>{text}</time> }
                    });
                    let title = crate::i18n::title_of(&post);
                    let (title_lang, title_dir) = crate::i18n::title_text(&post);
                    view! {
                        <li>
                            <a href=href class="folio-related__link" lang=title_lang dir=title_dir>{title}</a>
                            {date}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="folio-related" aria-label=crate::app::landmark(t(Msg::RelatedPosts))>
                    <super::Heading depth=2 id="folio-related-heading" class="folio-related__heading">{t(Msg::RelatedPosts)}</super::Heading>
                    <ul class="folio-related__list">{items}</ul>
                </section>
            }
        })
    }
}

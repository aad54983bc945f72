use folio_core::Post;
use leptos::prelude::*;
use leptos_router::components::A;

use super::PostMeta;
use crate::config::app_href;

/// One entry in the archive list: linked title, meta line, excerpt and "Read more".
#[component]
pub fn PostCard(
    /// The post summarized.
    post: Post,
) -> impl IntoView {
    let href = app_href(&format!("/posts/{}", post.slug));
    let title = post.display_title().to_owned();
    let untitled = post.title.is_none();
    let lang = post.language.clone();
    let dir = post.direction();
    let excerpt = (!post.excerpt.is_empty()).then(|| post.excerpt.clone());
    let read_more_label = format!("Read more: {title}");
    view! {
        <article class="folio-card" lang=lang dir=dir>
            <h2 class="folio-card__title">
                <A href=href.clone() attr:class=if untitled { "folio-card__link folio-card__link--untitled" } else { "folio-card__link" }>
                    {title}
                </A>
            </h2>
            <PostMeta post=post />
            {excerpt.map(|text| view! { <p class="folio-card__excerpt">{text}</p> })}
            <p class="folio-card__more">
                <A href=href attr:class="folio-card__read-more" attr:aria-label=read_more_label>
                    "Read more"
                </A>
            </p>
        </article>
    }
}

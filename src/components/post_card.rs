use crate::i18n::t;
use folio_core::i18n::Msg;
use folio_core::list_state::encode;
use folio_core::query::Query;
use folio_core::route::Page;
use folio_core::Post;
use leptos::prelude::*;

use super::{Highlighted, PostMeta};
use crate::routing::use_nav;

/// One entry in the archive list: linked title, meta line, excerpt and "Read more".
/// The title and excerpt are in the post's language and direction; the meta line and
/// "Read more" are the interface's, whatever the post's language.
/// Links are plain anchors: the router handles their clicks, and a list that re-renders
/// on every keystroke should not pay for `<A>`'s active-link tracking.
#[component]
pub fn PostCard(
    /// The post summarized.
    post: Post,
    /// The reader's search, when the list is a search result: matches are marked, and
    /// the post opens with them marked too.
    #[prop(optional, into)]
    search: Signal<String>,
) -> impl IntoView {
    let query = Memo::new(move |_| Some(Query::parse(&search.read())).filter(|q| !q.is_empty()));
    let post_path = use_nav().href(&Page::post_path(&post.slug));
    let href = move || {
        let search = search.read();
        if search.trim().is_empty() {
            post_path.clone()
        } else {
            format!("{post_path}?q={}", encode(&search))
        }
    };
    let title = crate::i18n::title_of(&post);
    let (title_lang, title_dir) = crate::i18n::title_text(&post);
    let untitled = post.title.is_none();
    let lang = post.language.clone();
    let dir = post.text_dir();
    let excerpt = (!post.excerpt.is_empty()).then(|| post.excerpt.clone());
    let read_more_label = crate::i18n::lang().fill(Msg::ReadMoreLabel, &[("title", &title)]);
    let title_href = href.clone();
    view! {
        <article class="folio-card">
            <super::Heading depth=2 class="folio-card__title" lang=title_lang dir=title_dir>
                <a href=title_href class=if untitled { "folio-card__link folio-card__link--untitled" } else { "folio-card__link" }>
                    {move || view! { <Highlighted text=title.clone() query=query.get() /> }}
                </a>
            </super::Heading>
            <PostMeta post=post />
            {excerpt.map(|text| view! {
                <p class="folio-card__excerpt" lang=lang dir=dir>
                    {move || view! { <Highlighted text=text.clone() query=query.get() /> }}
                </p>
            })}
            <p class="folio-card__more">
                <a href=href class="folio-card__read-more" aria-label=read_more_label>
                    {t(Msg::ReadMore)}
                </a>
            </p>
        </article>
    }
}

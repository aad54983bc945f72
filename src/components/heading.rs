use leptos::prelude::*;

use crate::config::Config;

/// A heading at `depth` in the archive: 1 for a page's title, 2 for its sections, 3
/// below them. Its element follows the host's `data-heading-level`, so an archive under
/// the host page's own `h1` starts at `h2` and its outline stays in order. A page's
/// title can take focus (after a route change) and is found by the `folio-title` class.
#[component]
pub fn Heading(
    /// How deep in the archive's own outline the heading is.
    depth: u8,
    /// Its classes.
    #[prop(optional)]
    class: &'static str,
    /// Its id, for `aria-labelledby`.
    #[prop(optional)]
    id: Option<&'static str>,
    /// Whether script may focus it: pages' titles and the list's heading.
    #[prop(optional)]
    focusable: bool,
    /// The language of what it says, when that is a post's or the feed's rather than
    /// the interface's (with `dir`).
    #[prop(optional_no_strip)]
    lang: Option<String>,
    /// Its direction, with `lang`.
    #[prop(optional_no_strip)]
    dir: Option<&'static str>,
    /// What it says.
    children: Children,
) -> impl IntoView {
    let top = use_context::<Config>().map_or(1, |config| config.heading_level);
    leptos::html::custom(folio_core::embed::heading_tag(top, depth))
        .class(class)
        .id(id)
        .tabindex(focusable.then_some("-1"))
        .lang(lang)
        .dir(dir)
        .child(children())
}

//! The interface's language in the app: chosen from the page's request and the feed's
//! `language` (see `folio_core::i18n`), and known to every view through context.

use folio_core::i18n::{Lang, Msg};
use leptos::prelude::*;

use crate::config::Config;

/// The interface language of this archive. Set from the page's request when the app
/// starts, and again from the feed's `language` once the archive has loaded, before any
/// page of it is drawn.
#[derive(Clone, Copy)]
pub struct UiLang(pub RwSignal<Lang>);

impl UiLang {
    /// Makes the language known to the views below, from the page's request alone.
    pub fn provide(config: &Config) {
        provide_context(Self(RwSignal::new(Lang::choose(
            config.lang.as_deref(),
            None,
        ))));
    }

    /// Settles the language for a loaded archive whose feed says `feed_language`.
    pub fn settle(feed_language: Option<&str>) {
        if let Some(ui) = use_context::<Self>() {
            let requested = use_context::<Config>().and_then(|c| c.lang);
            let lang = Lang::choose(requested.as_deref(), feed_language);
            if ui.0.get_untracked() != lang {
                ui.0.set(lang);
            }
        }
    }
}

/// The interface language (untracked: views are drawn after it is settled).
pub fn lang() -> Lang {
    use_context::<UiLang>().map_or_else(Lang::default, |ui| ui.0.get_untracked())
}

/// The text of `msg` before and after its one `placeholder`, for a view that fills
/// the gap with markup (links, a `<time>`) rather than text.
pub fn around(msg: Msg, placeholder: &str) -> (&'static str, &'static str) {
    let template = t(msg);
    template.split_once(placeholder).unwrap_or((template, ""))
}

/// `msg` in the interface language.
pub fn t(msg: Msg) -> &'static str {
    lang().text(msg)
}

/// A post's title in the interface: its own, or "Untitled" in the interface language.
pub fn title_of(post: &folio_core::Post) -> String {
    post.title_in(lang()).to_owned()
}

/// The `lang` and `dir` of a post's title where it is shown (see `Post::title_text`).
pub fn title_text(post: &folio_core::Post) -> (Option<String>, Option<&'static str>) {
    let (language, dir) = post.title_text();
    (language.map(str::to_owned), dir)
}

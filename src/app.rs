//! The app shell: context, router, skip link and focus handling.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;
use wasm_bindgen::JsCast;

use crate::config::{BasePath, Config};
use crate::data::ArchiveContext;
use crate::list_memory::ListMemory;
use crate::pages::{ListPage, NotFoundPage, PostPage};

/// The whole app.
#[component]
pub fn App(
    /// Where the feed is and which path the app is served under.
    config: Config,
) -> impl IntoView {
    provide_meta_context();
    ArchiveContext::provide(config.feed_url.clone());
    provide_context(BasePath(config.base_path.clone()));
    ListMemory::provide();
    view! {
        <Title formatter=|text: String| if text.is_empty() { "Folio".to_owned() } else { text } />
        <Router base=config.base_path>
            <FocusOnNavigate />
            <div class="folio">
                <a class="folio-skip-link" href="#folio-main" on:click=skip_to_content>
                    "Skip to content"
                </a>
                <main id="folio-main" class="folio-main" tabindex="-1">
                    <Routes fallback=NotFoundPage>
                        <Route path=path!("/") view=ListPage />
                        <Route path=path!("/posts/:slug") view=PostPage />
                    </Routes>
                </main>
            </div>
        </Router>
    }
}

/// The skip link moves focus itself, so the router never sees a hash navigation.
fn skip_to_content(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    focus_first("#folio-main h1");
}

/// After each client-side route change, moves focus to the new page's `h1` so screen
/// readers announce it and keyboard users start from the top of the new content.
#[component]
fn FocusOnNavigate() -> impl IntoView {
    let pathname = use_location().pathname;
    Effect::new(move |previous: Option<String>| {
        let current = pathname.get();
        if previous.is_some_and(|p| p != current) {
            // Wait a frame so the new page's heading is in the DOM.
            request_animation_frame(|| focus_first("#folio-main h1"));
        }
        current
    });
}

/// Focuses the first element matching `selector` (else the main region), without
/// scrolling: the router and the list's memory manage scroll position.
pub fn focus_first(selector: &str) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector(selector)
                .ok()
                .flatten()
                .or_else(|| d.get_element_by_id("folio-main"))
        })
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = element.focus_with_options(&options);
    }
}

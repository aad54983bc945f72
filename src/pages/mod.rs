//! One file per route.

pub mod list_page;
pub mod not_found_page;
pub mod post_page;

pub use list_page::ListPage;
pub use not_found_page::NotFoundPage;
pub use post_page::PostPage;

use leptos::prelude::*;
use std::sync::Arc;

use crate::components::{LoadErrorView, LoadingSkeleton};
use crate::data::{use_archive, Loaded};

/// Shows the skeleton while the archive loads, the error view if it fails, and
/// otherwise what `ready` builds from the archive.
///
/// The error is matched here rather than thrown into an `ErrorBoundary` so the view
/// gets the typed [`LoadError`](crate::data::LoadError) and can say exactly what failed.
pub fn with_archive<V: IntoView + 'static>(
    ready: impl Fn(Arc<Loaded>) -> V + Send + Sync + 'static,
) -> impl IntoView {
    let archive = use_archive();
    move || match archive.state.get() {
        None => view! { <LoadingSkeleton /> }.into_any(),
        Some(Ok(loaded)) => {
            crate::i18n::UiLang::settle(loaded.archive.language.as_deref());
            if let Some(name) = use_context::<crate::app::ArchiveName>() {
                name.0.set(loaded.archive.title.clone());
            }
            if let Some(feed) = loaded.subscribe_url() {
                crate::app::link_feed(feed, &loaded.archive.title);
            }
            // Only the outcome decides when this runs again, not what the page reads.
            untrack(|| ready(loaded)).into_any()
        }
        Some(Err(error)) => view! { <LoadErrorView error /> }.into_any(),
    }
}

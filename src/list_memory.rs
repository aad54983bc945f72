//! Where the reader left the list, so that "Back to archive" (and the browser's Back)
//! returns to the same filters, page and scroll position.

use leptos::prelude::*;

use crate::routing::Nav;

/// The in-app list address (path and query) and the page's scroll offset last left.
#[derive(Clone, Copy)]
pub struct ListMemory(StoredValue<Option<(String, f64)>>);

impl ListMemory {
    /// Creates the memory and provides it to the components below.
    pub fn provide() -> Self {
        let memory = Self(StoredValue::new(None));
        provide_context(memory);
        memory
    }

    /// Records the current list address and scroll offset, just before leaving.
    pub fn remember(&self, nav: Nav) {
        let y = web_sys::window()
            .and_then(|w| w.scroll_y().ok())
            .unwrap_or(0.0);
        self.0.set_value(Some((nav.address_untracked(), y)));
    }

    /// The href of the list the reader came from, or of the unfiltered list.
    pub fn back_href(&self, nav: Nav) -> String {
        self.0
            .with_value(|saved| saved.as_ref().map(|(address, _)| nav.href(address)))
            .unwrap_or_else(|| nav.href("/"))
    }

    /// When the list shown is the one remembered, scrolls back to where the reader was.
    /// Runs after the router's own scroll-to-top, two frames later.
    pub fn restore_if_here(&self, nav: Nav) {
        let Some((address, y)) = self.0.get_value() else {
            return;
        };
        if nav.address_untracked() != address {
            return;
        }
        request_animation_frame(move || {
            request_animation_frame(move || {
                if let Some(window) = web_sys::window() {
                    window.scroll_to_with_x_and_y(0.0, y);
                }
            });
        });
    }
}

/// The list memory provided by [`App`](crate::App), or a fresh one outside it (as in
/// component tests), which simply remembers nothing.
pub fn use_list_memory() -> ListMemory {
    use_context::<ListMemory>().unwrap_or_else(|| ListMemory(StoredValue::new(None)))
}

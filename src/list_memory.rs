//! Where the reader left the list, so that "Back to archive" (and the browser's Back)
//! returns to the same filters, page and scroll position.

use leptos::prelude::*;

/// The list address (path and query, base included) and scroll offset last left.
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
    pub fn remember(&self) {
        if let Some(here) = current_address() {
            let y = web_sys::window()
                .and_then(|w| w.scroll_y().ok())
                .unwrap_or(0.0);
            self.0.set_value(Some((here, y)));
        }
    }

    /// The address of the list the reader came from, or `fallback`.
    pub fn back_href(&self, fallback: String) -> String {
        self.0
            .with_value(|saved| saved.as_ref().map(|(href, _)| href.clone()))
            .unwrap_or(fallback)
    }

    /// When the list shown is the one remembered, scrolls back to where the reader was.
    /// Runs after the router's own scroll-to-top, two frames later.
    pub fn restore_if_here(&self) {
        let Some((href, y)) = self.0.get_value() else {
            return;
        };
        if current_address().as_deref() != Some(href.as_str()) {
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

fn current_address() -> Option<String> {
    let location = web_sys::window()?.location();
    Some(format!(
        "{}{}",
        location.pathname().ok()?,
        location.search().ok()?
    ))
}

/// The list memory provided by [`App`](crate::App), or a fresh one outside it (as in
/// component tests), which simply remembers nothing.
pub fn use_list_memory() -> ListMemory {
    use_context::<ListMemory>().unwrap_or_else(|| ListMemory(StoredValue::new(None)))
}

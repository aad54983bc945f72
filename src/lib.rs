//! Folio: a Leptos single-page app that turns a JSON Feed into a readable archive.
//!
//! The pure logic (feed parsing, slugs, dates, excerpts) lives in `folio-core`; this
//! crate holds the browser side: loading, routing, views and HTML sanitizing.

pub mod app;
pub mod components;
pub mod config;
pub mod data;
pub mod format;
pub mod highlight;
pub mod list_memory;
pub mod pages;
pub mod sanitize;

pub use app::App;
pub use config::Config;

/// Reads the page's configuration and mounts the app.
pub fn mount() {
    let config = Config::from_document();
    leptos::mount::mount_to_body(move || leptos::view! { <App config=config.clone() /> });
}

/// Bytes of WebAssembly linear memory, read by `make bench`
/// (`window.wasmBindings.folio_wasm_memory_bytes()`).
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn folio_wasm_memory_bytes() -> f64 {
    use wasm_bindgen::JsCast;
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .ok()
        .and_then(|memory| memory.buffer().dyn_into::<js_sys::ArrayBuffer>().ok())
        .map_or(0.0, |buffer| f64::from(buffer.byte_length()))
}

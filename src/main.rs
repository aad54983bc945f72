//! Entry point: install the panic hook and mount the app. Everything else lives in the
//! library so tests can reach it.

fn main() {
    console_error_panic_hook::set_once();
    folio::mount();
}

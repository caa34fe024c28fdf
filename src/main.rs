//! Entry point: install the panic hook and mount. Everything else lives in
//! `lib.rs` so the browser tests can import it.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(profile_app::App);
}

//! Entry point: install the panic hook and mount. Everything else lives in
//! `lib.rs` so the browser tests can import it.

fn main() {
    // The nightly release build aborts on a panic before any hook could
    // run (-Cpanic=immediate-abort, .ci/build): the hook is left out there.
    #[cfg(not(panic = "immediate-abort"))]
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(profile_app::App);
}

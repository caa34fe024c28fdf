//! One module per route (settings has its sections in settings/); pages
//! own their resources and actions. `profile_behaviour` is what the
//! profile page does once a person acts, fetched after its first screen
//! (`form_behaviour` draws that line for every form). `profile_read` is the profile load
//! the profile and settings pages share; `save_news` is how both tell the
//! person about a save; `reauth` brings both the sign-in dialog when a
//! session ends.

pub mod account_deleted;
pub mod form_behaviour;
pub mod not_found;
pub mod profile;
pub mod profile_behaviour;
pub mod profile_read;
pub mod reauth;
pub mod save_news;
pub mod settings;
pub mod sign_in;

use leptos::task::spawn_local;

/// Asks for the module of the page the person landed on as the app
/// starts, not once the config has come and the route renders: it is
/// then in, and the page draws in the task that renders the route
/// instead of a skeleton first. A failure is the route's to report: its
/// own call asks again.
pub fn load_landing_module(signed_in: bool) {
    let Some(path) = web_sys::window().and_then(|w| w.location().pathname().ok()) else {
        return;
    };
    match path.trim_end_matches('/') {
        "" | "/profile" if signed_in => spawn_local(async {
            let _ = profile::profile_module().await;
        }),
        "" | "/profile" | "/sign-in" => spawn_local(async {
            let _ = sign_in::sign_in_module().await;
        }),
        "/settings" => spawn_local(async {
            let _ = settings::settings_module().await;
        }),
        _ => {}
    }
}

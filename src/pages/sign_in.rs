use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::components::sign_in_form::SignInForm;

on_demand!(sign_in: pub fn sign_in_view() -> AnyView {
    view! { <SignInPage/> }.into_any()
});

// Loads the page's module and nothing else (crate::pages::load_landing_module).
on_demand!(sign_in: pub fn sign_in_module() -> () {});

/// Signing in for every auth mode: email (or username) + password; for
/// token modes also "paste a token I already have". Then to the page that
/// sent the person here ([`BACK_TO_SETTINGS`]), else the profile.
#[component]
pub fn SignInPage() -> impl IntoView {
    let navigate = use_navigate();
    view! { <SignInForm on_signed_in=Callback::new(move |_| navigate(return_path(), Default::default()))/> }
}

/// The sign-in page's address that comes back to Settings afterwards.
pub const BACK_TO_SETTINGS: &str = "/sign-in?next=/settings";

/// Where a sign-in goes: `?next=` when it names one of the app's pages
/// (only those, so a crafted link cannot send a person elsewhere), else
/// the profile.
fn return_path() -> &'static str {
    let search = window().location().search().unwrap_or_default();
    match search.strip_prefix("?next=") {
        Some("/settings") => "/settings",
        _ => "/profile",
    }
}

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::components::sign_in_form::SignInForm;
use crate::on_demand;

on_demand!(sign_in: pub fn sign_in_view() -> AnyView {
    view! { <SignInPage/> }.into_any()
});

/// Signing in for every auth mode: email (or username) + password; for
/// token modes also "paste a token I already have".
#[component]
pub fn SignInPage() -> impl IntoView {
    let navigate = use_navigate();
    view! { <SignInForm on_signed_in=Callback::new(move |_| navigate("/profile", Default::default()))/> }
}

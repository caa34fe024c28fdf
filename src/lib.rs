//! The profile and settings single-page app.

pub mod api;
pub mod components;
pub mod i18n;
pub mod media;
pub mod pages;
pub mod session;

use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::path;

use crate::api::ApiClient;
use crate::components::nav::AppNav;
use crate::i18n::{I18n, Locale};
use crate::pages::{not_found::NotFound, profile::ProfilePage, settings::SettingsPage, sign_in::SignInPage};
use crate::session::Session;

/// Root component: creates the session and API client once and routes.
#[component]
pub fn App() -> impl IntoView {
    let session = Session::restore();
    provide_context(session);
    provide_context(I18n::new(Locale::En));
    provide_context(ApiClient::same_origin(session));

    view! {
        <Router>
            <AppNav/>
            <main class="page">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=|| view! { <Redirect path="/profile"/> }/>
                    <Route path=path!("/sign-in") view=SignInPage/>
                    <Route path=path!("/profile") view=ProfilePage/>
                    <Route path=path!("/settings") view=SettingsPage/>
                </Routes>
            </main>
        </Router>
    }
}

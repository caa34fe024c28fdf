//! The profile and settings single-page app.

pub mod api;
pub mod components;
pub mod i18n;
pub mod pages;
pub mod prefs;
pub mod session;
pub mod shell;
pub mod theme;

use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::path;

use crate::api::ApiClient;
use crate::pages::{not_found::NotFound, profile::ProfilePage, settings::SettingsPage, sign_in::SignInPage};
use crate::session::Session;
use crate::shell::{provide_shell_context, AppShell};

/// Root component: creates the session and API client once and routes.
#[component]
pub fn App() -> impl IntoView {
    let session = Session::restore();
    provide_context(session);
    provide_shell_context();
    provide_context(ApiClient::same_origin(session));

    view! {
        <Router>
            <AppShell>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=|| view! { <Redirect path="/profile"/> }/>
                    <Route path=path!("/sign-in") view=SignInPage/>
                    <Route path=path!("/profile") view=ProfilePage/>
                    <Route path=path!("/settings") view=|| view! { <SettingsPage/> }/>
                </Routes>
            </AppShell>
        </Router>
    }
}

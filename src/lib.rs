//! The profile and settings single-page app.

// First: its `on_demand!` is in scope in every module below.
#[macro_use]
pub mod chunk;
pub mod api;
pub mod app_state;
pub mod components;
pub mod config;
pub mod context;
pub mod dom_id;
pub mod drafts;
pub mod first_paint;
pub mod format;
pub mod forms;
pub mod i18n;
pub mod json;
pub mod media;
pub mod on_demand;
pub mod pages;
pub mod prefs;
pub mod session;
pub mod shell;
pub mod storage;
pub mod theme;

use leptos::prelude::*;
use leptos_router::components::{FlatRoutes, Redirect, Route, Router};
use leptos_router::path;
use profile_model::AppConfig;

use crate::api::ApiClient;
use crate::app_state::provide_app_state;
use crate::config::ConfigProblem;
use crate::i18n::use_i18n;
use crate::on_demand::OnDemand;
use crate::pages::{
    account_deleted::account_deleted_view, not_found::not_found_view, profile::ProfilePage, settings::SettingsRoute,
    sign_in::sign_in_view,
};
use crate::session::Session;
use crate::shell::AppShell;

/// Root component: session and language first, then the runtime config;
/// the routes render only once the app knows which backend it talks to.
#[component]
pub fn App() -> impl IntoView {
    let session = Session::restore();
    provide_context(session);
    pages::load_landing_module(session.is_signed_in_untracked());
    provide_app_state();
    // The remembered language may be a file to fetch: it and the config
    // download at once, and nothing renders in the wrong language
    // meanwhile. One resource, not two: each resource type is its own copy
    // of leptos' async machinery in the main module.
    let i18n = use_i18n();
    let config =
        LocalResource::new(move || async move { futures_util::future::join(config::load(), i18n.ready()).await.0 });

    // No `Suspense` here: a pending resource read anywhere below (an
    // effect on a route reading the profile) would register with it and
    // hide the whole shell until that answer came.
    move || match config.get() {
        None => view! { <p class="app-loading">"…"</p> }.into_any(),
        Some(Ok((config, _source))) => view! { <Routed config/> }.into_any(),
        Some(Err(problem)) => view! { <ConfigErrorPage problem/> }.into_any(),
    }
}

#[component]
fn Routed(config: AppConfig) -> impl IntoView {
    let i18n = use_i18n();
    let language = Signal::derive(move || i18n.locale().code());
    provide_context(ApiClient::new(config, expect_context::<Session>()).with_language(language));
    view! {
        <Router>
            <AppShell>
                // Each page's code arrives with its first visit (on_demand.rs).
                // The routes are flat: FlatRoutes leaves the nested router's
                // matching out of the main module (-7.7 KB brotli, #28).
                <FlatRoutes fallback=|| view! { <OnDemand load=not_found_view/> }>
                    <Route path=path!("/") view=|| view! { <Redirect path="/profile"/> }/>
                    <Route path=path!("/sign-in") view=|| view! { <OnDemand load=sign_in_view/> }/>
                    <Route path=path!("/profile") view=ProfilePage/>
                    <Route path=path!("/settings") view=SettingsRoute/>
                    <Route path=path!("/account-deleted") view=|| view! { <OnDemand load=account_deleted_view/> }/>
                </FlatRoutes>
            </AppShell>
        </Router>
    }
}

/// A clear page instead of a blank screen when the config is unusable.
#[component]
fn ConfigErrorPage(problem: ConfigProblem) -> impl IntoView {
    let i18n = use_i18n();
    let from_override = problem.source == config::ConfigSource::BrowserOverride;
    let clear_override = move |_| {
        config::clear_override();
        let _ = web_sys::window().map(|w| w.location().reload());
    };
    view! {
        <main class="page">
            <section class="card banner banner--error" role="alert" data-testid="config-error">
                <h1>{i18n.tr("config.error.title")}</h1>
                <p>{move || i18n.t(if from_override { "config.error.override" } else { "config.error.served" })}</p>
                <pre class="config-error__detail">{problem.detail.clone()}</pre>
                <Show when=move || from_override>
                    <button class="button" on:click=clear_override>{i18n.tr("config.error.clear_override")}</button>
                </Show>
            </section>
        </main>
    }
}

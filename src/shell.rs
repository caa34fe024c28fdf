//! The app shell: the frame around the routes (skip link, header,
//! `<main>`, live region) and the page title. The state it shows lives in
//! `app_state.rs`.

use leptos::prelude::*;

use crate::app_state::use_unsaved_changes;
use crate::components::live_region::LiveRegion;
use crate::components::nav::AppNav;
use crate::components::skip_link::SkipLink;
use crate::i18n::use_i18n;

/// Skip link, header, `<main>` (the skip link's target) and the live
/// regions around the routes. Must sit inside the `Router`.
#[component]
pub fn AppShell(children: Children) -> impl IntoView {
    let unsaved = use_unsaved_changes();
    // Closing or reloading the tab with unsaved edits: the browser asks.
    let before_unload = window_event_listener(leptos::ev::beforeunload, move |ev| {
        if unsaved.is_dirty() {
            ev.prevent_default();
        }
    });
    on_cleanup(move || before_unload.remove());
    view! {
        <SkipLink target="main"/>
        <AppNav/>
        <main id="main" class="page" tabindex="-1">
            {children()}
        </main>
        <LiveRegion/>
    }
}

/// Sets `document.title` to "<page> · <app>" in the current language.
pub fn use_page_title(key: &'static str) {
    let i18n = use_i18n();
    Effect::new(move || {
        document().set_title(&format!("{} · {}", i18n.t(key), i18n.t("app.name")));
    });
}

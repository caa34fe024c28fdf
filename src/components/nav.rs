use leptos::prelude::*;
use leptos_router::components::A;
use wasm_bindgen::JsCast;

use crate::app_state::use_unsaved_changes;
use crate::components::user_badge::UserBadge;
use crate::i18n::use_i18n;
use crate::session::Session;

/// Header: the app's name, Profile/Settings links (the router marks the
/// current one with `aria-current="page"`) and who is signed in.
#[component]
pub fn AppNav() -> impl IntoView {
    let session = expect_context::<Session>();
    let i18n = use_i18n();
    let unsaved = use_unsaved_changes();
    // A capture listener on the header itself runs before the router's
    // window-level link handler, which skips prevented clicks.
    let guard = move |ev: leptos::ev::MouseEvent| {
        let on_link = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| el.closest("a[href]").ok().flatten().is_some());
        if on_link && !unsaved.confirm_leave(i18n) {
            ev.prevent_default();
        }
    };
    view! {
        <header class="app-header" on:click:capture=guard>
            <div class="app-header__inner">
                <span class="app-header__brand">{i18n.tr("app.name")}</span>
                <nav class="app-nav" aria-label=i18n.tr("nav.main")>
                    <A href="/profile">{i18n.tr("page.profile")}</A>
                    <A href="/settings">{i18n.tr("page.settings")}</A>
                </nav>
                <div class="app-header__end">
                    <Show
                        when=move || session.is_signed_in()
                        fallback=move || view! { <A href="/sign-in">{i18n.tr("nav.sign_in")}</A> }
                    >
                        <UserBadge/>
                    </Show>
                </div>
            </div>
        </header>
    }
}

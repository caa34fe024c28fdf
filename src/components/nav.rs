use leptos::prelude::*;
use leptos_router::components::A;

use crate::session::Session;

/// Header with the app's name and links between its pages.
#[component]
pub fn AppNav() -> impl IntoView {
    let session = expect_context::<Session>();
    view! {
        <header class="nav">
            <span class="nav__brand">"Profile"</span>
            <nav class="nav__links" aria-label="Main">
                <A href="/profile">"Profile"</A>
                <A href="/settings">"Settings"</A>
                <Show when=move || session.is_signed_in()>
                    <button class="nav__sign-out" on:click=move |_| session.sign_out()>"Sign out"</button>
                </Show>
            </nav>
        </header>
    }
}

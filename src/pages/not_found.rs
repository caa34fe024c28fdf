use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::use_i18n;
use crate::shell::use_page_title;

on_demand!(not_found: pub fn not_found_view() -> AnyView {
    view! { <NotFound/> }.into_any()
});

/// Any address the router does not know.
#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title("not_found.title");
    view! {
        <section class="card not-found" data-testid="not-found">
            <h1 class="not-found__title">{i18n.tr("not_found.title")}</h1>
            <p>{i18n.tr("not_found.body")}</p>
            <p><A href="/profile">{i18n.tr("not_found.link")}</A></p>
        </section>
    }
}

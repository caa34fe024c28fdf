//! Where a person lands once their account is deleted: this browser has
//! forgotten them too (`forms::delete_account`).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::use_i18n;
use crate::shell::use_page_title;

// In the not-found page's module: the same few pieces (a card, a link),
// and one module fewer to cut the shared code between.
on_demand!(not_found: pub fn account_deleted_view() -> AnyView {
    view! { <AccountDeleted/> }.into_any()
});

#[component]
pub fn AccountDeleted() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title("deleted.title");
    view! {
        <section class="card not-found" data-testid="account-deleted">
            <h1 class="not-found__title">{i18n.tr("deleted.title")}</h1>
            <p>{i18n.tr("deleted.body")}</p>
            <p><A href="/sign-in">{i18n.tr("nav.sign_in")}</A></p>
        </section>
    }
}

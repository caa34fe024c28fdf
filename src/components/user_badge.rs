use leptos::prelude::*;

use crate::app_state::use_current_user;
use crate::components::person_photo::PersonPhoto;
use crate::i18n::use_i18n;

/// The signed-in person's photo (or initials) and name, from
/// [`CurrentUser`](crate::app_state::CurrentUser). Renders nothing until the
/// name or photo is known.
#[component]
pub fn UserBadge() -> impl IntoView {
    let i18n = use_i18n();
    let user = use_current_user();
    let known = move || user.name.with(Option::is_some) || user.avatar_url.with(Option::is_some);
    let name = move || user.name.get().unwrap_or_default();

    view! {
        <Show when=known>
            <div class="user-badge" data-testid="user-badge">
                // Decorative: the name stands right next to it.
                <PersonPhoto url=user.avatar_url class="user-badge__photo" alt="" test_id="user-photo"/>
                <span class="user-badge__name">
                    <span class="visually-hidden">{i18n.tr("nav.user")}" "</span>
                    <bdi data-testid="user-name">{name}</bdi>
                </span>
            </div>
        </Show>
    }
}

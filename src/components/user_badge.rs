use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::shell::use_current_user;

/// The signed-in person's photo (or initials) and name, from
/// [`CurrentUser`](crate::shell::CurrentUser). Renders nothing until the
/// name or photo is known.
#[component]
pub fn UserBadge() -> impl IntoView {
    let i18n = use_i18n();
    let user = use_current_user();
    // A broken photo URL falls back to the initials.
    let broken = RwSignal::new(false);
    Effect::new(move || {
        user.avatar_url.track();
        broken.set(false);
    });
    let known = move || user.name.with(Option::is_some) || user.avatar_url.with(Option::is_some);
    let name = move || user.name.get().unwrap_or_default();

    view! {
        <Show when=known>
            <div class="user-badge" data-testid="user-badge">
                {move || match user.avatar_url.get().filter(|_| !broken.get()) {
                    // Decorative: the name stands right next to it.
                    Some(url) => view! {
                        <img class="user-badge__photo" src=url alt="" width="32" height="32"
                            on:error=move |_| broken.set(true) data-testid="user-photo"/>
                    }.into_any(),
                    None => view! {
                        <span class="user-badge__photo user-badge__photo--initials" aria-hidden="true">
                            {move || initials(&name())}
                        </span>
                    }.into_any(),
                }}
                <span class="user-badge__name">
                    <span class="visually-hidden">{i18n.tr("nav.user")}" "</span>
                    <bdi data-testid="user-name">{name}</bdi>
                </span>
            </div>
        </Show>
    }
}

/// Up to two letters: the first of the first two words.
pub fn initials(name: &str) -> String {
    name.split_whitespace().take(2).filter_map(|w| w.chars().next()).flat_map(char::to_uppercase).collect()
}

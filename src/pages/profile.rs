use leptos::prelude::*;
use leptos_router::components::Redirect;
use profile_model::wire::pwgen::{User, UserUpdate};

use crate::api::{ApiClient, ApiError};
use crate::session::Session;

/// The signed-in person's profile: loads it, then hands it to the form.
#[component]
pub fn ProfilePage() -> impl IntoView {
    let session = expect_context::<Session>();
    let api = expect_context::<ApiClient>();
    let profile = LocalResource::new(move || {
        let api = api.clone();
        async move { api.load_profile().await }
    });

    move || {
        if !session.is_signed_in() {
            return view! { <Redirect path="/sign-in"/> }.into_any();
        }
        view! {
            <Transition fallback=|| view! { <p class="card skeleton" data-testid="loading">"Loading your profile…"</p> }>
                {move || profile.get().map(|answer| match answer {
                    Ok(user) => view! { <ProfileForm user/> }.into_any(),
                    Err(e) => view! { <p class="card banner banner--error" role="alert">{e.to_string()}</p> }.into_any(),
                })}
            </Transition>
        }
        .into_any()
    }
}

/// Edits the loaded user; sends only what changed.
#[component]
fn ProfileForm(user: User) -> impl IntoView {
    let api = expect_context::<ApiClient>();
    let id = user.id;
    let saved_first_name = RwSignal::new(user.first_name.clone());
    let first_name = RwSignal::new(user.first_name);

    let save = Action::new_local(move |changes: &UserUpdate| {
        let api = api.clone();
        let changes = changes.clone();
        async move { api.save_profile(id, &changes).await }
    });

    // Take the server's confirmed values once it answers.
    Effect::new(move || {
        if let Some(Ok(user)) = save.value().get() {
            saved_first_name.set(user.first_name.clone());
            if first_name.get_untracked() == user.first_name {
                first_name.set(user.first_name);
            }
        }
    });

    let dirty = move || first_name.with(|v| *v != saved_first_name.get());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if save.pending().get_untracked() || !dirty() {
            return;
        }
        save.dispatch(UserUpdate { first_name: Some(first_name.get_untracked()), ..Default::default() });
    };

    view! {
        <form class="card profile" on:submit=on_submit>
            <h1>"Your profile"</h1>
            <label class="field">
                <span class="field__label">"First name"</span>
                <input type="text" dir="auto" data-testid="first_name" bind:value=first_name/>
            </label>
            <div class="form__actions">
                <button type="submit" class="button button--primary" data-testid="save"
                    disabled=move || save.pending().get() || !dirty()>
                    {move || if save.pending().get() { "Saving…" } else { "Save" }}
                </button>
                <span class="form__status" role="status" aria-live="polite" data-testid="save-status">
                    {move || save.value().get().map(|r: Result<User, ApiError>| match r {
                        Ok(_) => "Saved".to_string(),
                        Err(e) => e.to_string(),
                    })}
                </span>
            </div>
        </form>
    }
}

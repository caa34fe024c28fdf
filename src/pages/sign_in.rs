use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api::ApiClient;

/// Email + password sign-in for token dialects.
#[component]
pub fn SignInPage() -> impl IntoView {
    let api = expect_context::<ApiClient>();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let remember = RwSignal::new(false);
    let navigate = use_navigate();

    let sign_in = Action::new_local(move |_: &()| {
        let api = api.clone();
        let (email, password, remember) = (email.get_untracked(), password.get_untracked(), remember.get_untracked());
        async move {
            let answer = api.sign_in(&email, &password).await?;
            api.session().sign_in(answer.access, remember);
            Ok::<_, crate::api::ApiError>(())
        }
    });

    Effect::new(move || {
        if let Some(Ok(())) = sign_in.value().get() {
            navigate("/profile", Default::default());
        }
    });

    view! {
        <section class="card sign-in">
            <h1>"Sign in"</h1>
            <form on:submit=move |ev| {
                ev.prevent_default();
                sign_in.dispatch(());
            }>
                <label class="field">
                    <span class="field__label">"Email"</span>
                    <input type="email" autocomplete="username" data-testid="email" bind:value=email required/>
                </label>
                <label class="field">
                    <span class="field__label">"Password"</span>
                    <input type="password" autocomplete="current-password" data-testid="password" bind:value=password required/>
                </label>
                <label class="field field--inline">
                    <input type="checkbox" data-testid="remember" bind:checked=remember/>
                    <span>"Remember me on this browser"</span>
                </label>
                <button type="submit" class="button button--primary" data-testid="sign-in" disabled=move || sign_in.pending().get()>
                    {move || if sign_in.pending().get() { "Signing in…" } else { "Sign in" }}
                </button>
                <p class="form__error" role="alert">
                    {move || sign_in.value().get().and_then(Result::err).map(|e| e.to_string())}
                </p>
            </form>
        </section>
    }
}

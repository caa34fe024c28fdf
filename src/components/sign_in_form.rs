//! The sign-in form: the sign-in page's body, and the dialog a page shows
//! over kept edits when the session expires.

use leptos::prelude::*;
use profile_model::AuthMode;

use crate::api::{ApiClient, ClientError};
use crate::components::banner::ErrorBanner;
use crate::i18n::use_i18n;

/// The form itself, also shown in a dialog when a session expires during
/// editing (so the edits stay on the page underneath).
#[component]
pub fn SignInForm(
    /// Runs once the session holds a working credential.
    on_signed_in: Callback<()>,
    /// Where "remember me" starts (the dialog: the person's current choice).
    #[prop(optional)]
    remember: bool,
    /// A Cancel button beside Sign in (the dialog), running this.
    #[prop(optional)]
    on_cancel: Option<Callback<()>>,
) -> impl IntoView {
    let api = expect_context::<ApiClient>();
    let i18n = use_i18n();
    let login = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let token = RwSignal::new(String::new());
    let remember = RwSignal::new(remember);
    let takes_token = matches!(api.config().auth, AuthMode::Bearer | AuthMode::Token);
    // The backend's sign-in is elsewhere (an identity provider): a token
    // is the only way in, here and in the dialog after it expires.
    let token_only = takes_token && api.config().endpoints.sign_in.is_none();

    let sign_in = {
        let api = api.clone();
        Action::new_local(move |_: &()| {
            let api = api.clone();
            let (login, password, token, remember) =
                (login.get_untracked(), password.get_untracked(), token.get_untracked(), remember.get_untracked());
            async move {
                if !token.trim().is_empty() {
                    api.set_token(&token, remember);
                    // Prove the pasted token before calling it signed in.
                    if let Err(e) = api.load_profile().await {
                        api.session().sign_out();
                        return Err(e);
                    }
                    return Ok(());
                }
                api.sign_in(login.trim(), &password, remember).await
            }
        })
    };
    Effect::new(move || {
        if let Some(Ok(())) = sign_in.value().get() {
            on_signed_in.run(());
        }
    });
    let problems = Signal::derive(move || {
        sign_in.value().get().and_then(Result::err).map(|e: ClientError| e.form_messages()).unwrap_or_default()
    });

    view! {
        <section class="card sign-in">
            <h1>{i18n.tr("sign_in.title")}</h1>
            <form on:submit=move |ev| {
                ev.prevent_default();
                if !sign_in.pending().get_untracked() {
                    sign_in.dispatch(());
                }
            }>
                {if token_only {
                    view! {
                        <p class="sign-in__hint" data-testid="token-only">{i18n.tr("sign_in.token_elsewhere")}</p>
                        <TokenField token/>
                    }
                    .into_any()
                } else {
                    view! {
                        <div class="field">
                            <label class="field__label" for="sign-in-login">{i18n.tr("sign_in.login")}</label>
                            <input id="sign-in-login" type="text" autocomplete="username" data-testid="email" bind:value=login/>
                        </div>
                        <div class="field">
                            <label class="field__label" for="sign-in-password">{i18n.tr("sign_in.password")}</label>
                            <input id="sign-in-password" type="password" autocomplete="current-password" data-testid="password" bind:value=password/>
                        </div>
                        <Show when=move || takes_token>
                            <details class="sign-in__token">
                                <summary>{i18n.tr("sign_in.have_token")}</summary>
                                <TokenField token/>
                            </details>
                        </Show>
                    }
                    .into_any()
                }}
                <div class="field field--inline">
                    <input id="sign-in-remember" type="checkbox" data-testid="remember" bind:checked=remember/>
                    <label for="sign-in-remember">{i18n.tr("sign_in.remember")}</label>
                </div>
                <ErrorBanner messages=problems/>
                <div class="sign-in__actions">
                    <button type="submit" class="button button--primary" data-testid="sign-in" disabled=move || sign_in.pending().get()>
                        {move || i18n.t(if sign_in.pending().get() { "sign_in.pending" } else { "sign_in.submit" })}
                    </button>
                    {on_cancel.map(|cancel| view! {
                        <button type="button" class="button" data-testid="sign-in-cancel" on:click=move |_| cancel.run(())>
                            {i18n.tr("action.cancel")}
                        </button>
                    })}
                </div>
            </form>
        </section>
    }
}

/// "Paste a token I already have".
#[component]
fn TokenField(token: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="field">
            <label class="field__label" for="sign-in-token">{i18n.tr("sign_in.token")}</label>
            <input id="sign-in-token" type="password" autocomplete="off" data-testid="token" bind:value=token/>
        </div>
    }
}

//! Settings > Connection: which backend this app talks to, and a
//! per-browser override of the deployed `config.json`.

use leptos::prelude::*;

use crate::api::ApiClient;
use crate::config;
use crate::i18n::use_i18n;

#[component]
pub fn ConnectionDetails() -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_context::<ApiClient>();
    let cfg = api.config().clone();
    let base_url = cfg.api_base_url.clone();
    let base = move || {
        if base_url.is_empty() {
            i18n.t("connection.same_origin")
        } else {
            base_url.clone()
        }
    };
    let draft = RwSignal::new(config::override_text().unwrap_or_default());
    let problem = RwSignal::new(None::<String>);
    let reload = || {
        let _ = web_sys::window().map(|w| w.location().reload());
    };
    let apply = move |_| {
        leptos::task::spawn_local(async move {
            match config::set_override(&draft.get_untracked()).await {
                Ok(()) => reload(),
                Err(e) => problem.set(Some(e)),
            }
        })
    };
    let clear = move |_| {
        config::clear_override();
        reload();
    };
    view! {
        <dl class="facts" data-testid="connection">
            <div class="facts__item"><dt>{i18n.tr("connection.dialect")}</dt><dd data-testid="connection-dialect">{cfg.dialect.name.clone()}</dd></div>
            <div class="facts__item"><dt>{i18n.tr("connection.base_url")}</dt><dd>{base}</dd></div>
            <div class="facts__item"><dt>{i18n.tr("connection.auth")}</dt><dd>{cfg.auth.name()}</dd></div>
        </dl>
        <div class="field">
            <label class="field__label" for="connection-override">{i18n.tr("connection.override")}</label>
            <textarea id="connection-override" rows="4" dir="ltr" spellcheck="false" data-testid="connection-override"
                placeholder=r#"{ "dialect": "users-me" }"#
                prop:value=draft on:input=move |ev| draft.set(event_target_value(&ev))
                aria-describedby="connection-override-error"></textarea>
            <p class="field__error" id="connection-override-error" role="alert">{move || problem.get()}</p>
        </div>
        <div class="form__actions">
            <button type="button" class="button button--primary" data-testid="connection-apply" on:click=apply>
                {i18n.tr("connection.apply")}
            </button>
            <button type="button" class="button" data-testid="connection-clear" on:click=clear>
                {i18n.tr("connection.clear")}
            </button>
        </div>
    }
}

//! A password input with its label, a Show/Hide toggle and its messages.
//! The platform does the rest: `autocomplete` tells password managers
//! whether to fill the saved password or offer a new one.

use leptos::prelude::*;
use profile_model::Message;

use crate::i18n::use_i18n;

#[component]
pub fn PasswordField(
    /// `password-<name>` is the id and test id; `error-password-<name>`
    /// the messages'.
    name: &'static str,
    /// Key of the label.
    label: &'static str,
    /// `current-password` or `new-password`.
    autocomplete: &'static str,
    /// The text typed.
    value: RwSignal<String>,
    /// What shows under the input.
    errors: Signal<Vec<Message>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("password-{name}");
    let error_id = format!("error-password-{name}");
    let shown = RwSignal::new(false);
    let invalid = move || errors.with(|e| !e.is_empty()).then_some("true");
    view! {
        <div class="field">
            <label class="field__label" for=id.clone()>{i18n.tr(label)}</label>
            <div class="password">
                <input id=id.clone() data-testid=id.clone() class="password__input"
                    type=move || if shown.get() { "text" } else { "password" }
                    autocomplete=autocomplete spellcheck="false" autocapitalize="off"
                    prop:value=value on:input=move |ev| value.set(event_target_value(&ev))
                    aria-invalid=invalid aria-describedby=error_id.clone()/>
                // Its name stays put ("Show: New password"); aria-pressed
                // says whether the text shows.
                <button type="button" class="button password__toggle" aria-controls=id.clone()
                    aria-pressed=move || if shown.get() { "true" } else { "false" }
                    data-testid=format!("password-{name}-show")
                    on:click=move |_| shown.update(|s| *s = !*s)>
                    {i18n.tr("security.show")}
                    <span class="visually-hidden">": "{i18n.tr(label)}</span>
                </button>
            </div>
            <div class="field__error" id=error_id.clone() data-testid=error_id aria-live="polite">
                {move || errors.get().iter().map(|m| view! { <p>{i18n.message(m)}</p> }).collect_view()}
            </div>
        </div>
    }
}

use leptos::prelude::*;

use crate::dom_id;
use crate::i18n::use_i18n;

/// Where a switch's change stands with the server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveState {
    Saving,
    Saved,
    /// Shown as given (already translated, or the server's words); empty
    /// shows the generic "Not saved".
    Failed(String),
}

/// An on/off setting: a labelled checkbox with `role="switch"`, drawn as
/// a track that mirrors in right-to-left layouts, and an optional save
/// state tied to it with `aria-describedby`.
#[component]
pub fn Switch(
    /// Visible label; also the accessible name.
    #[prop(into)]
    label: Signal<String>,
    /// Current value. The owner updates it (and reverts it on failure):
    /// the switch does not keep a value of its own.
    #[prop(into)]
    checked: Signal<bool>,
    /// Called with the new value when the person flips the switch.
    #[prop(into)]
    on_toggle: Callback<bool>,
    /// Not operable (e.g. while its save is pending).
    #[prop(optional, into)]
    disabled: MaybeProp<bool>,
    /// Saving / saved / failed, shown after the label.
    #[prop(optional, into)]
    state: MaybeProp<SaveState>,
    /// `data-testid` of the input; the state text gets `<id>-state`.
    #[prop(optional)]
    test_id: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let state_id = dom_id::unique("switch-state");
    let state_text = move || match state.get() {
        None => String::new(),
        Some(SaveState::Saving) => i18n.t("status.saving"),
        Some(SaveState::Saved) => i18n.t("status.saved"),
        Some(SaveState::Failed(text)) if text.is_empty() => i18n.t("status.failed"),
        Some(SaveState::Failed(text)) => text,
    };
    let state_kind = move || match state.get() {
        None => "",
        Some(SaveState::Saving) => "saving",
        Some(SaveState::Saved) => "saved",
        Some(SaveState::Failed(_)) => "failed",
    };
    view! {
        <div class="switch">
            <label class="switch__control">
                <input
                    type="checkbox"
                    role="switch"
                    class="switch__input"
                    prop:checked=move || checked.get()
                    disabled=move || disabled.get().unwrap_or(false)
                    aria-describedby=state_id.clone()
                    aria-invalid=move || (state_kind() == "failed").then_some("true")
                    data-testid=test_id
                    on:change=move |ev| on_toggle.run(event_target_checked(&ev))
                />
                <span class="switch__track" aria-hidden="true"></span>
                <span class="switch__label">{label}</span>
            </label>
            <span class="switch__state" id=state_id data-state=state_kind data-testid=format!("{test_id}-state")>
                {state_text}
            </span>
        </div>
    }
}

//! Settings > Notifications: the dialect's notification booleans (the
//! catalogue's Notifications section) as switches, each saved on its own
//! with a saving / saved / failed state; a failed save flips it back.

use leptos::prelude::*;
use leptos::task::spawn_local;
use profile_model::catalogue::{fields_in, FieldSpec, Section};
use profile_model::FieldValue;

use super::{SettingsSection, SignInNeeded, NOTIFICATIONS};
use crate::api::profile::{AvatarUpload, LoadedProfile};
use crate::api::ApiClient;
use crate::components::switch::{SaveState, Switch};
use crate::i18n::use_i18n;
use crate::pages::profile_read::{use_settings_profile, ProfileAnswer};

/// The section, or nothing for dialects without notification settings.
#[component]
pub fn NotificationSettings() -> impl IntoView {
    let api = expect_context::<ApiClient>();
    let specs: Vec<&'static FieldSpec> =
        fields_in(api.dialect(), Section::Notifications).filter(|s| s.editable()).collect();
    if specs.is_empty() {
        return ().into_any();
    }
    let specs = StoredValue::new(specs);
    let profile = use_settings_profile();
    view! {
        <SettingsSection section=NOTIFICATIONS>
            <SignInNeeded message="settings.notifications.sign_in">
                <ProfileAnswer profile
                    loaded=Callback::new(move |loaded| view! { <NotificationSwitches loaded specs=specs.get_value()/> }.into_any())/>
            </SignInNeeded>
        </SettingsSection>
    }
    .into_any()
}

#[component]
fn NotificationSwitches(loaded: LoadedProfile, specs: Vec<&'static FieldSpec>) -> impl IntoView {
    let api = expect_context::<ApiClient>();
    let i18n = use_i18n();
    let loaded = RwSignal::new(loaded);
    specs
        .into_iter()
        .map(|spec| {
            let path = spec.path.as_str();
            let checked = RwSignal::new(loaded.with_untracked(|l| l.values.bool(path)));
            let state = RwSignal::new(None::<SaveState>);
            let api = api.clone();
            let on_toggle = Callback::new(move |on: bool| {
                checked.set(on);
                state.set(Some(SaveState::Saving));
                let api = api.clone();
                spawn_local(async move {
                    // Only this switch goes in the patch, so two quick flips
                    // of different switches do not undo each other.
                    let base = loaded.get_untracked();
                    let edited = base.values.clone().with(path, FieldValue::Bool(on));
                    match api.save_profile(&base, &edited, AvatarUpload::Keep).await {
                        Ok(saved) => {
                            checked.set(saved.values.bool(path));
                            loaded.set(saved);
                            state.set(Some(SaveState::Saved));
                        }
                        Err(error) => {
                            checked.set(!on);
                            let text =
                                error.form_messages().iter().map(|m| i18n.message(m)).collect::<Vec<_>>().join(" ");
                            state.set(Some(SaveState::Failed(text)));
                        }
                    }
                });
            });
            view! {
                <Switch label=Signal::derive(move || i18n.field_label(spec)) checked=checked on_toggle=on_toggle
                    disabled=Signal::derive(move || state.get() == Some(SaveState::Saving))
                    state=state test_id=path/>
            }
        })
        .collect_view()
}

//! Settings > Account: the username and email the dialect lets a person
//! change (with the profile form's rules, save cycle and error placement),
//! and the account facts it does not (joined, last sign-in …).

use leptos::prelude::*;
use profile_model::catalogue::{fields_in, Section};

use super::{SettingsSection, SignInNeeded, ACCOUNT};
use crate::api::profile::LoadedProfile;
use crate::api::ApiClient;
use crate::components::facts::{read_only_in, ReadOnlyFacts};
use crate::components::field::FieldInput;
use crate::components::save_bar::SaveBar;
use crate::forms::{FormState, SaveFlow};
use crate::i18n::use_i18n;
use crate::on_demand::OnDemand;
use crate::pages::form_behaviour::{slot, submit_with, AfterFirstPaint, FormArgs, FormSlots, SaveBarPlaceholder};
use crate::pages::profile_read::{use_settings_profile, ProfileAnswer};
use crate::pages::save_news::use_save_news;

const DRAFT_PAGE: &str = "account";

/// The section, loaded from the backend once the person is signed in;
/// nothing for a dialect without account fields (aisquare-details).
#[component]
pub fn AccountSettings() -> impl IntoView {
    let api = expect_context::<ApiClient>();
    let i18n = use_i18n();
    if fields_in(api.dialect(), Section::Account).next().is_none() {
        return ().into_any();
    }
    let profile = use_settings_profile();
    view! {
        <SettingsSection section=ACCOUNT>
            <SignInNeeded message="settings.account.sign_in">
                <ProfileAnswer profile
                    pending=move || view! { <p class="settings__pending" aria-busy="true">{i18n.tr("settings.pending")}</p> }
                    loaded=Callback::new(|loaded| view! { <AccountForm loaded/> }.into_any())/>
            </SignInNeeded>
        </SettingsSection>
    }
    .into_any()
}

/// The fields and facts; the save cycle arrives once they are painted
/// (`pages/form_behaviour.rs`).
#[component]
fn AccountForm(loaded: LoadedProfile) -> impl IntoView {
    let api = expect_context::<ApiClient>();
    let dialect = api.dialect();
    let form = FormState::for_section(dialect, Section::Account, &loaded.values);
    let loaded = RwSignal::new(loaded);
    let values = Signal::derive(move || loaded.with(|l| l.values.clone()));
    let slots = RwSignal::new(None::<FormSlots>);
    let editable = !form.is_empty();
    view! {
        <form class="account" novalidate data-testid="account-form" on:submit=submit_with(slots)>
            {move || slot(slots, |s| Some(&s.above))}
            {form.fields().into_iter().map(|field| view! { <FieldInput field/> }).collect_view()}
            <ReadOnlyFacts specs=read_only_in(dialect, Section::Account) values api_base_url=api.config().api_base_url.clone()/>
            {editable.then(|| view! {
                <AfterFirstPaint>
                    <OnDemand load=move || account_behaviour_view(FormArgs { form, loaded, slots }) fallback=SaveBarPlaceholder/>
                </AfterFirstPaint>
            })}
        </form>
        {move || slot(slots, |s| Some(&s.after))}
    }
}

// In the module of the profile page's behaviour: the same save cycle.
on_demand!(form_behaviour: fn account_behaviour_view(args: FormArgs) -> AnyView {
    let FormArgs { form, loaded, slots } = args;
    let flow = SaveFlow::new(form, loaded, DRAFT_PAGE, use_save_news());
    slots.set(Some(FormSlots::for_flow(flow)));
    view! { <SaveBar flow/> }.into_any()
});

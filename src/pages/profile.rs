//! The page people come for: their profile, rendered from the model
//! crate's catalogue for the configured dialect. This file is the first
//! screen; what acting on it needs is `profile_behaviour.rs`.

use leptos::prelude::*;
use leptos_router::components::Redirect;
use profile_model::catalogue::{sections, Page, Section};

use crate::api::profile::LoadedProfile;
use crate::api::ApiClient;
use crate::app_state::photo_url;
use crate::components::facts::{read_only_in, ReadOnlyFacts};
use crate::components::field::FieldInput;
use crate::components::person_photo::PersonPhoto;
use crate::dom_id;
use crate::forms::FormState;
use crate::i18n::use_i18n;
use crate::on_demand::OnDemand;
use crate::pages::form_behaviour::{slot, submit_with, AfterFirstPaint, FormArgs, FormSlots, SaveBarPlaceholder};
use crate::pages::profile_behaviour::behaviour_view;
use crate::pages::profile_read::{use_profile_read, ProfileAnswer, ProfileResource};
use crate::session::Session;

/// The route: the profile read starts here, in the main module, so it
/// runs while the page's own code downloads.
#[component]
pub fn ProfilePage() -> impl IntoView {
    let session = expect_context::<Session>();
    // Only signing out may tear the editor down: signing in again from the
    // 401 dialog swaps the credential, and re-rendering then would drop
    // the very edits the dialog promises to keep.
    let signed_in = Memo::new(move |_| session.is_signed_in());
    move || {
        if !signed_in.get() {
            return view! { <Redirect path="/sign-in"/> }.into_any();
        }
        let profile = use_profile_read();
        // A stored credential the server no longer accepts: sign out, and
        // the branch above sends the person to the sign-in page.
        Effect::new(move || {
            if profile.with(|answer| matches!(answer, Some(Err(e)) if e.is_unauthorized())) {
                session.sign_out();
            }
        });
        view! { <OnDemand load=move || profile_view(profile) fallback=ProfileSkeleton/> }.into_any()
    }
}

on_demand!(profile: fn profile_view(profile: ProfileResource) -> AnyView {
    view! { <ProfileRead profile/> }.into_any()
});

// Loads the page's module and nothing else (crate::pages::load_landing_module).
on_demand!(profile: pub fn profile_module() -> () {});

/// The read's answer: the editor, or what went wrong with Retry.
#[component]
fn ProfileRead(profile: ProfileResource) -> impl IntoView {
    view! {
        <ProfileAnswer profile pending=|| view! { <ProfileSkeleton/> }
            loaded=Callback::new(|loaded| view! { <ProfileEditor loaded/> }.into_any())/>
    }
}

/// Grey blocks in the shape of the form while it loads.
#[component]
fn ProfileSkeleton() -> impl IntoView {
    view! {
        <div class="card skeleton" data-testid="loading" aria-busy="true">
            <div class="skeleton__avatar"></div>
            <div class="skeleton__line"></div>
            <div class="skeleton__line"></div>
            <div class="skeleton__line skeleton__line--short"></div>
        </div>
    }
}

/// The first screen: the sections with their fields and facts, drawn from
/// the values. What a person needs only once they act (the rules, Save,
/// drafts, the section list, the photo editor's launcher, the sign-in
/// dialog) is [`behaviour_view`]'s module, fetched once this has been
/// painted; typing meanwhile goes into the fields' value signals, so
/// nothing is lost and the rules judge it when they arrive.
#[component]
fn ProfileEditor(loaded: LoadedProfile) -> impl IntoView {
    let api = expect_context::<ApiClient>();
    let i18n = use_i18n();
    let dialect = api.dialect();
    let form = FormState::new(dialect, Page::Profile, &loaded.values);
    let loaded = RwSignal::new(loaded);
    let values = Signal::derive(move || loaded.with(|l| l.values.clone()));
    let slots = RwSignal::new(None::<FormSlots>);
    let api_base_url = api.config().api_base_url.clone();
    let photo_url = Signal::derive(move || loaded.with(|l| photo_url(dialect, &api_base_url, &l.values)));

    view! {
        <div class="sectioned">
            // Holds the list's column until the list arrives.
            {move || slot(slots, |s| s.nav.as_ref()).unwrap_or_else(|| view! { <div class="section-nav"></div> }.into_any())}
            <form class="card profile" novalidate on:submit=submit_with(slots)>
                <h1>{i18n.tr("profile.title")}</h1>
                {move || slot(slots, |s| Some(&s.above))}
                {sections(dialect, Page::Profile).into_iter().map(|section| view! {
                    <fieldset class="profile__section" id=dom_id::profile_section(section.name()) tabindex="-1" data-section=section.name()>
                        <legend>{move || i18n.t(&section.label_key())}</legend>
                        {(section == Section::Photo).then_some(move || {
                            slot(slots, |s| s.photo.as_ref()).unwrap_or_else(|| view! { <PhotoPreview url=photo_url/> }.into_any())
                        })}
                        {form.fields().into_iter().filter(|f| f.spec.section == section)
                            .map(|field| view! { <FieldInput field/> }).collect_view()}
                        <ReadOnlyFacts specs=read_only_in(dialect, section) values api_base_url=api.config().api_base_url.clone()/>
                    </fieldset>
                }).collect_view()}
                <AfterFirstPaint>
                    <OnDemand load=move || behaviour_view(FormArgs { form, loaded, slots }) fallback=SaveBarPlaceholder/>
                </AfterFirstPaint>
            </form>
        </div>
        {move || slot(slots, |s| Some(&s.after))}
    }
}

/// The current photo (read-only here, or until the launcher arrives), or
/// the initials.
#[component]
fn PhotoPreview(#[prop(into)] url: Signal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    view! { <PersonPhoto url class="profile__photo" alt=i18n.tr("profile.photo_alt") test_id="photo"/> }
}

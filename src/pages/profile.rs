//! The page people come for: their profile, rendered from the model
//! crate's catalogue for the configured dialect.

use leptos::__reexports::send_wrapper::SendWrapper;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use profile_model::catalogue::{sections, upload_field, Page, Section};
use profile_model::{AvatarPolicy, Date, PhotoRemoval};

use crate::api::profile::{AvatarUpload, LoadedProfile};
use crate::api::ApiClient;
use crate::app_state::photo_url;
use crate::components::avatar::{AvatarEditor, AvatarLauncher, AvatarStart};
use crate::components::facts::{read_only_in, ReadOnlyFacts};
use crate::components::field::FieldInput;
use crate::components::person_photo::PersonPhoto;
use crate::components::save_bar::{DraftOffer, SaveBar, SaveErrors};
use crate::components::section_nav::{NavEntry, SectionNav};
use crate::dom_id;
use crate::forms::{today, FieldState, FormState, SaveFlow};
use crate::i18n::use_i18n;
use crate::on_demand;
use crate::on_demand::OnDemand;
use crate::pages::profile_read::{use_profile_read, ProfileAnswer, ProfileResource};
use crate::pages::reauth::ReauthOnDemand;
use crate::pages::save_news::use_save_news;
use crate::session::Session;

const DRAFT_PAGE: &str = "profile";

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

/// The form: sections of fields, read-only facts, and the save bar.
#[component]
fn ProfileEditor(loaded: LoadedProfile) -> impl IntoView {
    let api = expect_context::<ApiClient>();
    let i18n = use_i18n();
    let dialect = api.dialect();
    let form = FormState::new(dialect, Page::Profile, &loaded.values);
    let flow = SaveFlow::new(form, loaded, DRAFT_PAGE, use_save_news());
    let today = today();
    let values = Signal::derive(move || flow.loaded.with(|l| l.values.clone()));

    let sections = sections(dialect, Page::Profile);
    let nav = sections.iter().map(|&section| section_entry(flow, section, today)).collect();

    view! {
        <div class="sectioned">
            <SectionNav entries=nav/>
            <form class="card profile" novalidate on:submit=move |ev| { ev.prevent_default(); flow.submit(); }>
                <h1>{i18n.tr("profile.title")}</h1>
                <DraftOffer flow/>
                <SaveErrors flow/>
                {sections.into_iter().map(|section| view! {
                    <fieldset class="profile__section" id=dom_id::profile_section(section.name()) tabindex="-1" data-section=section.name()>
                        <legend>{move || i18n.t(&section.label_key())}</legend>
                        {(section == Section::Photo).then(|| view! { <PhotoField flow/> })}
                        {form.fields().into_iter().filter(|f| f.spec.section == section)
                            .map(|field| view! { <FieldInput field today/> }).collect_view()}
                        <ReadOnlyFacts specs=read_only_in(dialect, section) values api_base_url=api.config().api_base_url.clone()/>
                    </fieldset>
                }).collect_view()}
                <SaveBar flow/>
            </form>
        </div>
        <ReauthOnDemand flow/>
    }
}

/// The section's link, flagged while a field in it (or the photo) has an
/// unsaved change or an error.
fn section_entry(flow: SaveFlow, section: Section, today: Date) -> NavEntry {
    let i18n = use_i18n();
    let fields: Vec<FieldState> = flow.form.fields().into_iter().filter(|f| f.spec.section == section).collect();
    let photo = section == Section::Photo;
    let flagged = Signal::derive(move || {
        let photo_flagged = photo
            && (flow.upload.with(|u| !matches!(u, AvatarUpload::Keep)) || flow.upload_error.with(Option::is_some));
        photo_flagged || fields.iter().any(|f| f.is_dirty() || f.shown_error(today).is_some())
    });
    NavEntry {
        id: dom_id::profile_section(section.name()),
        label: Signal::derive(move || i18n.t(&section.label_key())),
        flagged,
    }
}

/// The photo: an editor where the dialect takes uploads, else a preview.
#[component]
fn PhotoField(flow: SaveFlow) -> impl IntoView {
    let api = expect_context::<ApiClient>();
    let dialect = api.dialect();
    let api_base_url = api.config().api_base_url.clone();
    let photo_url = move || flow.loaded.with(|l| photo_url(dialect, &api_base_url, &l.values));
    match upload_field(dialect) {
        Some(spec) => {
            let policy = api.config().avatar.clone();
            let can_remove = spec.nullable && dialect.photo_removal != PhotoRemoval::None;
            let i18n = use_i18n();
            let accept = policy.accept_attribute();
            let on_change = Callback::new(move |upload| flow.upload.set(upload));
            let server_error = Signal::derive(move || flow.upload_error.get().map(|m| i18n.message(&m)));
            let current_url = Signal::derive(photo_url);
            // Once started, the editor stays: when the server confirms a
            // photo it ends the pending preview itself.
            let started = RwSignal::new_local(None::<AvatarStart>);
            (move || match started.get() {
                None => view! {
                    <AvatarLauncher current_url accept=accept.clone() can_remove
                        on_start=Callback::new(move |start| started.set(Some(start)))/>
                }
                .into_any(),
                Some(start) => {
                    let editor = AvatarEditorArgs { current_url, policy: policy.clone(), can_remove, on_change, server_error };
                    let start = SendWrapper::new(start);
                    let accept = accept.clone();
                    view! {
                        <OnDemand load=move || avatar_editor_view(editor.clone(), start.clone())
                            // Looks the same while the editor's code arrives.
                            fallback=move || view! {
                                <AvatarLauncher current_url accept=accept.clone() can_remove on_start=Callback::new(|_| ())/>
                            }/>
                    }
                    .into_any()
                }
            })
            .into_any()
        }
        None => view! { <PhotoPreview url=Signal::derive(photo_url)/> }.into_any(),
    }
}

/// The editor's props, carried into its module.
#[derive(Clone)]
struct AvatarEditorArgs {
    current_url: Signal<Option<String>>,
    policy: AvatarPolicy,
    can_remove: bool,
    on_change: Callback<AvatarUpload>,
    server_error: Signal<Option<String>>,
}

// The editor (checks, decoding, cropping, encoding) is a module of its
// own: most people open a profile without changing the photo.
on_demand!(avatar_editor: fn avatar_editor_view(args: AvatarEditorArgs, start: SendWrapper<AvatarStart>) -> AnyView {
    let AvatarEditorArgs { current_url, policy, can_remove, on_change, server_error } = args;
    view! { <AvatarEditor current_url policy can_remove on_change server_error start=start.take()/> }.into_any()
});

/// The current photo (read-only here), or the initials.
#[component]
fn PhotoPreview(#[prop(into)] url: Signal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    view! { <PersonPhoto url class="profile__photo" alt=i18n.tr("profile.photo_alt") test_id="photo"/> }
}

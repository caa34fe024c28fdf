//! What the profile page does once a person acts on it: the fields'
//! rules, Save and its patch, drafts, the section list with its tracking
//! and flags, the photo editor's launcher, the sign-in dialog of a lost
//! session. The page's first screen (`profile.rs`) draws the fields
//! without any of it and fetches this module once it has been painted;
//! the views here fill the slots it left ([`FormSlots`]).

use leptos::__reexports::send_wrapper::SendWrapper;
use leptos::prelude::*;
use profile_model::catalogue::{sections, upload_field, Page, Section};
use profile_model::{AvatarPolicy, PhotoRemoval};

use crate::api::profile::AvatarUpload;
use crate::api::ApiClient;
use crate::app_state::photo_url;
use crate::components::avatar::{AvatarEditor, AvatarLauncher, AvatarStart};
use crate::components::save_bar::SaveBar;
use crate::components::section_nav::{NavEntry, SectionNav};
use crate::dom_id;
use crate::forms::{FieldState, SaveFlow};
use crate::i18n::use_i18n;
use crate::on_demand::OnDemand;
use crate::pages::form_behaviour::{FormArgs, FormSlots};
use crate::pages::save_news::use_save_news;

const DRAFT_PAGE: &str = "profile";

// Its module is the one Settings > Account's behaviour rides in too.
on_demand!(form_behaviour: pub fn behaviour_view(args: FormArgs) -> AnyView {
    let FormArgs { form, loaded, slots } = args;
    let flow = SaveFlow::new(form, loaded, DRAFT_PAGE, use_save_news());
    let nav: Vec<NavEntry> = sections(form.dialect, Page::Profile).into_iter().map(|s| section_entry(flow, s)).collect();
    slots.set(Some(FormSlots {
        nav: Some(ViewFn::from(move || view! { <SectionNav entries=nav.clone()/> })),
        photo: upload_field(form.dialect).is_some().then(|| ViewFn::from(move || view! { <PhotoField flow/> })),
        ..FormSlots::for_flow(flow)
    }));
    view! { <SaveBar flow/> }.into_any()
});

/// The section's link, flagged while a field in it (or the photo) has an
/// unsaved change or an error.
fn section_entry(flow: SaveFlow, section: Section) -> NavEntry {
    let i18n = use_i18n();
    let fields: Vec<FieldState> = flow.form.fields().into_iter().filter(|f| f.spec.section == section).collect();
    let photo = section == Section::Photo;
    let flagged = Signal::derive(move || {
        let photo_flagged = photo
            && (flow.upload.with(|u| !matches!(u, AvatarUpload::Keep)) || flow.upload_error.with(Option::is_some));
        photo_flagged || fields.iter().any(|f| f.is_dirty() || f.error.with(Option::is_some))
    });
    NavEntry {
        id: dom_id::profile_section(section.name()),
        label: Signal::derive(move || i18n.t(&section.label_key())),
        flagged,
    }
}

/// The photo editor, for a dialect that takes uploads.
#[component]
fn PhotoField(flow: SaveFlow) -> impl IntoView {
    let api = expect_context::<ApiClient>();
    let dialect = api.dialect();
    let api_base_url = api.config().api_base_url.clone();
    let photo_url = move || flow.loaded.with(|l| photo_url(dialect, &api_base_url, &l.values));
    let Some(spec) = upload_field(dialect) else { return ().into_any() };
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

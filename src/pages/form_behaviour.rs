//! The line between a form's first screen and what acting on it needs
//! (STYLE.md, "The critical path"): a page draws its fields from the
//! values (`components::field`), leaves [`FormSlots`] for the rest, and
//! once it has been painted asks for the module that fills them
//! ([`AfterFirstPaint`] around an `OnDemand`). Typing before that module
//! is here goes into the fields' value signals; its rules judge the
//! values when it arrives, and Save sends them.

use leptos::prelude::*;

use crate::api::profile::LoadedProfile;
use crate::components::save_bar::{DraftOffer, SaveErrors};
use crate::first_paint::use_first_paint;
use crate::forms::{FormState, SaveFlow};
use crate::i18n::use_i18n;
use crate::pages::reauth::ReauthOnDemand;

/// What a first screen hands over: the form it drew, the profile its
/// facts show, and where the views go.
#[derive(Clone, Copy)]
pub struct FormArgs {
    pub form: FormState,
    pub loaded: RwSignal<LoadedProfile>,
    pub slots: RwSignal<Option<FormSlots>>,
}

/// The views a first screen shows once the behaviour is here, each where
/// the page keeps its place (the save bar is what the `OnDemand` renders).
#[derive(Clone)]
pub struct FormSlots {
    /// The section list beside the form, on a page that has one.
    pub nav: Option<ViewFn>,
    /// The draft offer and the form-level messages, above the fields.
    pub above: ViewFn,
    /// The photo launcher (and editor), where the dialect takes uploads.
    pub photo: Option<ViewFn>,
    /// The sign-in dialog, after the form (it holds a form of its own).
    pub after: ViewFn,
    /// What the form's submit does.
    pub submit: Callback<()>,
}

impl FormSlots {
    /// What every form's save cycle shows: the draft offer, the banner,
    /// the sign-in dialog, and Save behind the submit.
    pub fn for_flow(flow: SaveFlow) -> Self {
        FormSlots {
            nav: None,
            above: ViewFn::from(move || view! { <DraftOffer flow/><SaveErrors flow/> }),
            photo: None,
            after: ViewFn::from(move || view! { <ReauthOnDemand flow/> }),
            submit: Callback::new(move |()| flow.submit()),
        }
    }
}

/// A slot's view once the behaviour is here.
pub fn slot(slots: RwSignal<Option<FormSlots>>, pick: fn(&FormSlots) -> Option<&ViewFn>) -> Option<AnyView> {
    slots.with(|s| s.as_ref().and_then(pick).map(ViewFn::run))
}

/// The form's submit: never the browser's own; Save once it is here.
pub fn submit_with(slots: RwSignal<Option<FormSlots>>) -> impl Fn(leptos::ev::SubmitEvent) + Copy {
    move |ev| {
        ev.prevent_default();
        // Before Save has arrived there is nothing to send yet.
        if let Some(submit) = slots.with_untracked(|s| s.as_ref().map(|s| s.submit)) {
            submit.run(());
        }
    }
}

/// Renders `children` once the page around it has been painted, so what
/// they fetch does not compete with the first screen.
#[component]
pub fn AfterFirstPaint(children: ChildrenFn) -> impl IntoView {
    let painted = use_first_paint();
    view! { <Show when=move || painted.get() fallback=SaveBarPlaceholder>{children()}</Show> }
}

/// Where Save will be, the same size, until its code is here.
#[component]
pub fn SaveBarPlaceholder() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="form-actions" aria-hidden="true">
            <button type="button" class="button button--primary" disabled>{i18n.tr("form.save")}</button>
        </div>
    }
}

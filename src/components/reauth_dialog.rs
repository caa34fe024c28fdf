//! The sign-in dialog a save meets when the session has ended.

use leptos::prelude::*;

use crate::components::modal::Modal;
use crate::components::sign_in_form::SignInForm;
use crate::i18n::use_i18n;
use crate::session::Session;

/// Sign in again in a modal over the form; the edits stay underneath and
/// the save goes on once signed in. Escape or Cancel closes it with
/// nothing saved. It takes signals and a callback, not the form's save
/// cycle, so its module holds no form code.
#[component]
pub fn ReauthDialog(
    /// Open while true (the save cycle's `sign_in_open`).
    open: RwSignal<bool>,
    /// Where focus goes on close if the browser has nowhere to put it.
    return_focus: NodeRef<leptos::html::Button>,
    /// Runs once signed in again.
    on_signed_in: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = expect_context::<Session>();
    view! {
        <Modal open labelled_by="reauth-title" test_id="reauth" return_focus>
            <p id="reauth-title" class="modal__lead">{i18n.tr("form.session_expired")}</p>
            // "Remember me" starts at the person's choice: signing in here
            // keeps the session where it was kept.
            <SignInForm on_signed_in remember=session.remembers_untracked()
                on_cancel=Callback::new(move |()| open.set(false))/>
        </Modal>
    }
}

//! Deleting the account: a phrase the person types to say they mean it,
//! the current password where the backend asks for it, and, once the
//! server has deleted it, nothing of the person left in this browser.

use leptos::prelude::*;
use profile_model::{DeleteAccount, Message};

use crate::api::{ApiClient, ClientError};

#[derive(Clone, Copy)]
pub struct UseDeleteAccountReturn {
    /// What the person typed to confirm.
    pub typed: RwSignal<String>,
    /// `None` where the backend does not ask for the password.
    pub current: Option<RwSignal<String>>,
    /// The server's word on the password.
    pub current_errors: Signal<Vec<Message>>,
    /// Everything else that went wrong.
    pub banner: Signal<Vec<Message>>,
    /// The phrase matches (and a password is typed where needed).
    pub ready: Signal<bool>,
    pub pending: Signal<bool>,
    pub submit: Callback<()>,
}

/// `phrase`: what the person must type. `id` fills the call's `{id}`.
/// `on_deleted` runs after the credential and drafts are forgotten.
pub fn use_delete_account(
    delete: &'static DeleteAccount,
    phrase: Signal<String>,
    id: Signal<Option<String>>,
    on_deleted: Callback<()>,
) -> UseDeleteAccountReturn {
    let api = expect_context::<ApiClient>();
    let typed = RwSignal::new(String::new());
    let current = RwSignal::new(String::new());
    let current_errors = RwSignal::new(Vec::<Message>::new());
    let banner = RwSignal::new(Vec::<Message>::new());
    Effect::new(move || {
        current.track();
        current_errors.set(Vec::new());
    });
    let needs_current = delete.needs_current_password();
    let ready = Signal::derive(move || {
        typed.with(|t| t.trim() == phrase.get().trim()) && (!needs_current || current.with(|c| !c.is_empty()))
    });

    let action: Action<String, Result<(), ClientError>> = Action::new_local(move |password: &String| {
        let (api, password, id) = (api.clone(), password.clone(), id.get_untracked());
        async move { api.delete_account(&password, id.as_deref()).await }
    });
    let session_api = expect_context::<ApiClient>();
    Effect::new(move || match action.value().get() {
        Some(Ok(())) => {
            // The backend has forgotten the person (and their token):
            // this browser forgets them too, without a sign-out call.
            crate::drafts::forget_all();
            session_api.session().sign_out();
            on_deleted.run(());
        }
        Some(Err(e)) => {
            action.value().set(None);
            let mut rest = e.form_messages();
            if let (ClientError::Api(api), Some(key)) = (&e, &delete.current_field) {
                current_errors.set(api.errors.get(key).to_vec());
                rest = api.errors.iter().filter(|(k, _)| k != key).flat_map(|(_, m)| m.to_vec()).collect();
                rest.extend_from_slice(api.errors.form());
                if rest.is_empty() && !api.errors.has(key) {
                    rest.push(api.kind.message());
                }
            }
            banner.set(rest);
        }
        None => {}
    });
    let submit = Callback::new(move |()| {
        if ready.get_untracked() && !action.pending().get_untracked() {
            banner.set(Vec::new());
            action.dispatch_local(current.get_untracked());
        }
    });
    UseDeleteAccountReturn {
        typed,
        current: needs_current.then_some(current),
        current_errors: current_errors.into(),
        banner: banner.into(),
        ready,
        pending: action.pending().into(),
        submit,
    }
}

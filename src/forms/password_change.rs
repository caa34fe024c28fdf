//! The password change form: three inputs, Django's checks as the person
//! types (the model's rules, with the common-password list once it has
//! arrived), and the server's answer under its input or in the banner.

use std::sync::Arc;

use leptos::prelude::*;
use profile_model::{password_errors, CommonPasswords, Message, PasswordChange, PasswordInput, UserAttributes};

use crate::api::{ApiClient, ClientError};

/// The person's attributes Django compares a new password with.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PasswordOwner {
    pub username: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
}

impl PasswordOwner {
    fn attributes(&self) -> UserAttributes<'_> {
        UserAttributes {
            username: &self.username,
            first_name: &self.first_name,
            last_name: &self.last_name,
            email: &self.email,
        }
    }
}

/// One input's text and what shows under it.
#[derive(Clone, Copy)]
pub struct PasswordValue {
    pub text: RwSignal<String>,
    pub errors: Signal<Vec<Message>>,
}

#[derive(Clone, Copy)]
pub struct UsePasswordChangeReturn {
    /// `None` where the backend does not ask for it.
    pub current: Option<PasswordValue>,
    pub new: PasswordValue,
    pub confirm: PasswordValue,
    /// Messages that belong to no input (429, network, `non_field_errors`).
    pub banner: Signal<Vec<Message>>,
    pub pending: Signal<bool>,
    /// The last change went through (until the next edit).
    pub done: Signal<bool>,
    /// Sends the change if the inputs pass the checks.
    pub submit: Callback<()>,
}

type Inputs = (String, String, String);

/// The form's state for `change`. `on_changed` runs once the server took
/// the new password (the page says so).
pub fn use_password_change(
    change: &'static PasswordChange,
    owner: Signal<PasswordOwner>,
    on_changed: Callback<()>,
) -> UsePasswordChangeReturn {
    let api = expect_context::<ApiClient>();
    let common = use_common_passwords();
    let [current, new, confirm] = [(); 3].map(|_| RwSignal::new(String::new()));
    // The server's word, per input; each input's clears when it is edited.
    let server = RwSignal::new([Vec::new(), Vec::new(), Vec::new()]);
    let banner = RwSignal::new(Vec::<Message>::new());
    // Set by a submit: empty inputs then say so.
    let tried = RwSignal::new(false);
    let done = RwSignal::new(false);
    for (i, text) in [current, new, confirm].into_iter().enumerate() {
        Effect::new(move |before: Option<String>| {
            let now = text.get();
            if before.is_some_and(|b| b != now) {
                server.update(|s| s[i].clear());
                // Not the emptying that follows a change: "changed" stays.
                if !now.is_empty() {
                    done.set(false);
                }
            }
            now
        });
    }

    let client = move |input: PasswordInput| -> Vec<Message> {
        let text = [current, new, confirm][input as usize].get();
        if text.is_empty() {
            return if tried.get() { vec![Message::rule("error.required")] } else { Vec::new() };
        }
        match input {
            PasswordInput::Current => Vec::new(),
            PasswordInput::New => owner
                .with(|o| common.with(|list| password_errors(&text, &o.attributes(), list.as_deref())))
                .into_iter()
                .map(|e| e.message())
                .collect(),
            // As soon as what is typed parts from the new password.
            PasswordInput::Confirm => new.with(|n| {
                let mismatch = !n.starts_with(&text) || ((tried.get() || text.len() >= n.len()) && *n != text);
                if mismatch {
                    vec![Message::rule("error.password_mismatch")]
                } else {
                    Vec::new()
                }
            }),
        }
    };
    let shown = move |input: PasswordInput| {
        Signal::derive(move || {
            let from_server = server.with(|s| s[input as usize].clone());
            if from_server.is_empty() {
                client(input)
            } else {
                from_server
            }
        })
    };
    let value = |text, input| PasswordValue { text, errors: shown(input) };
    let needs_current = change.current_field.is_some();

    let action: Action<Inputs, Result<(), ClientError>> = Action::new_local(move |(c, n, k): &Inputs| {
        let (api, c, n, k) = (api.clone(), c.clone(), n.clone(), k.clone());
        async move { api.change_password(&c, &n, &k).await }
    });
    Effect::new(move || match action.value().get() {
        Some(Ok(())) => {
            action.value().set(None);
            tried.set(false);
            for text in [current, new, confirm] {
                text.set(String::new());
            }
            done.set(true);
            on_changed.run(());
        }
        Some(Err(e)) => {
            action.value().set(None);
            let (fields, rest) = place_errors(change, &e);
            server.set(fields);
            banner.set(rest);
        }
        None => {}
    });

    let submit = Callback::new(move |()| {
        if action.pending().get_untracked() {
            return;
        }
        tried.set(true);
        banner.set(Vec::new());
        let inputs = [PasswordInput::New, PasswordInput::Confirm]
            .into_iter()
            .chain(needs_current.then_some(PasswordInput::Current));
        if inputs.into_iter().any(|i| !untrack(|| shown(i).get()).is_empty()) {
            return;
        }
        action.dispatch_local((current.get_untracked(), new.get_untracked(), confirm.get_untracked()));
    });

    UsePasswordChangeReturn {
        current: needs_current.then(|| value(current, PasswordInput::Current)),
        new: value(new, PasswordInput::New),
        confirm: value(confirm, PasswordInput::Confirm),
        banner: banner.into(),
        pending: action.pending().into(),
        done: done.into(),
        submit,
    }
}

/// A refusal split into the messages under each input (in
/// [`PasswordInput`] order) and the rest, for the banner.
fn place_errors(change: &PasswordChange, error: &ClientError) -> ([Vec<Message>; 3], Vec<Message>) {
    let mut fields = [Vec::new(), Vec::new(), Vec::new()];
    let ClientError::Api(api) = error else {
        return (fields, error.form_messages());
    };
    let mut rest = api.errors.form().to_vec();
    for (key, messages) in api.errors.iter() {
        match change.input_of(key) {
            Some(input) => fields[input as usize].extend_from_slice(messages),
            None => rest.extend_from_slice(messages),
        }
    }
    if rest.is_empty() && fields.iter().all(Vec::is_empty) {
        rest.push(api.kind.message());
    }
    (fields, rest)
}

/// Django's common-password list, fetched when the form opens (never part
/// of the first load); `None` until it arrives, or if it cannot.
fn use_common_passwords() -> Signal<Option<Arc<CommonPasswords>>> {
    let list = RwSignal::new(None);
    leptos::task::spawn_local(async move {
        if let Some(found) = crate::api::account::common_passwords().await {
            let _ = list.try_set(Some(Arc::new(found)));
        }
    });
    list.into()
}

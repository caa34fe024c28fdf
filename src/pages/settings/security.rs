//! Settings > Security: change the password and delete the account, each
//! where the dialect has the call. The section's frame (for the section
//! nav) is in the settings module; its forms and the delete dialog are a
//! module of their own (`security`), and Django's common-password list is
//! a file fetched only when the password form opens.

use leptos::html::Button;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use profile_model::{DeleteAccount, Message, PasswordChange};

use super::{SettingsSection, SignInNeeded, SECURITY};
use crate::api::ApiClient;
use crate::app_state::{use_announcer, use_current_user};
use crate::components::banner::ErrorBanner;
use crate::components::modal::Modal;
use crate::components::password_field::PasswordField;
use crate::forms::delete_account::use_delete_account;
use crate::forms::password_change::{use_password_change, PasswordOwner};
use crate::i18n::use_i18n;
use crate::on_demand;
use crate::on_demand::OnDemand;
use crate::pages::profile_read::use_settings_profile;

/// The section; nothing where the dialect has neither call.
#[component]
pub fn SecuritySettings() -> impl IntoView {
    let config = expect_context::<ApiClient>().config().clone();
    if config.password_change().is_none() && config.delete_account().is_none() {
        return ().into_any();
    }
    view! {
        <SettingsSection section=SECURITY>
            <SignInNeeded message="settings.security.sign_in">
                <OnDemand load=security_view/>
            </SignInNeeded>
        </SettingsSection>
    }
    .into_any()
}

on_demand!(security: fn security_view() -> AnyView {
    view! { <SecurityParts/> }.into_any()
});

#[component]
fn SecurityParts() -> impl IntoView {
    let api = expect_context::<ApiClient>();
    let profile = use_settings_profile();
    // What Django compares a new password with, and the account's name
    // for the deletion's phrase, from the page's one profile read.
    let text = move |path: &str| {
        profile
            .with(|p| p.as_ref().and_then(|r| r.as_ref().ok()).map(|l| l.values.text(path).to_string()))
            .unwrap_or_default()
    };
    let owner = Memo::new(move |_| PasswordOwner {
        username: text("username"),
        first_name: text("first_name"),
        last_name: text("last_name"),
        email: text("email"),
    });
    let id = Memo::new(move |_| profile.with(|p| p.as_ref().and_then(|r| r.as_ref().ok()).and_then(|l| l.id.clone())));
    view! {
        {api.config().password_change().map(|(_, change)| view! { <PasswordPart change owner=owner.into()/> })}
        {api.config().delete_account().map(|(_, delete)| view! { <DeletePart delete owner=owner.into() id=id.into()/> })}
    }
}

/// "Change password", which opens the form (and fetches the common list).
#[component]
fn PasswordPart(change: &'static PasswordChange, owner: Signal<PasswordOwner>) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    view! {
        <div class="security__part">
            <button type="button" class="button" data-testid="password-open" aria-controls="password-form"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                on:click=move |_| open.update(|o| *o = !*o)>
                {i18n.tr("security.password")}
            </button>
            <Show when=move || open.get()>
                <PasswordForm change owner/>
            </Show>
        </div>
    }
}

#[component]
fn PasswordForm(change: &'static PasswordChange, owner: Signal<PasswordOwner>) -> impl IntoView {
    let i18n = use_i18n();
    let announcer = use_announcer();
    let on_changed = Callback::new(move |()| announcer.announce(i18n.t("status.password_changed")));
    let form = use_password_change(change, owner, on_changed);
    let pending = form.pending;
    view! {
        <form class="security__form" id="password-form" novalidate data-testid="password-form"
            on:submit=move |ev| { ev.prevent_default(); form.submit.run(()); }>
            <ErrorBanner messages=form.banner/>
            {form.current.map(|c| view! {
                <PasswordField name="current" label="security.current" autocomplete="current-password"
                    value=c.text errors=c.errors/>
            })}
            <PasswordField name="new" label="security.new" autocomplete="new-password"
                value=form.new.text errors=form.new.errors/>
            <PasswordField name="confirm" label="security.confirm" autocomplete="new-password"
                value=form.confirm.text errors=form.confirm.errors/>
            <div class="security__actions">
                <button type="submit" class="button button--primary" data-testid="password-change"
                    disabled=move || pending.get() aria-busy=move || pending.get().then_some("true")>
                    {i18n.tr("security.password")}
                </button>
                // Announced by the shell's live region; shown here.
                <p class="security__status" data-testid="password-status">
                    {move || form.done.get().then(|| i18n.t("status.password_changed"))}
                </p>
            </div>
        </form>
    }
}

/// "Delete account" and its dialog.
#[component]
fn DeletePart(
    delete: &'static DeleteAccount,
    owner: Signal<PasswordOwner>,
    id: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let opener = NodeRef::<Button>::new();
    // The account's own name: typing it says which account goes (and any
    // keyboard has its letters); a fixed word where the dialect has none.
    let phrase = Signal::derive(move || {
        owner
            .with(|o| [&o.email, &o.username].into_iter().find(|s| !s.is_empty()).cloned())
            .unwrap_or_else(|| i18n.t("security.delete.word"))
    });
    view! {
        <div class="security__part">
            <button type="button" class="button button--danger" data-testid="delete-open" node_ref=opener
                on:click=move |_| open.set(true)>
                {i18n.tr("security.delete")}
            </button>
        </div>
        <Modal open labelled_by="delete-title" test_id="delete-dialog" return_focus=opener>
            <DeleteForm delete phrase id open/>
        </Modal>
    }
}

#[component]
fn DeleteForm(
    delete: &'static DeleteAccount,
    phrase: Signal<String>,
    id: Signal<Option<String>>,
    open: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let announcer = use_announcer();
    let user = use_current_user();
    let navigate = use_navigate();
    let on_deleted = Callback::new(move |()| {
        user.clear();
        announcer.announce(i18n.t("deleted.title"));
        navigate("/account-deleted", Default::default());
    });
    let form = use_delete_account(delete, phrase, id, on_deleted);
    let (pending, ready) = (form.pending, form.ready);
    let asked = move || i18n.message(&Message::rule("security.delete.phrase").with("phrase", phrase.get()));
    view! {
        <form class="card" novalidate data-testid="delete-form"
            on:submit=move |ev| { ev.prevent_default(); form.submit.run(()); }>
            <h1 id="delete-title">{i18n.tr("security.delete")}</h1>
            <p class="modal__lead">{i18n.tr("security.delete.lead")}</p>
            <ErrorBanner messages=form.banner/>
            <div class="field">
                <label class="field__label" for="delete-phrase">{asked}</label>
                <input id="delete-phrase" data-testid="delete-phrase" type="text" dir="auto"
                    autocomplete="off" spellcheck="false" autocapitalize="off"
                    prop:value=form.typed on:input=move |ev| form.typed.set(event_target_value(&ev))/>
            </div>
            {form.current.map(|current| view! {
                <PasswordField name="delete-current" label="security.current" autocomplete="current-password"
                    value=current errors=form.current_errors/>
            })}
            <div class="security__actions">
                <button type="button" class="button" data-testid="delete-cancel" on:click=move |_| open.set(false)>
                    {i18n.tr("action.cancel")}
                </button>
                <button type="submit" class="button button--danger" data-testid="delete-confirm"
                    disabled=move || !ready.get() || pending.get() aria-busy=move || pending.get().then_some("true")>
                    {i18n.tr("security.delete")}
                </button>
            </div>
        </form>
    }
}

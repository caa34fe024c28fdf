//! Settings > Security: change the password and delete the account, each
//! where the dialect has the call. The section and its two buttons are in
//! the settings module (the section nav lists it); the password form and
//! the delete dialog are a module of their own (`security`) fetched on the
//! first click, and Django's common-password list a file fetched when the
//! password form opens.

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
use crate::on_demand::OnDemand;
use crate::pages::profile_read::use_settings_profile;

/// The section; nothing where the dialect has neither call. Its two
/// buttons are here; what they open is code that arrives on first use.
#[component]
pub fn SecuritySettings() -> impl IntoView {
    let i18n = use_i18n();
    let config = expect_context::<ApiClient>().config().clone();
    let (has_change, has_delete) = (config.password_change().is_some(), config.delete_account().is_some());
    if !has_change && !has_delete {
        return ().into_any();
    }
    let password_open = RwSignal::new(false);
    let delete_open = RwSignal::new(false);
    // Latched: the dialog's module stays once fetched, closed or open.
    let delete_wanted = Memo::new(move |before: Option<&bool>| before.copied().unwrap_or(false) || delete_open.get());
    let opener = NodeRef::<Button>::new();
    view! {
        <SettingsSection section=SECURITY>
            <SignInNeeded message="settings.security.sign_in">
                {has_change.then(|| view! {
                    <div class="security__part">
                        <button type="button" class="button" data-testid="password-open" aria-controls="password-form"
                            aria-expanded=move || if password_open.get() { "true" } else { "false" }
                            on:click=move |_| password_open.update(|o| *o = !*o)>
                            {i18n.tr("security.password")}
                        </button>
                        <Show when=move || password_open.get()>
                            <OnDemand load=password_view/>
                        </Show>
                    </div>
                })}
                {has_delete.then(|| view! {
                    <div class="security__part">
                        <button type="button" class="button button--danger" data-testid="delete-open" node_ref=opener
                            on:click=move |_| delete_open.set(true)>
                            {i18n.tr("security.delete")}
                        </button>
                        <Show when=move || delete_wanted.get()>
                            <OnDemand load=move || delete_view(DeleteArgs { open: delete_open, return_focus: opener })/>
                        </Show>
                    </div>
                })}
            </SignInNeeded>
        </SettingsSection>
    }
    .into_any()
}

/// What the delete dialog's module is handed.
pub struct DeleteArgs {
    open: RwSignal<bool>,
    return_focus: NodeRef<Button>,
}

on_demand!(security: fn password_view() -> AnyView {
    let change = expect_context::<ApiClient>().config().password_change().map(|(_, change)| change);
    change.map(|change| view! { <PasswordForm change owner=use_owner()/> }).into_any()
});

on_demand!(security: fn delete_view(args: DeleteArgs) -> AnyView {
    let DeleteArgs { open, return_focus } = args;
    let delete = expect_context::<ApiClient>().config().delete_account().map(|(_, delete)| delete);
    delete.map(|delete| view! { <DeleteDialog delete open return_focus/> }).into_any()
});

/// The person as the page's one profile read has them: what Django
/// compares a new password with, and the name the deletion asks for.
fn use_owner() -> Signal<PasswordOwner> {
    let profile = use_settings_profile();
    let text = move |path: &str| {
        profile
            .with(|p| p.as_ref().and_then(|r| r.as_ref().ok()).map(|l| l.values.text(path).to_string()))
            .unwrap_or_default()
    };
    Memo::new(move |_| PasswordOwner {
        username: text("username"),
        first_name: text("first_name"),
        last_name: text("last_name"),
        email: text("email"),
    })
    .into()
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

/// The dialog, with the account's own name as the phrase to type: it says
/// which account goes (and any keyboard has its letters); a fixed word
/// where the dialect shows neither email nor username.
#[component]
fn DeleteDialog(delete: &'static DeleteAccount, open: RwSignal<bool>, return_focus: NodeRef<Button>) -> impl IntoView {
    let i18n = use_i18n();
    let owner = use_owner();
    let profile = use_settings_profile();
    let id =
        Signal::derive(move || profile.with(|p| p.as_ref().and_then(|r| r.as_ref().ok()).and_then(|l| l.id.clone())));
    let phrase = Signal::derive(move || {
        owner
            .with(|o| [&o.email, &o.username].into_iter().find(|s| !s.is_empty()).cloned())
            .unwrap_or_else(|| i18n.t("security.delete.word"))
    });
    view! {
        <Modal open labelled_by="delete-title" test_id="delete-dialog" return_focus>
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

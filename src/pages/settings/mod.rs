//! Settings. Appearance and Language work on their own (this browser's
//! preferences). Notifications, Account and Connection need the API
//! client: whoever has it passes them in as views; until then each shows
//! a placeholder inside the same frame, so the page keeps its structure.

pub mod account;
mod connection;
pub mod notifications;
pub mod security;

use crate::pages::profile_read::provide_settings_profile;
use account::AccountSettings;
use connection::ConnectionDetails;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use notifications::NotificationSettings;
use profile_model::Message;
use security::SecuritySettings;

use crate::app_state::{use_announcer, use_current_user};
use crate::components::choice_group::{ChoiceGroup, ChoiceOption};
use crate::components::section_nav::{NavEntry, SectionNav};
use crate::dom_id;
use crate::i18n::{use_i18n, Locale};
use crate::on_demand::OnDemand;
use crate::session::Session;
use crate::shell::use_page_title;
use crate::theme::{use_theme, ThemeChoice};

/// The route: the profile read that Notifications and Account share starts
/// here, in the main module, while the page's code downloads.
#[component]
pub fn SettingsRoute() -> impl IntoView {
    provide_settings_profile();
    view! { <OnDemand load=settings_view/> }
}

// Loads the page's module and nothing else (crate::pages::load_landing_module).
on_demand!(settings: pub fn settings_module() -> () {});

on_demand!(settings: fn settings_view() -> AnyView {
    view! {
        <SettingsPage
            notifications=|| view! { <NotificationSettings/> }
            account=|| view! { <AccountSettings/> }
            security=|| view! { <SecuritySettings/> }
            connection=|| view! { <ConnectionDetails/> }/>
    }
    .into_any()
});

/// The settings page.
///
/// `notifications` and `account` replace their whole section (build it
/// with [`SettingsSection`] and [`NOTIFICATIONS`]/[`ACCOUNT`]; render
/// nothing to hide it for a dialect without those fields). `connection`
/// fills the Connection section above its Sign out button.
#[component]
pub fn SettingsPage(
    /// The Notifications section (switches saved to the backend).
    #[prop(optional, into)]
    notifications: Option<ViewFn>,
    /// The Account section (username and email form).
    #[prop(optional, into)]
    account: Option<ViewFn>,
    /// The Security section (password change, account deletion); none
    /// until the API client is there.
    #[prop(optional, into)]
    security: Option<ViewFn>,
    /// The body of the Connection section: dialect, API base URL, auth
    /// mode and the override.
    #[prop(optional, into)]
    connection: Option<ViewFn>,
) -> impl IntoView {
    let i18n = use_i18n();
    use_page_title("settings.title");
    // A section that renders nothing (no notifications in this dialect)
    // drops out of the list by itself.
    let nav = SECTIONS
        .map(|section| NavEntry {
            id: dom_id::settings_section(section.id),
            label: Signal::derive(i18n.tr(section.title)),
            flagged: Signal::stored(false),
        })
        .to_vec();
    view! {
        <div class="sectioned">
            <SectionNav entries=nav/>
            <div class="settings" data-testid="settings">
                <h1 class="settings__title">{i18n.tr("settings.title")}</h1>
                <AppearanceSection/>
                <LanguageSection/>
                {match notifications {
                    Some(view) => view.run(),
                    None => view! { <PendingSection section=NOTIFICATIONS/> }.into_any(),
                }}
                {match account {
                    Some(view) => view.run(),
                    None => view! { <PendingSection section=ACCOUNT/> }.into_any(),
                }}
                {security.map(|view| view.run())}
                <ConnectionSection body=connection/>
            </div>
        </div>
    }
}

/// One section of the page: what names it in the page and in the nav.
#[derive(Clone, Copy, Debug)]
pub struct SectionSpec {
    /// `settings-<id>` is the element id and the test id.
    pub id: &'static str,
    /// Key of the heading (and of the nav entry).
    pub title: &'static str,
    /// Key of the line under the heading.
    pub hint: &'static str,
}

pub const APPEARANCE: SectionSpec =
    SectionSpec { id: "appearance", title: "settings.appearance", hint: "settings.appearance.hint" };
pub const LANGUAGE: SectionSpec =
    SectionSpec { id: "language", title: "settings.language", hint: "settings.language.hint" };
pub const NOTIFICATIONS: SectionSpec =
    SectionSpec { id: "notifications", title: "section.notifications", hint: "settings.notifications.hint" };
pub const ACCOUNT: SectionSpec = SectionSpec { id: "account", title: "section.account", hint: "settings.account.hint" };
pub const SECURITY: SectionSpec =
    SectionSpec { id: "security", title: "section.security", hint: "settings.security.hint" };
pub const CONNECTION: SectionSpec =
    SectionSpec { id: "connection", title: "settings.connection", hint: "settings.connection.hint" };
/// In page order: the section nav is built from this list.
const SECTIONS: [SectionSpec; 6] = [APPEARANCE, LANGUAGE, NOTIFICATIONS, ACCOUNT, SECURITY, CONNECTION];

/// The frame of one settings section: a card with a heading that also
/// names the region, its hint, then the content.
#[component]
pub fn SettingsSection(section: SectionSpec, children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let SectionSpec { id, title, hint } = section;
    let heading_id = format!("{}-title", dom_id::settings_section(id));
    let labelled_by = heading_id.clone();
    view! {
        <section class="card settings__section" id=dom_id::settings_section(id) tabindex="-1" aria-labelledby=labelled_by
            data-testid=format!("settings-{id}")>
            <h2 class="settings__heading" id=heading_id>{i18n.tr(title)}</h2>
            <p class="settings__hint">{i18n.tr(hint)}</p>
            {children()}
        </section>
    }
}

#[component]
fn AppearanceSection() -> impl IntoView {
    let i18n = use_i18n();
    let theme = use_theme();
    let announcer = use_announcer();
    let options = ThemeChoice::ALL
        .map(|c| ChoiceOption { value: c, id: c.name(), label: Signal::derive(i18n.tr(c.label_key())), lang: None })
        .to_vec();
    let on_select = Callback::new(move |choice: ThemeChoice| {
        theme.set(choice);
        let name = i18n.t(choice.label_key());
        announcer.announce(i18n.message(&Message::rule("status.theme_changed").with("theme", name)));
    });
    view! {
        <SettingsSection section=APPEARANCE>
            <ChoiceGroup name="theme" legend=i18n.tr("settings.theme") options
                selected=Signal::derive(move || theme.choice()) on_select/>
        </SettingsSection>
    }
}

#[component]
fn LanguageSection() -> impl IntoView {
    let i18n = use_i18n();
    let announcer = use_announcer();
    // Each language is named in itself, so the label keeps its own `lang`.
    let options = Locale::ALL
        .map(|l| ChoiceOption {
            value: l,
            id: l.code(),
            label: Signal::derive(i18n.tr(l.name_key())),
            lang: Some(l.code()),
        })
        .to_vec();
    let on_select = Callback::new(move |locale: Locale| i18n.set_locale(locale));
    let api = use_context::<crate::api::ApiClient>();
    // Announced once the switch happened (a language may first download),
    // in the new language; the next load's early profile read asks in it.
    Effect::new(move |before: Option<Locale>| {
        let now = i18n.locale();
        if before.is_some_and(|before| before != now) {
            let name = i18n.t(now.name_key());
            announcer.announce(i18n.message(&Message::rule("status.language_changed").with("language", name)));
            if let Some(api) = &api {
                api.keep_read_recipe();
            }
        }
        now
    });
    view! {
        <SettingsSection section=LANGUAGE>
            <ChoiceGroup name="language" legend=i18n.tr("settings.language") legend_hidden=true options
                selected=Signal::derive(move || i18n.locale()) on_select/>
            {move || i18n.unavailable().map(|_| view! {
                <p class="settings__error" role="alert" data-testid="language-error">{i18n.t("error.language_unavailable")}</p>
            })}
        </SettingsSection>
    }
}

/// A section whose content comes with the API client: says why it is
/// empty (not signed in, or not loaded yet).
#[component]
fn PendingSection(section: SectionSpec) -> impl IntoView {
    let i18n = use_i18n();
    let id = section.id;
    view! {
        <SettingsSection section>
            <SignInNeeded message="settings.sign_in_needed">
                <p class="settings__pending" data-testid=format!("settings-{id}-pending")>{i18n.tr("settings.pending")}</p>
            </SignInNeeded>
        </SettingsSection>
    }
}

/// While signed out: "Sign in to change…" with a link to the sign-in
/// page, which brings the person back here. Signed in: `children`, kept
/// while a new sign-in (the save's dialog) swaps the credential.
#[component]
fn SignInNeeded(
    /// Key of the sentence before the link: what signing in shows.
    message: &'static str,
    children: ChildrenFn,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = expect_context::<Session>();
    let signed_in = Memo::new(move |_| session.is_signed_in());
    view! {
        <Show when=move || signed_in.get() fallback=move || view! {
            <p class="settings__pending" data-testid="settings-sign-in-needed">
                {i18n.tr(message)}" "
                <A href=crate::pages::sign_in::BACK_TO_SETTINGS>{i18n.tr("nav.sign_in")}</A>
            </p>
        }>
            {children()}
        </Show>
    }
}

#[component]
fn ConnectionSection(body: Option<ViewFn>) -> impl IntoView {
    let i18n = use_i18n();
    let session = expect_context::<Session>();
    view! {
        <SettingsSection section=CONNECTION>
            {match body {
                Some(view) => view.run(),
                None => view! {
                    <p class="settings__pending" data-testid="settings-connection-pending">{i18n.tr("settings.pending")}</p>
                }.into_any(),
            }}
            <Show when=move || session.is_signed_in()>
                <SignOut/>
            </Show>
        </SettingsSection>
    }
}

/// Signs out here, forgets the header's person, says so, and goes to the
/// sign-in page.
#[component]
fn SignOut() -> impl IntoView {
    let i18n = use_i18n();
    let session = expect_context::<Session>();
    let user = use_current_user();
    let announcer = use_announcer();
    let navigate = use_navigate();
    let hint_id = "settings-sign-out-hint";
    let api = use_context::<crate::api::ApiClient>();
    let on_click = move |_| {
        // The backend is told where it has a sign-out call; tokens and
        // drafts are forgotten either way.
        match api.clone() {
            Some(api) => leptos::task::spawn_local(async move { api.sign_out().await }),
            None => session.sign_out(),
        }
        user.clear();
        announcer.announce(i18n.t("status.signed_out"));
        navigate("/sign-in", Default::default());
    };
    view! {
        <div class="settings__sign-out">
            <button type="button" class="button button--danger" data-testid="sign-out" aria-describedby=hint_id on:click=on_click>
                {i18n.tr("settings.sign_out")}
            </button>
            <p class="settings__hint" id=hint_id>{i18n.tr("settings.sign_out.hint")}</p>
        </div>
    }
}

//! Settings → Appearance and Language in the browser: the choice lands on
//! `<html>` at once, is remembered, and Persian mirrors the page.

mod support;

use leptos::prelude::*;
use leptos_router::components::Router;
use profile_app::i18n::{I18n, Locale};
use profile_app::pages::settings::SettingsPage;
use profile_app::prefs;
use profile_app::session::Session;
use profile_app::theme::{Theme, ThemeChoice};
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The settings page, signed out, English, theme "system", nothing stored.
fn mount_settings() -> (web_sys::HtmlElement, impl Drop) {
    reset_preferences();
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), || {
        provide_context(Session::signed_out());
        provide_context(I18n::new(Locale::En));
        provide_context(Theme::new(ThemeChoice::System));
        view! { <Router><SettingsPage/></Router> }
    });
    (root, handle)
}

#[wasm_bindgen_test]
async fn theme_choice_applies_at_once_and_is_remembered() {
    let (root, _mounted) = mount_settings();

    click(&wait_for_test_id(&root, "theme-dark").await);
    wait_for("data-theme=dark", 5_000.0, || (root_attr("data-theme").as_deref() == Some("dark")).then_some(())).await;
    assert_eq!(stored(prefs::THEME_KEY).as_deref(), Some("dark"));
    assert!(is_checked(&find(&root, "theme-dark").unwrap()));
    assert!(!is_checked(&find(&root, "theme-system").unwrap()));

    // A new page load (a fresh context) picks the remembered choice up.
    let restored = with_owner(|| Theme::restore().choice());
    assert_eq!(restored, ThemeChoice::Dark);

    click(&find(&root, "theme-light").unwrap());
    wait_for("data-theme=light", 5_000.0, || (root_attr("data-theme").as_deref() == Some("light")).then_some(())).await;
    click(&find(&root, "theme-system").unwrap());
    wait_for("data-theme=system", 5_000.0, || (root_attr("data-theme").as_deref() == Some("system")).then_some(()))
        .await;
    assert_eq!(stored(prefs::THEME_KEY).as_deref(), Some("system"));
    root.remove();
}

#[wasm_bindgen_test]
async fn persian_mirrors_the_page_and_translates_it() {
    let (root, _mounted) = mount_settings();
    let title = || root.query_selector("h1").unwrap().and_then(|h| h.text_content()).unwrap_or_default();
    wait_for("English title", 5_000.0, || (title() == "Settings").then_some(())).await;

    click(&wait_for_test_id(&root, "language-fa").await);
    wait_for("Persian title", 5_000.0, || (title() == "تنظیمات").then_some(())).await;
    assert_eq!(root_attr("dir").as_deref(), Some("rtl"));
    assert_eq!(root_attr("lang").as_deref(), Some("fa"));
    assert_eq!(stored(prefs::LOCALE_KEY).as_deref(), Some("fa"));
    let dark_label = find(&root, "theme-dark").unwrap().next_element_sibling().unwrap().text_content().unwrap();
    assert_eq!(dark_label, "تیره");
    assert_eq!(with_owner(|| I18n::restore().locale()), Locale::Fa);

    click(&find(&root, "language-en").unwrap());
    wait_for("English title again", 5_000.0, || (title() == "Settings").then_some(())).await;
    assert_eq!(root_attr("dir").as_deref(), Some("ltr"));
    assert_eq!(root_attr("lang").as_deref(), Some("en"));
    root.remove();
}

#[wasm_bindgen_test]
async fn signed_out_settings_say_what_needs_signing_in() {
    let (root, _mounted) = mount_settings();
    let account = wait_for_test_id(&root, "settings-account").await;
    assert!(account.text_content().unwrap().contains("Sign in to change"));
    assert!(find(&root, "settings-notifications").is_some());
    assert!(find(&root, "settings-connection").is_some());
    assert!(find(&root, "sign-out").is_none(), "no sign-out button while signed out");
    root.remove();
}

#[wasm_bindgen_test]
async fn signed_in_connection_section_signs_out() {
    reset_preferences();
    let session = Session::signed_out();
    session.sign_in(profile_app::session::Credential::Secret("token".into()), None, false);
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        provide_context(session);
        view! { <Router><SettingsPage connection=|| view! { <p data-testid="connection-body">"pwgen"</p> }/></Router> }
    });
    assert!(wait_for_test_id(&root, "connection-body").await.text_content().unwrap() == "pwgen");
    click(&wait_for_test_id(&root, "sign-out").await);
    wait_for("signed out", 5_000.0, || (!session.is_signed_in()).then_some(())).await;
    root.remove();
}

#[wasm_bindgen_test]
fn boot_script_applies_remembered_preferences_before_the_app() {
    let boot = include_str!("../src/theme-boot.js");
    reset_preferences();
    set_stored(prefs::THEME_KEY, "dark");
    set_stored(prefs::LOCALE_KEY, "fa");
    js_sys::eval(boot).unwrap();
    assert_eq!(root_attr("data-theme").as_deref(), Some("dark"));
    assert_eq!(root_attr("lang").as_deref(), Some("fa"));
    assert_eq!(root_attr("dir").as_deref(), Some("rtl"));

    // Junk in storage falls back to "system" and the browser's language.
    set_stored(prefs::THEME_KEY, "purple");
    set_stored(prefs::LOCALE_KEY, "xx");
    js_sys::eval(boot).unwrap();
    assert_eq!(root_attr("data-theme").as_deref(), Some("system"));
    assert_eq!(root_attr("dir").as_deref(), Some("ltr"));
    reset_preferences();
}

#[wasm_bindgen_test]
fn dates_are_shown_in_the_chosen_language() {
    with_owner(|| {
        let i18n = I18n::new(Locale::En);
        let en = i18n.format_date("1990-05-01");
        assert!(en.contains("1990") && en.contains("May"), "{en}");
        i18n.set_locale(Locale::Fa);
        // Persian: Solar Hijri calendar, Persian digits (1 May 1990 = 11 Ordibehesht 1369).
        let fa = i18n.format_date("1990-05-01");
        assert!(fa.contains("۱۳۶۹"), "{fa}");
        assert!(!i18n.format_date_time("2024-03-01T10:00:00Z").is_empty());
        assert_eq!(i18n.format_date("not a date"), "not a date");
    });
    reset_preferences();
}

#[wasm_bindgen_test]
async fn switch_reports_the_flip_and_shows_its_save_state() {
    use profile_app::components::switch::{SaveState, Switch};
    let checked = RwSignal::new(false);
    let state = RwSignal::new(None::<SaveState>);
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <Switch label="Contact me by email" checked on_toggle=move |on| {
                checked.set(on);
                state.set(Some(SaveState::Saving));
            } state test_id="email-switch"/>
        }
    });
    let input = wait_for_test_id(&root, "email-switch").await;
    assert_eq!(input.get_attribute("role").as_deref(), Some("switch"));
    assert!(input.closest("label").unwrap().unwrap().text_content().unwrap().contains("Contact me by email"));
    let state_el = find(&root, "email-switch-state").unwrap();
    assert_eq!(input.get_attribute("aria-describedby"), Some(state_el.id()));

    click(&input);
    wait_for("saving", 5_000.0, || (state_el.text_content()? == "Saving…").then_some(())).await;
    assert!(checked.get_untracked());
    state.set(Some(SaveState::Saved));
    wait_for("saved", 5_000.0, || (state_el.text_content()? == "Saved").then_some(())).await;

    // A failed save: the owner reverts the value and says why.
    checked.set(false);
    state.set(Some(SaveState::Failed(String::new())));
    wait_for("failed", 5_000.0, || (state_el.text_content()? == "Not saved").then_some(())).await;
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    wait_for("unchecked", 5_000.0, || (!is_checked(&input)).then_some(())).await;
    root.remove();
}

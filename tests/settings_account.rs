//! Settings > Account against the reference server: username and email
//! with the profile form's rules, the server's word under the field, and
//! read-only account facts where the dialect does not let them change.

mod support;

use leptos::prelude::*;
use profile_app::pages::settings::account::AccountSettings;
use profile_model::shipped;
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn mount(api: profile_app::api::ApiClient, session: profile_app::session::Session) -> Mounted {
    mount_with(api, session, || view! { <AccountSettings/> })
}

#[wasm_bindgen_test]
async fn a_new_username_is_saved_and_kept() {
    let (api, session) = signed_in_client_for(shipped::pwgen()).await;
    let page = mount(api.clone(), session);
    let input = wait_for_test_id(&page.root, "username").await;
    let wanted = format!("ada_{}", js_sys::Date::now() as u64);
    type_into(&input, &wanted);
    click_when_enabled(&page.root, "save").await;
    text_of(&page.root, "save-status", "the saved status", |t| t == "Saved").await;
    assert_eq!(api.load_profile().await.unwrap().values.text("username"), wanted, "the server has it");
    assert_eq!(value_of(&input), wanted);
    assert!(!save_enabled(&page.root), "nothing left to save");
}

#[wasm_bindgen_test]
async fn a_taken_username_shows_the_servers_words_under_the_field() {
    let (api, session) = signed_in_client_for(shipped::pwgen()).await;
    let before = api.load_profile().await.unwrap().values.text("username").to_string();
    let page = mount(api.clone(), session);
    let input = wait_for_test_id(&page.root, "username").await;
    type_into(&input, "grace");
    click_when_enabled(&page.root, "save").await;
    let message = text_of(&page.root, "error-username", "the server's message", |t| !t.is_empty()).await;
    assert!(message.contains("already exists"), "DRF's unique message, verbatim: {message}");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(input.get_attribute("aria-describedby").as_deref(), Some("field-username-error"));
    assert_eq!(value_of(&input), "grace", "the edit stays");
    assert_eq!(api.load_profile().await.unwrap().values.text("username"), before, "nothing saved");
}

#[wasm_bindgen_test]
async fn an_invalid_email_is_caught_before_sending() {
    let (api, session) = signed_in_client_for(shipped::pwgen()).await;
    let page = mount(api, session);
    let input = wait_for_test_id(&page.root, "email").await;
    type_into(&input, "not an address");
    blur(&input);
    let message = text_of(&page.root, "error-email", "the email rule", |t| !t.is_empty()).await;
    assert!(message.contains("valid email"), "{message}");
    assert!(!save_enabled(&page.root), "an invalid address must not be sendable");
}

#[wasm_bindgen_test]
async fn a_read_only_email_is_a_fact_not_an_input() {
    // aisquare-profile lets a person change the username but not the email.
    let (api, session) = signed_in_client_for(shipped::aisquare_profile()).await;
    let page = mount(api, session);
    wait_for_test_id(&page.root, "username").await;
    assert!(find(&page.root, "email").is_none(), "no email input");
    let fact = wait_for_test_id(&page.root, "fact-email").await;
    assert_eq!(fact.text_content().as_deref(), Some("demo@example.com"));
}

#[wasm_bindgen_test]
async fn a_dialect_without_account_fields_has_no_section() {
    let (api, session) = signed_in_client_for(shipped::aisquare_details()).await;
    let page = mount(api, session);
    next_turn(50).await;
    assert!(find(&page.root, "settings-account").is_none());
}

#[wasm_bindgen_test]
async fn signed_out_the_section_says_signing_in_shows_it_and_links_there_and_back() {
    let (api, session) = client_for(shipped::pwgen());
    let page = mount(api, session);
    let note = wait_for_test_id(&page.root, "settings-sign-in-needed").await;
    let text = note.text_content().unwrap_or_default();
    assert!(text.contains("username and email"), "{text}");
    let link = note.query_selector("a").unwrap().expect("a link to sign in");
    assert_eq!(link.get_attribute("href").as_deref(), Some("/sign-in?next=/settings"), "back to Settings after");
    assert!(find(&page.root, "account-form").is_none());
}

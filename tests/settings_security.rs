//! Settings > Security against the reference server: the parts a dialect
//! has, Django's checks before anything is sent, the server's word under
//! its input, and a delete button that stays off until the phrase is
//! typed. Nothing here changes the demo account (tests/e2e/account.test.mjs
//! changes and deletes throwaway ones).

mod support;

use leptos::prelude::*;
use profile_app::pages::settings::security::SecuritySettings;
use profile_model::shipped;
use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlButtonElement;

wasm_bindgen_test_configure!(run_in_browser);

fn mount(api: profile_app::api::ApiClient, session: profile_app::session::Session) -> Mounted {
    mount_with(api, session, || view! { <SecuritySettings/> })
}

fn disabled(root: &web_sys::Element, test_id: &str) -> bool {
    find(root, test_id).expect(test_id).unchecked_ref::<HtmlButtonElement>().disabled()
}

#[wasm_bindgen_test]
async fn each_dialect_shows_the_calls_it_has() {
    let (api, session) = signed_in_client_for(shipped::users_me()).await;
    let page = mount(api, session);
    wait_for_test_id(&page.root, "password-open").await;
    wait_for_test_id(&page.root, "delete-open").await;
    drop(page);

    let (api, session) = signed_in_client_for(shipped::pwgen()).await;
    let page = mount(api, session);
    wait_for_test_id(&page.root, "delete-open").await;
    assert!(find(&page.root, "password-open").is_none(), "pwgen has no password change");
    drop(page);

    let (api, session) = signed_in_client_for(shipped::aisquare_details()).await;
    let page = mount(api, session);
    next_turn(50).await;
    assert!(find(&page.root, "settings-security").is_none(), "neither call: no section");
}

#[wasm_bindgen_test]
async fn djangos_checks_run_as_the_person_types_and_nothing_is_sent_while_they_fail() {
    let (api, session) = signed_in_client_for(shipped::users_me()).await;
    count_requests("POST", "/api/users/set_password/").await;
    let page = mount(api, session);
    click(&wait_for_test_id(&page.root, "password-open").await);
    let new = wait_for_test_id(&page.root, "password-new").await;
    type_into(&new, "12345678");
    let says = text_of(&page.root, "error-password-new", "the numeric rule", |t| !t.is_empty()).await;
    assert!(says.contains("entirely numeric"), "{says}");
    assert_eq!(new.get_attribute("aria-invalid").as_deref(), Some("true"));
    type_into(&new, "quiet-harbour-lantern-47");
    text_of(&page.root, "error-password-new", "no message", str::is_empty).await;
    type_into(&wait_for_test_id(&page.root, "password-confirm").await, "quiet-x");
    text_of(&page.root, "error-password-confirm", "the mismatch", |t| t.contains("didn't match")).await;
    click(&wait_for_test_id(&page.root, "password-change").await);
    text_of(&page.root, "error-password-current", "required", |t| t.contains("required")).await;
    next_turn(100).await;
    let sent = requests_counted("POST", "/api/users/set_password/").await;
    clear_hooks().await;
    assert_eq!(sent, 0, "refused before sending");
}

#[wasm_bindgen_test]
async fn a_wrong_current_password_shows_the_servers_words_under_it() {
    let (api, session) = signed_in_client_for(shipped::users_me()).await;
    let page = mount(api.clone(), session);
    click(&wait_for_test_id(&page.root, "password-open").await);
    type_into(&wait_for_test_id(&page.root, "password-current").await, "not-my-password");
    type_into(&wait_for_test_id(&page.root, "password-new").await, "quiet-harbour-lantern-47");
    type_into(&wait_for_test_id(&page.root, "password-confirm").await, "quiet-harbour-lantern-47");
    click(&wait_for_test_id(&page.root, "password-change").await);
    text_of(&page.root, "error-password-current", "the server's message", |t| t == "Invalid password.").await;
    assert_eq!(find(&page.root, "password-status").and_then(|e| e.text_content()).as_deref(), Some(""));
    assert_eq!(value_of(&find(&page.root, "password-new").unwrap()), "quiet-harbour-lantern-47", "kept as typed");
}

#[wasm_bindgen_test]
async fn delete_stays_off_until_the_phrase_and_the_password_are_typed() {
    let (api, session) = signed_in_client_for(shipped::users_me()).await;
    let page = mount(api, session);
    click(&wait_for_test_id(&page.root, "delete-open").await);
    let phrase = wait_for_test_id(&page.root, "delete-phrase").await;
    assert!(disabled(&page.root, "delete-confirm"));
    type_into(&phrase, "demo@example.co");
    next_turn(20).await;
    assert!(disabled(&page.root, "delete-confirm"), "not the whole phrase");
    type_into(&phrase, DEMO_EMAIL);
    next_turn(20).await;
    assert!(disabled(&page.root, "delete-confirm"), "no password yet");
    type_into(&wait_for_test_id(&page.root, "password-delete-current").await, DEMO_PASSWORD);
    wait_for("the button on", 5_000.0, || (!disabled(&page.root, "delete-confirm")).then_some(())).await;
    click(&wait_for_test_id(&page.root, "delete-cancel").await);
}

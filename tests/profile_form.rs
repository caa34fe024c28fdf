//! The profile form's rules, mounted against the reference server: what
//! Save allows, where errors go, drafts, discard, an expired session.

mod support;

use leptos::prelude::*;
use profile_app::api::ApiClient;
use profile_app::pages::profile::ProfilePage;
use profile_app::session::Session;
use profile_model::shipped;
use serde_json::json;
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn mount(api: ApiClient, session: Session) -> Mounted {
    mount_with(api, session, || view! { <ProfilePage/> })
}

#[wasm_bindgen_test]
async fn save_needs_a_change_and_no_invalid_value() {
    let (api, session) = signed_in_client_for(shipped::pwgen()).await;
    let page = mount(api, session);
    let input = wait_for_test_id(&page.root, "first_name").await;
    next_turn(30).await;
    assert!(!save_enabled(&page.root), "nothing changed yet");

    type_into(&input, &"x".repeat(201));
    blur(&input);
    let message = text_of(&page.root, "error-first_name", "a max-length message", |t| !t.is_empty()).await;
    assert!(message.contains("200"), "{message}");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(!save_enabled(&page.root), "invalid value must not be sendable");

    type_into(&input, "Ada Augusta");
    wait_for("Save to be enabled", 5_000.0, || save_enabled(&page.root).then_some(())).await;
    text_of(&page.root, "error-first_name", "the message to clear", str::is_empty).await;
}

#[wasm_bindgen_test]
async fn discard_returns_to_the_loaded_values() {
    let (api, session) = signed_in_client_for(shipped::pwgen()).await;
    let loaded = api.load_profile().await.unwrap();
    let page = mount(api, session);
    let input = wait_for_test_id(&page.root, "last_name").await;
    type_into(&input, "Changed");
    click_when_enabled(&page.root, "discard").await;
    wait_for("the loaded value back", 5_000.0, || (value_of(&input) == loaded.values.text("last_name")).then_some(()))
        .await;
}

#[wasm_bindgen_test]
async fn nested_server_errors_land_under_their_field_and_focus_moves_there() {
    let (api, session) = signed_in_client_for(shipped::aisquare_profile()).await;
    let page = mount(api, session);
    let bio = wait_for_test_id(&page.root, "details.bio").await;
    hook(
        "PATCH",
        "/api/v1/iam/user/profile/",
        json!({
            "status": 400, "content_type": "application/json",
            "body": "{\"details\": {\"bio\": [\"Introduzca un texto válido.\"]}}"
        }),
    )
    .await;
    type_into(&bio, "My new bio");
    click_when_enabled(&page.root, "save").await;
    text_of(&page.root, "error-details.bio", "the server's message under bio", |t| t == "Introduzca un texto válido.")
        .await;
    assert_eq!(value_of(&bio), "My new bio", "the edit stays");
    wait_for("focus on the invalid field", 5_000.0, || {
        let active = document().active_element()?;
        (active.id() == "field-details-bio").then_some(())
    })
    .await;
    clear_hooks().await;
}

#[wasm_bindgen_test]
async fn a_draft_survives_a_reload_and_can_be_restored() {
    let (api, session) = signed_in_client_for(shipped::users_me()).await;
    {
        let page = mount(api.clone(), session);
        let input = wait_for_test_id(&page.root, "last_name").await;
        type_into(&input, "Draft name");
        next_turn(50).await; // let the draft effect run
    }
    let page = mount(api, session);
    wait_for_test_id(&page.root, "draft-offer").await;
    click(&wait_for_test_id(&page.root, "draft-restore").await);
    let input = wait_for_test_id(&page.root, "last_name").await;
    wait_for("the draft value", 5_000.0, || (value_of(&input) == "Draft name").then_some(())).await;
    click_when_enabled(&page.root, "discard").await;
    wait_for("the discarded value", 5_000.0, || (value_of(&input) != "Draft name").then_some(())).await;
}

#[wasm_bindgen_test]
async fn a_draft_is_not_offered_to_the_next_person_in_the_tab() {
    let (api, session) = signed_in_client_for(shipped::users_me()).await;
    {
        let page = mount(api, session);
        let input = wait_for_test_id(&page.root, "last_name").await;
        type_into(&input, "Demo's unsaved words");
        next_turn(50).await;
    }
    // Someone else signs in next in this tab (the first session expired).
    let (other, other_session) = client_for(shipped::users_me());
    other.sign_in("other@example.com", DEMO_PASSWORD, false).await.expect("second person signs in");
    let page = mount(other, other_session);
    let input = wait_for_test_id(&page.root, "last_name").await;
    assert_eq!(value_of(&input), "Hopper", "their own profile");
    assert!(find(&page.root, "draft-offer").is_none(), "not offered the first person's draft");
    let storage = web_sys::window().unwrap().session_storage().unwrap().unwrap();
    let kept: Vec<String> = (0..storage.length().unwrap())
        .filter_map(|i| storage.key(i).unwrap())
        .filter(|k| k.starts_with("profile-app.draft."))
        .collect();
    assert!(
        kept.iter().all(|k| storage.get_item(k).unwrap().is_none_or(|v| !v.contains("unsaved words"))),
        "and it is gone: {kept:?}"
    );
}

#[wasm_bindgen_test]
async fn an_expired_session_asks_to_sign_in_in_a_modal_that_keeps_the_edit_and_the_choice_to_be_remembered() {
    let (api, session) = client_for(shipped::pwgen());
    api.sign_in(DEMO_EMAIL, DEMO_PASSWORD, true).await.expect("a remembered sign-in");
    let loaded = api.load_profile().await.unwrap();
    let page = mount(api, session);
    let input = wait_for_test_id(&page.root, "first_name").await;
    let path = format!("/api/profile/{}/update/", loaded.id.unwrap());
    hook(
        "PUT",
        &path,
        json!({
            "status": 401, "content_type": "application/json",
            "body": "{\"detail\": \"Given token not valid for any token type\"}"
        }),
    )
    .await;
    // The refresh token is refused too: the session is really over.
    hook(
        "POST",
        "/api/token/refresh/",
        json!({
            "status": 401, "content_type": "application/json",
            "body": "{\"detail\": \"Token is blacklisted\", \"code\": \"token_not_valid\"}"
        }),
    )
    .await;
    type_into(&input, "Kept while signing in");
    click_when_enabled(&page.root, "save").await;
    let dialog = wait_for_test_id(&page.root, "reauth").await;
    // The platform's modal: top layer, the page behind inert.
    wait_for("the dialog to open as a modal", 5_000.0, || dialog.matches(":modal").unwrap().then_some(())).await;
    assert_eq!(dialog.tag_name().to_lowercase(), "dialog");
    assert_eq!(value_of(&input), "Kept while signing in");
    let remember = wait_for_test_id(&dialog, "remember").await;
    assert!(is_checked(&remember), "\"remember me\" starts at the person's choice");
    clear_hooks().await;

    // Cancel: closed, the edit kept, and the save bar says the save waits.
    click(&find(&dialog, "sign-in-cancel").expect("a Cancel button"));
    wait_for("the dialog to close", 5_000.0, || (!dialog.has_attribute("open")).then_some(())).await;
    assert_eq!(value_of(&input), "Kept while signing in");
    text_of(&page.root, "save-status", "the save waiting for a sign-in", |t| t.contains("sign in")).await;
    // Save again: the dialog again, without a request the server would refuse.
    click_when_enabled(&page.root, "save").await;
    wait_for("the dialog to open again", 5_000.0, || dialog.matches(":modal").unwrap().then_some(())).await;
    session.sign_out();
}

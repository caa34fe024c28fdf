//! The profile page against the running reference server: the whole round
//! trip a person makes, in Chrome and Firefox.

mod support;

use leptos::prelude::*;
use profile_app::pages::profile::ProfilePage;
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the profile page with the given client and session in context.
fn mount_profile(
    api: profile_app::api::ApiClient,
    session: profile_app::session::Session,
) -> (web_sys::HtmlElement, Mounted) {
    let mounted = mount_with(api, session, || view! { <ProfilePage/> });
    (mounted.root.clone(), mounted)
}

#[wasm_bindgen_test]
async fn saved_first_name_is_there_after_reload() {
    let (api, session) = signed_in_client().await;
    let new_name = format!("Ada {}", js_sys::Date::now() as u64);

    {
        let (root, _mounted) = mount_profile(api.clone(), session);
        let input = wait_for_test_id(&root, "first_name").await;
        type_into(&input, &new_name);
        click_when_enabled(&root, "save").await;
        let status = wait_for_test_id(&root, "save-status").await;
        wait_for("the save to be confirmed", 10_000.0, || {
            if let Some(banner) = find(&root, "form-banner") {
                panic!("save failed: {:?}", banner.text_content());
            }
            (status.text_content().as_deref() == Some("Saved")).then_some(())
        })
        .await;
        root.remove();
    }

    // A fresh mount loads from the server again: the value must have persisted.
    let (root, _mounted) = mount_profile(api.clone(), session);
    let input = wait_for_test_id(&root, "first_name").await;
    assert_eq!(value_of(&input), new_name);
    assert_eq!(api.load_profile().await.unwrap().values.text("first_name"), new_name);
    root.remove();
}

#[wasm_bindgen_test]
async fn signed_out_profile_load_is_refused_as_unauthorized() {
    let (api, _session) = client_for(profile_model::shipped::pwgen());
    let err = api.load_profile().await.unwrap_err();
    assert!(err.is_unauthorized(), "got {err:?}");
}

//! Settings > Notifications against the reference server: a switch is
//! saved on its own and shows it; a failed save says so and flips back.

mod support;

use leptos::prelude::*;
use profile_app::api::ApiClient;
use profile_app::pages::settings::notifications::NotificationSettings;
use profile_app::session::Session;
use profile_model::shipped;
use serde_json::json;
use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlInputElement;

wasm_bindgen_test_configure!(run_in_browser);

const SWITCH: &str = "platform_features_emails";

fn mount(api: ApiClient, session: Session) -> (web_sys::HtmlElement, impl Sized) {
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(session);
        provide_context(api.clone());
        view! { <NotificationSettings/> }
    });
    (root, handle)
}

fn is_on(el: &web_sys::Element) -> bool {
    el.unchecked_ref::<HtmlInputElement>().checked()
}

#[wasm_bindgen_test]
async fn a_flipped_switch_is_saved_on_its_own() {
    let (api, session) = signed_in_client_for(shipped::aisquare_details()).await;
    let before = api.load_profile().await.unwrap().values.bool(SWITCH);
    let (root, _mounted) = mount(api.clone(), session);
    let switch = wait_for_test_id(&root, SWITCH).await;
    assert_eq!(is_on(&switch), before);
    click(&switch);
    let state = wait_for_test_id(&root, &format!("{SWITCH}-state")).await;
    wait_for("the saved state", 10_000.0, || {
        (state.get_attribute("data-state").as_deref() == Some("saved")).then_some(())
    })
    .await;
    assert_eq!(api.load_profile().await.unwrap().values.bool(SWITCH), !before, "the server has the new value");
    root.remove();
}

#[wasm_bindgen_test]
async fn a_failed_save_says_so_and_flips_back() {
    let (api, session) = signed_in_client_for(shipped::aisquare_details()).await;
    let before = api.load_profile().await.unwrap().values.bool(SWITCH);
    let (root, _mounted) = mount(api.clone(), session);
    let switch = wait_for_test_id(&root, SWITCH).await;
    hook(
        "PATCH",
        "/api/v1/iam/iamuserdetails/me/",
        json!({
            "status": 500, "content_type": "text/html", "body": "<h1>Server Error (500)</h1>"
        }),
    )
    .await;
    click(&switch);
    let state = wait_for_test_id(&root, &format!("{SWITCH}-state")).await;
    wait_for("the failed state", 10_000.0, || {
        (state.get_attribute("data-state").as_deref() == Some("failed")).then_some(())
    })
    .await;
    assert!(!state.text_content().unwrap_or_default().is_empty(), "a message says what failed");
    wait_for("the switch back where it was", 5_000.0, || (is_on(&switch) == before).then_some(())).await;
    assert_eq!(api.load_profile().await.unwrap().values.bool(SWITCH), before);
    clear_hooks().await;
    root.remove();
}

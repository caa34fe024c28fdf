//! The early profile read: the app keeps a secret-free recipe of its read
//! beside a kept session, the boot script (`src/route-preload.js`, run here
//! as release builds ship it) replays it with the kept secret, and the
//! app's next read takes that answer instead of asking again, only while
//! the recipe is still the read it would send. Against the reference
//! server, which counts the reads that reach it.

mod support;

use leptos::prelude::*;
use profile_app::api::{ApiClient, ClientError};
use profile_app::session::Session;
use profile_app::storage::Store;
use profile_model::{shipped, Dialect};
use serde_json::Value;
use support::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const RECIPE_KEY: &str = "profile-app.read-recipe";
const GLOBAL: &str = "__profileRead";

/// Runs the boot script as on a landing on /profile (no route modules).
fn run_boot_script() {
    let source = include_str!("../src/route-preload.js");
    let landing = "path === '/profile' || path === '/settings'";
    assert!(source.contains(landing) && source.contains("/* ROUTE_MODULES */ {}"), "the boot script changed shape");
    let script = source.replace(landing, "true").replace("/* ROUTE_MODULES */ {}", r#"{"*": []}"#);
    js_sys::Function::new_no_args(&script).call0(&JsValue::NULL).expect("the boot script runs");
}

fn early_read_left() -> bool {
    js_sys::Reflect::has(&web_sys::window().unwrap(), &JsValue::from_str(GLOBAL)).unwrap()
}

fn recipe() -> Option<Value> {
    stored(RECIPE_KEY).map(|text| serde_json::from_str(&text).expect("the recipe is JSON"))
}

/// The demo person of `dialect` signed in with "remember me", and read
/// once (which keeps the recipe).
async fn kept_session(dialect: &'static Dialect, language: &'static str) -> (ApiClient, Session) {
    let session = Session::signed_out();
    let api = ApiClient::new(config_for(dialect), session).with_language(Signal::stored(language));
    api.sign_in(DEMO_EMAIL, DEMO_PASSWORD, true).await.expect("demo sign-in");
    api.load_profile().await.expect("first read");
    (api, session)
}

/// The same session on the next page load: restored from storage.
fn next_load(dialect: &'static Dialect, language: &'static str) -> ApiClient {
    ApiClient::new(config_for(dialect), Session::restore()).with_language(Signal::stored(language))
}

fn read_of(dialect: &'static Dialect) -> (String, String) {
    let read = &dialect.endpoints.read;
    (read.method.clone(), read.path.clone())
}

#[wasm_bindgen_test]
async fn the_recipe_holds_no_secret_and_says_where_it_is_kept() {
    for dialect in [shipped::pwgen(), shipped::users_me()] {
        let (api, session) = kept_session(dialect, "en").await;
        let header = session.auth_header(dialect.auth).expect("a token dialect");
        let text = stored(RECIPE_KEY).expect("a kept session keeps the read's recipe");
        let recipe: Value = serde_json::from_str(&text).unwrap();
        let scheme = recipe["auth"][1].as_str().unwrap();
        let secret = header.strip_prefix(scheme).expect("the header starts with the recipe's scheme");
        assert!(!text.contains(secret), "{}: the secret is in the recipe: {text}", dialect.name);
        let kept: Value = serde_json::from_str(&stored(recipe["key"].as_str().unwrap()).unwrap()).unwrap();
        let at = recipe["secret"].as_array().unwrap().iter().fold(&kept, |v, k| &v[k.as_str().unwrap()]);
        assert_eq!(at.as_str(), Some(secret), "{}: the secret is where the recipe says", dialect.name);
        assert_eq!(recipe["method"], dialect.endpoints.read.method.as_str());
        assert_eq!(recipe["url"], format!("{SERVER}{}", dialect.endpoints.read.path));
        assert!(recipe["headers"].as_array().unwrap().contains(&serde_json::json!(["Accept-Language", "en"])));
        api.sign_out().await;
        assert_eq!(stored(RECIPE_KEY), None, "{}: signing out forgets the recipe", dialect.name);
    }
}

#[wasm_bindgen_test]
async fn a_session_kept_for_this_tab_keeps_its_recipe_in_this_tab_and_the_boot_script_uses_it() {
    let dialect = shipped::users_me();
    let session = Session::signed_out();
    let api = ApiClient::new(config_for(dialect), session).with_language(Signal::stored("en"));
    api.sign_in(DEMO_EMAIL, DEMO_PASSWORD, false).await.unwrap();
    let expected = api.load_profile().await.unwrap();
    assert_eq!(recipe(), None, "not remembered: nothing in localStorage");
    let in_tab = Store::Session.read(RECIPE_KEY).expect("the recipe is kept in this tab, beside the session");
    assert!(!in_tab.contains(&session.auth_header(dialect.auth).unwrap()), "no secret in the recipe");
    let (method, path) = read_of(dialect);
    clear_hooks().await;
    count_requests(&method, &path).await;
    run_boot_script();
    assert!(early_read_left(), "the boot script found the recipe and the session in this tab");
    let reloaded = next_load(dialect, "en");
    assert_eq!(reloaded.load_profile().await.unwrap(), expected);
    assert_eq!(requests_counted(&method, &path).await, 1, "one read");
    clear_hooks().await;
    reloaded.sign_out().await;
    assert_eq!(Store::Session.read(RECIPE_KEY), None, "signing out forgets it");
}

#[wasm_bindgen_test]
async fn the_boot_scripts_read_is_the_only_read_of_the_next_load() {
    // pwgen: POST read, Bearer; users-me: GET, Token; letraz: a cookie session.
    for dialect in [shipped::pwgen(), shipped::users_me(), shipped::letraz()] {
        let (first, _) = kept_session(dialect, "en").await;
        let expected = first.load_profile().await.unwrap();
        let (method, path) = read_of(dialect);
        clear_hooks().await;
        count_requests(&method, &path).await;
        run_boot_script();
        assert!(early_read_left(), "{}: the boot script sent the read", dialect.name);
        let api = next_load(dialect, "en");
        let loaded = api.load_profile().await.unwrap_or_else(|e| panic!("{}: {e:?}", dialect.name));
        assert_eq!(loaded, expected, "{}: the early answer, read as any other", dialect.name);
        assert!(!early_read_left(), "{}: taken", dialect.name);
        assert_eq!(requests_counted(&method, &path).await, 1, "{}: one read", dialect.name);
        // Retry, a second page: reads of their own.
        api.load_profile().await.unwrap();
        assert_eq!(requests_counted(&method, &path).await, 2, "{}", dialect.name);
        clear_hooks().await;
        api.sign_out().await;
    }
}

#[wasm_bindgen_test]
async fn a_recipe_written_in_another_language_is_not_taken() {
    let dialect = shipped::users_me();
    kept_session(dialect, "en").await;
    let (method, path) = read_of(dialect);
    clear_hooks().await;
    count_requests(&method, &path).await;
    run_boot_script();
    // The person switched to Spanish since (or another config): the early
    // read asked in English, so the app reads again, in Spanish.
    let api = next_load(dialect, "es");
    api.load_profile().await.unwrap();
    assert!(!early_read_left(), "dropped");
    assert_eq!(requests_counted(&method, &path).await, 2);
    assert!(stored(RECIPE_KEY).unwrap().contains(r#"["Accept-Language","es"]"#), "the recipe follows the language");
    clear_hooks().await;
    api.sign_out().await;
}

#[wasm_bindgen_test]
async fn a_failed_early_read_is_the_reads_failure_and_retry_reads_again() {
    let dialect = shipped::users_me();
    kept_session(dialect, "en").await;
    let refused = js_sys::Promise::reject(&js_sys::TypeError::new("Failed to fetch"));
    let early = js_sys::Object::new();
    for (k, v) in [
        ("recipe", JsValue::from_str(&stored(RECIPE_KEY).unwrap())),
        ("answer", refused.into()),
        ("signal", web_sys::AbortController::new().unwrap().signal().into()),
    ] {
        js_sys::Reflect::set(&early, &k.into(), &v).unwrap();
    }
    js_sys::Reflect::set(&web_sys::window().unwrap(), &GLOBAL.into(), &early).unwrap();
    let api = next_load(dialect, "en");
    assert_eq!(api.load_profile().await.unwrap_err(), ClientError::Network);
    api.load_profile().await.expect("Retry reads");
    api.sign_out().await;
}

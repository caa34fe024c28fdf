//! Helpers for the browser suites: mount into a fresh container, query by
//! `data-testid`, act like a person, and poll with a deadline instead of
//! sleeping a fixed time.

#![allow(dead_code)]

use profile_model::shipped;
use std::future::Future;

use leptos::prelude::*;
use profile_app::api::ApiClient;
use profile_app::session::Session;
use profile_model::{AppConfig, Dialect};
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, EventInit, HtmlButtonElement, HtmlElement, HtmlInputElement};

/// The reference server the test command started (`.ci/test` sets this).
pub const SERVER: &str = match option_env!("REFSERVER_URL") {
    Some(url) => url,
    None => "http://127.0.0.1:8080",
};

pub const DEMO_EMAIL: &str = "demo@example.com";
pub const DEMO_PASSWORD: &str = "demo-pass-123";

/// The runtime config for `dialect` against the test's reference server.
pub fn config_for(dialect: &'static Dialect) -> AppConfig {
    let mut config = AppConfig::defaults(dialect);
    config.api_base_url = SERVER.to_string();
    config
}

/// A client for the reference server, nobody signed in.
pub fn client_for(dialect: &'static Dialect) -> (ApiClient, Session) {
    let session = Session::signed_out();
    (ApiClient::new(config_for(dialect), session), session)
}

/// A client for the reference server with the demo person signed in.
pub async fn signed_in_client_for(dialect: &'static Dialect) -> (ApiClient, Session) {
    let (api, session) = client_for(dialect);
    api.sign_in(DEMO_EMAIL, DEMO_PASSWORD, false).await.expect("demo sign-in");
    (api, session)
}

pub async fn signed_in_client() -> (ApiClient, Session) {
    signed_in_client_for(shipped::pwgen()).await
}

/// Makes the reference server answer the next matching request as told
/// (its `--test-hooks` API), e.g. `{"status": 502, "body": "<html>…"}`.
pub async fn hook(method: &str, path: &str, answer: serde_json::Value) {
    let mut body = serde_json::json!({ "method": method, "path": path, "times": 1 });
    for (k, v) in answer.as_object().expect("hook answer is an object") {
        body[k] = v.clone();
    }
    let response = gloo_net::http::Request::post(&format!("{SERVER}/_ref/hooks"))
        .json(&body)
        .unwrap()
        .send()
        .await
        .expect("hook request");
    assert!(response.ok(), "hook refused: {}", response.text().await.unwrap_or_default());
}

/// Counts the requests to `path` (a hook that answers nothing itself).
pub async fn count_requests(method: &str, path: &str) {
    hook(method, path, serde_json::json!({ "times": 0 })).await;
}

/// How many requests to `path` the counting hook has met.
pub async fn requests_counted(method: &str, path: &str) -> u64 {
    let hooks: serde_json::Value = gloo_net::http::Request::get(&format!("{SERVER}/_ref/hooks"))
        .send()
        .await
        .expect("hooks list")
        .json()
        .await
        .expect("hooks json");
    let counter = hooks
        .as_array()
        .into_iter()
        .flatten()
        .find(|h| h["path"] == path && h["method"] == method && h["times"] == 0 && h["status"].is_null());
    counter.and_then(|h| h["hits"].as_u64()).expect("a counting hook for this path")
}

pub async fn clear_hooks() {
    let _ = gloo_net::http::Request::delete(&format!("{SERVER}/_ref/hooks")).send().await;
}

/// A container appended to `<body>`; mount views into it.
pub fn container() -> HtmlElement {
    let document = document();
    let el = document.create_element("section").unwrap();
    document.body().unwrap().append_child(&el).unwrap();
    el.unchecked_into()
}

pub fn find(root: &Element, test_id: &str) -> Option<Element> {
    root.query_selector(&format!("[data-testid=\"{test_id}\"]")).ok().flatten()
}

/// Waits up to `timeout_ms` for `probe` to answer `Some`, checking every
/// animation-ish interval; panics with `what` if it never does.
pub async fn wait_for<T>(what: &str, timeout_ms: f64, mut probe: impl FnMut() -> Option<T>) -> T {
    let deadline = js_sys::Date::now() + timeout_ms;
    loop {
        if let Some(v) = probe() {
            return v;
        }
        if js_sys::Date::now() > deadline {
            panic!("timed out after {timeout_ms} ms waiting for {what}");
        }
        next_turn(20).await;
    }
}

pub async fn wait_for_test_id(root: &Element, test_id: &str) -> Element {
    wait_for(&format!("[data-testid={test_id}]"), 10_000.0, || find(root, test_id)).await
}

/// Yields to the browser for `ms` milliseconds so timers and fetches run.
pub fn next_turn(ms: i32) -> impl Future<Output = ()> {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    });
    async move {
        wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    }
}

/// Types into an input the way a person does: set the value, fire `input`.
pub fn type_into(el: &Element, text: &str) {
    let input: &HtmlInputElement = el.unchecked_ref();
    input.set_value(text);
    let init = EventInit::new();
    init.set_bubbles(true);
    input.dispatch_event(&Event::new_with_event_init_dict("input", &init).unwrap()).unwrap();
}

pub fn click(el: &Element) {
    el.unchecked_ref::<HtmlElement>().click();
}

/// Clicks a button once the view has enabled it (DOM updates from signals
/// land on a later tick than the event that caused them).
pub async fn click_when_enabled(root: &Element, test_id: &str) {
    let button = wait_for(&format!("[data-testid={test_id}] to be enabled"), 10_000.0, || {
        find(root, test_id).filter(|b| !b.unchecked_ref::<HtmlButtonElement>().disabled())
    })
    .await;
    click(&button);
}

pub fn value_of(el: &Element) -> String {
    el.unchecked_ref::<HtmlInputElement>().value()
}

// --- Settings and shell helpers -------------------------------------------

/// Forgets remembered theme and language and resets `<html>` to English,
/// left-to-right, theme "system", so each test starts the same.
pub fn reset_preferences() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.remove_item(profile_app::prefs::THEME_KEY).unwrap();
    storage.remove_item(profile_app::prefs::LOCALE_KEY).unwrap();
    profile_app::prefs::set_root_attribute("data-theme", "system");
    profile_app::prefs::set_root_attribute("lang", "en");
    profile_app::prefs::set_root_attribute("dir", "ltr");
}

pub fn stored(key: &str) -> Option<String> {
    profile_app::prefs::load(key)
}

pub fn set_stored(key: &str, value: &str) {
    profile_app::prefs::store(key, value);
}

/// An attribute of `<html>`.
pub fn root_attr(name: &str) -> Option<String> {
    profile_app::prefs::root_attribute(name)
}

pub fn is_checked(el: &Element) -> bool {
    el.unchecked_ref::<HtmlInputElement>().checked()
}

/// Runs `f` under a fresh reactive owner (signals need one).
pub fn with_owner<T>(f: impl FnOnce() -> T) -> T {
    let owner = Owner::new();
    owner.with(f)
}

// --- Mounting signed-in pages ----------------------------------------------

/// A view mounted into its own container; dropping it unmounts and removes it.
pub struct Mounted {
    pub root: HtmlElement,
    _handle: Box<dyn std::any::Any>,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.root.remove();
    }
}

/// Mounts `view` inside a router with the API client and session provided.
pub fn mount_with<V: IntoView + 'static>(
    api: ApiClient,
    session: Session,
    view: impl FnOnce() -> V + Send + 'static,
) -> Mounted {
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(session);
        provide_context(api.clone());
        view! { <leptos_router::components::Router>{view()}</leptos_router::components::Router> }
    });
    Mounted { root, _handle: Box::new(handle) }
}

pub fn save_enabled(root: &Element) -> bool {
    find(root, "save").is_some_and(|b| !b.unchecked_ref::<HtmlButtonElement>().disabled())
}

/// Leaving a field: its rules start to show.
pub fn blur(el: &Element) {
    el.dispatch_event(&web_sys::FocusEvent::new("blur").unwrap()).unwrap();
}

/// Waits until the text of `test_id` satisfies `want`, and answers it.
pub async fn text_of(root: &Element, test_id: &str, what: &str, want: impl Fn(&str) -> bool) -> String {
    wait_for(what, 10_000.0, || find(root, test_id).and_then(|e| e.text_content()).filter(|t| want(t))).await
}

/// The smallest valid PNG (1×1), as a browser Blob.
pub fn tiny_png() -> web_sys::Blob {
    const PNG: [u8; 67] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
        0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00,
        0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D,
        0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ];
    let bytes = js_sys::Uint8Array::from(&PNG[..]);
    let parts = js_sys::Array::of1(&bytes);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/png");
    web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).unwrap()
}

/// A text field each dialect can save.
pub fn text_field_to_save(dialect: &'static Dialect) -> &'static str {
    match dialect.name.as_str() {
        "letraz" => "city",
        "aisquare-profile" => "details.bio",
        "aisquare-details" => "bio",
        "pwgen" | "users-me" => "first_name",
        other => panic!("no case for {other}"),
    }
}

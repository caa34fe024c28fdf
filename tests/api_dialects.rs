//! The API client against the reference server, per dialect: sign in,
//! load, save a changed field, avatars, and every error case producing the
//! typed error the pages rely on. Runs in Chrome and Firefox.

mod support;

use profile_app::api::profile::{AvatarFile, AvatarUpload};
use profile_app::api::ClientError;
use profile_model::shipped;
use profile_model::{Dialect, ErrorKind, FieldValue};
use serde_json::json;
use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A field whose server-side rule the value breaks, with the path the
/// error must come back under.
fn invalid_edit(dialect: &'static Dialect) -> (&'static str, &'static str) {
    match dialect.name.as_str() {
        "letraz" => ("website", "not a url"),
        "aisquare-profile" => ("details.github_url", "not a url"),
        "aisquare-details" => ("github_url", "not a url"),
        "pwgen" => ("email", "not-an-email"),
        "users-me" => ("email", "not-an-email"),
        other => panic!("no case for {other}"),
    }
}

fn unique(prefix: &str) -> String {
    format!("{prefix} {}", js_sys::Date::now() as u64)
}

#[wasm_bindgen_test]
async fn every_dialect_signs_in_loads_saves_and_reloads_a_field() {
    for &dialect in shipped::all() {
        let (api, _session) = signed_in_client_for(dialect).await;
        let loaded = api.load_profile().await.unwrap_or_else(|e| panic!("{}: load: {e:?}", dialect.name));
        let path = text_field_to_save(dialect);
        let value = unique("Lisbon");
        let edited = loaded.values.clone().with(path, FieldValue::Text(value.clone()));
        let saved = api
            .save_profile(&loaded, &edited, AvatarUpload::Keep)
            .await
            .unwrap_or_else(|e| panic!("{}: save: {e:?}", dialect.name));
        assert_eq!(saved.values.text(path), value, "{}: answer", dialect.name);
        let reloaded = api.load_profile().await.unwrap();
        assert_eq!(reloaded.values.text(path), value, "{}: reload", dialect.name);
    }
}

#[wasm_bindgen_test]
async fn every_dialect_returns_server_field_errors_under_the_field_path() {
    for &dialect in shipped::all() {
        let (api, _session) = signed_in_client_for(dialect).await;
        let loaded = api.load_profile().await.unwrap();
        let (path, bad) = invalid_edit(dialect);
        let edited = loaded.values.clone().with(path, FieldValue::Text(bad.into()));
        let err = api.save_profile(&loaded, &edited, AvatarUpload::Keep).await.unwrap_err();
        let ClientError::Api(api_error) = &err else { panic!("{}: {err:?}", dialect.name) };
        assert_eq!(api_error.kind, ErrorKind::Validation, "{}", dialect.name);
        let mut errors = api_error.errors.clone();
        profile_model::catalogue::place_errors(dialect, &mut errors);
        assert!(errors.has(path), "{}: no error under {path}: {errors:?}", dialect.name);
    }
}

#[wasm_bindgen_test]
async fn avatars_upload_as_multipart_and_can_be_removed() {
    for dialect in [shipped::pwgen(), shipped::users_me()] {
        let (api, _session) = signed_in_client_for(dialect).await;
        let loaded = api.load_profile().await.unwrap();
        // The server counts the update calls that arrive as multipart.
        let update = api.config().endpoints.update.clone();
        let update_path = match update.path.split_once('{') {
            Some((prefix, _)) => format!("{prefix}*"),
            None => update.path.clone(),
        };
        clear_hooks().await;
        hook(&update.method, &update_path, json!({ "times": 0, "request_content_type": "multipart/form-data" })).await;
        let file = AvatarFile { blob: tiny_png(), file_name: "me.png".into() };
        let with_photo = api
            .save_profile(&loaded, &loaded.values, AvatarUpload::Replace(file))
            .await
            .unwrap_or_else(|e| panic!("{}: upload: {e:?}", dialect.name));
        assert_eq!(requests_counted(&update.method, &update_path).await, 1, "{}: multipart update calls", dialect.name);
        clear_hooks().await;
        let url = with_photo.values.text("avatar").to_string();
        assert!(url.contains("/media/"), "{}: avatar url {url:?}", dialect.name);

        let without = api.save_profile(&with_photo, &with_photo.values, AvatarUpload::Remove).await.unwrap();
        assert_eq!(without.values.text("avatar"), "", "{}: removed", dialect.name);
    }
}

#[wasm_bindgen_test]
async fn signed_out_requests_are_unauthorized_in_every_dialect() {
    for &dialect in shipped::all() {
        let (api, _session) = client_for(dialect);
        let err = api.load_profile().await.unwrap_err();
        assert!(err.is_unauthorized(), "{}: {err:?}", dialect.name);
    }
}

fn forget_csrf_cookie() {
    let document: web_sys::HtmlDocument = web_sys::window().unwrap().document().unwrap().unchecked_into();
    document.set_cookie("csrftoken=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/").unwrap();
}

const CSRF_REFUSAL: &str = r#"{"detail": "CSRF Failed: CSRF token from the 'X-Csrftoken' HTTP header incorrect."}"#;

#[wasm_bindgen_test]
async fn letraz_without_a_readable_csrf_cookie_takes_the_token_from_the_csrf_endpoint() {
    let (api, _session) = signed_in_client_for(shipped::letraz()).await;
    let loaded = api.load_profile().await.unwrap();
    // No cookie to read, as when the API is on another site.
    forget_csrf_cookie();
    clear_hooks().await;
    count_requests("GET", "/api/v1/auth/csrf/").await;
    let city = unique("Porto");
    let edited = loaded.values.clone().with("city", FieldValue::Text(city.clone()));
    let saved = api.save_profile(&loaded, &edited, AvatarUpload::Keep).await.expect("saved with the endpoint's token");
    assert_eq!(saved.values.text("city"), city);
    assert_eq!(requests_counted("GET", "/api/v1/auth/csrf/").await, 1);
    clear_hooks().await;
}

#[wasm_bindgen_test]
async fn a_csrf_refusal_fetches_a_fresh_token_and_sends_once_more() {
    let (api, _session) = signed_in_client_for(shipped::letraz()).await;
    let loaded = api.load_profile().await.unwrap();
    clear_hooks().await;
    hook("PATCH", "/api/v1/user/", json!({"status": 403, "body": CSRF_REFUSAL, "content_type": "application/json"}))
        .await;
    count_requests("PATCH", "/api/v1/user/").await;
    let city = unique("Braga");
    let edited = loaded.values.clone().with("city", FieldValue::Text(city.clone()));
    let saved = api.save_profile(&loaded, &edited, AvatarUpload::Keep).await.expect("the second try is saved");
    assert_eq!(saved.values.text("city"), city);
    // The refused one met the refusal hook first; the counter saw the retry.
    assert_eq!(requests_counted("PATCH", "/api/v1/user/").await, 1);

    // Refused twice: a CSRF error, after exactly one retry (no loop).
    clear_hooks().await;
    hook(
        "PATCH",
        "/api/v1/user/",
        json!({"status": 403, "body": CSRF_REFUSAL, "content_type": "application/json", "times": 2}),
    )
    .await;
    let err = api.save_profile(&saved, &loaded.values, AvatarUpload::Keep).await.unwrap_err();
    assert_eq!(err.kind(), Some(&ErrorKind::Csrf), "{err:?}");
    let left: serde_json::Value =
        gloo_net::http::Request::get(&format!("{SERVER}/_ref/hooks")).send().await.unwrap().json().await.unwrap();
    assert_eq!(left.as_array().map(Vec::len), Some(0), "both refusals used, no third request: {left}");
    clear_hooks().await;
}

const EXPIRED_ACCESS: &str = r#"{"detail": "Given token not valid for any token type", "code": "token_not_valid", "messages": [{"token_class": "AccessToken", "token_type": "access", "message": "Token is invalid or expired"}]}"#;

#[wasm_bindgen_test]
async fn an_expired_simplejwt_access_token_is_renewed_once_for_parallel_requests() {
    let (api, session) = signed_in_client_for(shipped::pwgen()).await;
    let before = session.auth_header(api.config().auth);
    clear_hooks().await;
    let expired = json!({"status": 401, "body": EXPIRED_ACCESS, "content_type": "application/json",
                         "headers": {"WWW-Authenticate": "Bearer realm=\"api\""}, "times": 2});
    hook("POST", "/api/profile/", expired).await;
    count_requests("POST", "/api/token/refresh/").await;
    let (first, second) = futures::join!(api.load_profile(), api.load_profile());
    first.expect("first read, after the renewal");
    second.expect("second read, after the same renewal");
    assert_eq!(requests_counted("POST", "/api/token/refresh/").await, 1, "one renewal for both");
    assert_ne!(session.auth_header(api.config().auth), before, "a new access token");
    clear_hooks().await;
}

#[wasm_bindgen_test]
async fn a_refused_renewal_is_a_sign_in_and_a_sign_out_blacklists_the_refresh_token() {
    let (api, session) = signed_in_client_for(shipped::pwgen()).await;
    clear_hooks().await;
    let expired = json!({"status": 401, "body": EXPIRED_ACCESS, "content_type": "application/json"});
    hook("POST", "/api/profile/", expired.clone()).await;
    hook("POST", "/api/token/refresh/", expired).await;
    let err = api.load_profile().await.unwrap_err();
    assert!(err.is_unauthorized(), "{err:?}");
    clear_hooks().await;

    let refresh = session.refresh_token().expect("kept in memory");
    api.sign_out().await;
    let answer = gloo_net::http::Request::post(&format!("{SERVER}/api/token/refresh/"))
        .json(&json!({ "refresh": refresh }))
        .unwrap()
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 401, "blacklisted on sign-out");
}

/// Everything `profile-app.*` in one of the browser's stores, as text.
fn kept_in(store: web_sys::Storage) -> String {
    let keys: Vec<String> = (0..store.length().unwrap()).filter_map(|i| store.key(i).unwrap()).collect();
    keys.iter()
        .filter(|k| k.starts_with("profile-app.") && !k.starts_with("profile-app.draft."))
        .map(|k| format!("{k}={}", store.get_item(k).unwrap().unwrap_or_default()))
        .collect::<Vec<_>>()
        .join("\n")
}

#[wasm_bindgen_test]
async fn a_remembered_session_is_kept_in_local_storage_and_one_not_remembered_in_this_tab_only() {
    reset_preferences();
    let window = web_sys::window().unwrap();
    let (local, tab) = (window.local_storage().unwrap().unwrap(), window.session_storage().unwrap().unwrap());
    for remember in [true, false] {
        let (api, _) = client_for(shipped::pwgen());
        api.sign_in(DEMO_EMAIL, DEMO_PASSWORD, remember).await.expect("sign-in");
        let refresh = api.session().refresh_token().expect("a refresh token");
        // What a reload finds: the same session, remembered or not as chosen.
        let restored = profile_app::session::Session::restore();
        assert_eq!(restored.refresh_token().as_deref(), Some(refresh.as_str()), "beside the access token");
        assert_eq!(restored.auth_header(api.config().auth), api.session().auth_header(api.config().auth));
        assert_eq!(restored.remembers_untracked(), remember);
        let (in_local, in_tab) = (kept_in(local.clone()), kept_in(tab.clone()));
        assert_eq!(in_local.contains(&refresh), remember, "localStorage only when remembered: {in_local}");
        assert_eq!(in_tab.contains(&refresh), !remember, "this tab's sessionStorage otherwise: {in_tab}");
        api.sign_out().await;
        assert!(!kept_in(local.clone()).contains("credential") && !kept_in(tab.clone()).contains("credential"));
        assert!(!profile_app::session::Session::restore().is_signed_in_untracked(), "signed out in both");
    }
}

async fn pwgen_save_error(answer: serde_json::Value, timeout_ms: Option<i32>) -> ClientError {
    let (api, _session) = signed_in_client_for(shipped::pwgen()).await;
    let api = match timeout_ms {
        Some(ms) => api.with_timeout_ms(ms),
        None => api,
    };
    let loaded = api.load_profile().await.unwrap();
    let path = format!("/api/profile/{}/update/", loaded.id.clone().unwrap());
    hook("PUT", &path, answer).await;
    let edited = loaded.values.clone().with("first_name", FieldValue::Text(unique("Ada")));
    let err = api.save_profile(&loaded, &edited, AvatarUpload::Keep).await.unwrap_err();
    clear_hooks().await;
    err
}

#[wasm_bindgen_test]
async fn a_413_html_page_is_too_large() {
    let err = pwgen_save_error(
        json!({"status": 413, "content_type": "text/html", "body": "<html><body><h1>413 Request Entity Too Large</h1></body></html>"}),
        None,
    )
    .await;
    assert_eq!(err.kind(), Some(&ErrorKind::TooLarge), "{err:?}");
}

#[wasm_bindgen_test]
async fn a_429_carries_its_retry_after() {
    let err = pwgen_save_error(
        json!({"status": 429, "content_type": "application/json", "body": "{\"detail\":\"Request was throttled.\"}", "headers": {"Retry-After": "7"}}),
        None,
    )
    .await;
    assert_eq!(err.retry_after(), Some(7), "{err:?}");
}

#[wasm_bindgen_test]
async fn a_500_html_page_is_a_server_error_with_a_readable_message() {
    let err = pwgen_save_error(
        json!({"status": 500, "content_type": "text/html", "body": "<!doctype html><title>Server Error (500)</title>"}),
        None,
    )
    .await;
    assert_eq!(err.kind(), Some(&ErrorKind::Server), "{err:?}");
    assert!(!err.form_messages().is_empty());
}

#[wasm_bindgen_test]
async fn a_slow_answer_is_aborted_as_a_timeout() {
    let err = pwgen_save_error(json!({"delay_ms": 3000}), Some(500)).await;
    assert_eq!(err, ClientError::Timeout);
    assert!(err.is_retryable());
}

#[wasm_bindgen_test]
fn request_bodies_are_written_as_the_browser_reads_them() {
    // Bodies and the kept session are written by JSON.stringify (#28):
    // what json::parse reads back is the value written, for every shape a
    // body or an answer has.
    let value = json!({
        "first_name": "Zoë \"Z\" \\ \u{1F600}\n",
        "count": 3, "negative": -7, "ratio": 0.25, "none": null, "yes": true,
        "nested": {"list": [1, "two", {"three": [false]}], "empty": {}},
        "empty_list": []
    });
    let text = profile_app::json::text(&value);
    assert_eq!(profile_app::json::parse(&text).unwrap(), value);
    assert_eq!(profile_app::json::text(&json!({"a": 1, "b": [null]})), r#"{"a":1,"b":[null]}"#);
}

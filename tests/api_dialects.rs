//! The API client against the reference server, per dialect: sign in,
//! load, save a changed field, avatars, and every error case producing the
//! typed error the pages rely on. Runs in Chrome and Firefox.

mod support;

use profile_app::api::profile::{AvatarFile, AvatarUpload};
use profile_app::api::ClientError;
use profile_model::{Dialect, ErrorKind, FieldValue};
use serde_json::json;
use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A text field each dialect can save.
fn probe(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Letraz => "city",
        Dialect::AisquareProfile => "details.bio",
        Dialect::AisquareDetails => "bio",
        Dialect::Pwgen | Dialect::UsersMe => "first_name",
    }
}

/// A field whose server-side rule the value breaks, with the path the
/// error must come back under.
fn invalid_edit(dialect: Dialect) -> (&'static str, &'static str) {
    match dialect {
        Dialect::Letraz => ("website", "not a url"),
        Dialect::AisquareProfile => ("details.github_url", "not a url"),
        Dialect::AisquareDetails => ("github_url", "not a url"),
        Dialect::Pwgen => ("email", "not-an-email"),
        Dialect::UsersMe => ("email", "not-an-email"),
    }
}

fn unique(prefix: &str) -> String {
    format!("{prefix} {}", js_sys::Date::now() as u64)
}

#[wasm_bindgen_test]
async fn every_dialect_signs_in_loads_saves_and_reloads_a_field() {
    for dialect in Dialect::ALL {
        let (api, _session) = signed_in_client_for(dialect).await;
        let loaded = api.load_profile().await.unwrap_or_else(|e| panic!("{}: load: {e:?}", dialect.name()));
        let path = probe(dialect);
        let value = unique("Lisbon");
        let edited = loaded.values.clone().with(path, FieldValue::Text(value.clone()));
        let saved = api
            .save_profile(&loaded, &edited, AvatarUpload::Keep)
            .await
            .unwrap_or_else(|e| panic!("{}: save: {e:?}", dialect.name()));
        assert_eq!(saved.values.text(path), value, "{}: answer", dialect.name());
        let reloaded = api.load_profile().await.unwrap();
        assert_eq!(reloaded.values.text(path), value, "{}: reload", dialect.name());
    }
}

#[wasm_bindgen_test]
async fn every_dialect_returns_server_field_errors_under_the_field_path() {
    for dialect in Dialect::ALL {
        let (api, _session) = signed_in_client_for(dialect).await;
        let loaded = api.load_profile().await.unwrap();
        let (path, bad) = invalid_edit(dialect);
        let edited = loaded.values.clone().with(path, FieldValue::Text(bad.into()));
        let err = api.save_profile(&loaded, &edited, AvatarUpload::Keep).await.unwrap_err();
        let ClientError::Api(api_error) = &err else { panic!("{}: {err:?}", dialect.name()) };
        assert_eq!(api_error.kind, ErrorKind::Validation, "{}", dialect.name());
        let mut errors = api_error.errors.clone();
        profile_model::catalogue::place_errors(dialect, &mut errors);
        assert!(errors.has(path), "{}: no error under {path}: {errors:?}", dialect.name());
    }
}

/// The smallest valid PNG (1×1), as a browser Blob.
fn tiny_png() -> web_sys::Blob {
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

#[wasm_bindgen_test]
async fn avatars_upload_as_multipart_and_can_be_removed() {
    for dialect in [Dialect::Pwgen, Dialect::UsersMe] {
        let (api, _session) = signed_in_client_for(dialect).await;
        let loaded = api.load_profile().await.unwrap();
        let file = AvatarFile { blob: tiny_png(), file_name: "me.png".into() };
        let with_photo = api
            .save_profile(&loaded, &loaded.values, AvatarUpload::Replace(file))
            .await
            .unwrap_or_else(|e| panic!("{}: upload: {e:?}", dialect.name()));
        let url = with_photo.values.text("avatar").to_string();
        assert!(url.contains("/media/"), "{}: avatar url {url:?}", dialect.name());

        let without = api.save_profile(&with_photo, &with_photo.values, AvatarUpload::Remove).await.unwrap();
        assert_eq!(without.values.text("avatar"), "", "{}: removed", dialect.name());
    }
}

#[wasm_bindgen_test]
async fn signed_out_requests_are_unauthorized_in_every_dialect() {
    for dialect in Dialect::ALL {
        let (api, _session) = client_for(dialect);
        let err = api.load_profile().await.unwrap_err();
        assert!(err.is_unauthorized(), "{}: {err:?}", dialect.name());
    }
}

#[wasm_bindgen_test]
async fn letraz_write_without_csrf_token_is_a_csrf_error() {
    let (api, _session) = signed_in_client_for(Dialect::Letraz).await;
    let loaded = api.load_profile().await.unwrap();
    // Lose the CSRF cookie, as a stale tab would.
    let document: web_sys::HtmlDocument = web_sys::window().unwrap().document().unwrap().unchecked_into();
    document.set_cookie("csrftoken=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/").unwrap();
    let edited = loaded.values.clone().with("city", FieldValue::Text(unique("Porto")));
    let err = api.save_profile(&loaded, &edited, AvatarUpload::Keep).await.unwrap_err();
    assert_eq!(err.kind(), Some(&ErrorKind::Csrf), "{err:?}");
}

async fn pwgen_save_error(answer: serde_json::Value, timeout_ms: Option<i32>) -> ClientError {
    let (api, _session) = signed_in_client_for(Dialect::Pwgen).await;
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

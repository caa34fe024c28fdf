//! users-me over HTTP: djoser token login, `Token` auth, PATCH and PUT in
//! JSON and multipart, avatar upload and `avatar=null`, unique conflicts,
//! the mandatory trailing slash.

mod common;

use common::{file_part, Ask, Ref, PASSWORD, PNG};
use serde_json::{json, Value};

async fn token(s: &Ref, login: &str) -> String {
    let v = s
        .req("POST", "/api/auth/token/login/")
        .json(&json!({"username": login, "password": PASSWORD}))
        .expect(200)
        .await;
    let t = v["auth_token"].as_str().unwrap().to_string();
    assert_eq!(t.len(), 40);
    format!("Token {t}")
}

#[tokio::test]
async fn login_by_username_or_email_and_read() {
    let s = Ref::start().await;
    let t = token(&s, "BehroozGhorbani").await;
    assert_eq!(token(&s, "demo@example.com").await, t, "one token per user");
    let v = s.req("GET", "/api/users/me/").header("Authorization", &t).expect(200).await;
    assert_eq!(v["full_name"], "بهروز قربانی");
    assert_eq!(v["username"], "BehroozGhorbani");
    assert_eq!(v["groups"][0]["name"], "Administrators");
    assert_eq!(v["is_profile_completed"], true);
    assert_eq!(
        s.req("POST", "/api/auth/token/login/")
            .json(&json!({"username": "BehroozGhorbani", "password": "no"}))
            .reply()
            .await,
        (400, json!({"non_field_errors": ["Unable to log in with provided credentials."]}))
    );
}

#[tokio::test]
async fn token_auth_401s() {
    let s = Ref::start().await;
    let (status, h, v) = s.req("GET", "/api/users/me/").answer().await;
    assert_eq!((status, v), (401, json!({"detail": "Authentication credentials were not provided."})));
    assert_eq!(h["www-authenticate"], "Token");
    assert_eq!(
        s.req("GET", "/api/users/me/").header("Authorization", "Token nope").reply().await,
        (401, json!({"detail": "Invalid token."}))
    );
    assert_eq!(
        s.req("GET", "/api/users/me/").header("Authorization", "Token").reply().await,
        (401, json!({"detail": "Invalid token header. No credentials provided."}))
    );
}

#[tokio::test]
async fn patch_and_put_are_partial() {
    let s = Ref::start().await;
    let t = token(&s, "BehroozGhorbani").await;
    let v = s
        .req("PATCH", "/api/users/me/")
        .header("Authorization", &t)
        .json(&json!({"first_name": "Alexandra"}))
        .expect(200)
        .await;
    assert_eq!(v["first_name"], "Alexandra");
    assert_eq!(v["last_name"], "قربانی");
    assert_eq!(v["full_name"], "Alexandra قربانی");
    // The seed document's own example body (with the file dropped).
    let body = json!({"first_name": "Alexandra", "last_name": "Thompson", "username": "alex_thompson",
                      "mobile_number": "+1-555-0124", "email": "alexandra.thompson@techcorp.com", "gender": "female"});
    let v = s.req("PUT", "/api/users/me/").header("Authorization", &t).json(&body).expect(200).await;
    assert_eq!(v["username"], "alex_thompson");
    assert_eq!(v["gender"], "female");
    assert_eq!(
        s.req("PATCH", "/api/users/me/").header("Authorization", &t).json(&json!({"gender": "robot"})).reply().await,
        (400, json!({"gender": ["\"robot\" is not a valid choice."]}))
    );
}

#[tokio::test]
async fn unique_conflicts() {
    let s = Ref::start().await;
    let t = token(&s, "BehroozGhorbani").await;
    let other = token(&s, "grace").await;
    assert_eq!(
        s.req("PATCH", "/api/users/me/")
            .header("Authorization", &other)
            .json(&json!({"mobile_number": "0700"}))
            .status()
            .await,
        200
    );
    let body = json!({"username": "grace", "email": "other@example.com", "mobile_number": "0700"});
    let v = s.req("PATCH", "/api/users/me/").header("Authorization", &t).json(&body).expect(400).await;
    assert_eq!(
        v,
        json!({"username": ["A user with that username already exists."],
               "email": ["user with this email already exists."],
               "mobile_number": ["user with this mobile number already exists."]})
    );
}

#[tokio::test]
async fn avatar_upload_absolute_url_and_null_removes() {
    let s = Ref::start().await;
    let t = token(&s, "BehroozGhorbani").await;
    let form = reqwest::multipart::Form::new()
        .part("avatar", file_part(PNG, "photo.png", "image/png"))
        .text("gender", "other");
    let v = s.req("PATCH", "/api/users/me/").header("Authorization", &t).multipart(form).expect(200).await;
    let url = v["avatar"].as_str().unwrap().to_string();
    assert!(url.starts_with(&format!("{}/media/users/avatars/photo_", s.base)), "{url}");
    assert_eq!(v["gender"], "other");
    let got = s.http.get(&url).send().await.unwrap();
    assert_eq!(&got.bytes().await.unwrap()[..], PNG);
    let form = reqwest::multipart::Form::new().text("avatar", "null");
    let (status, _, v) = s.req("PATCH", "/api/users/me/").header("Authorization", &t).multipart(form).answer().await;
    assert_eq!((status, v["avatar"].clone()), (200, Value::Null));
    assert_eq!(s.http.get(&url).status().await, 404);
    // JSON null works the same way.
    assert_eq!(
        s.req("PATCH", "/api/users/me/").header("Authorization", &t).json(&json!({"avatar": null})).status().await,
        200
    );
}

#[tokio::test]
async fn fake_png_and_upload_limit() {
    let s = Ref::start().await;
    let t = token(&s, "BehroozGhorbani").await;
    let form =
        reqwest::multipart::Form::new().part("avatar", file_part(b"GIF-ish but not really", "a.png", "image/png"));
    let v = s.req("PATCH", "/api/users/me/").header("Authorization", &t).multipart(form).expect(400).await;
    assert_eq!(
        v["avatar"][0],
        "Upload a valid image. The file you uploaded was either not an image or a corrupted image."
    );
    let mut big = PNG.to_vec();
    big.resize(s.config.max_upload_bytes + 10, 0);
    let form = reqwest::multipart::Form::new().part("avatar", file_part(&big, "big.png", "image/png"));
    let body = s.req("PATCH", "/api/users/me/").header("Authorization", &t).multipart(form).expect(413).await;
    assert!(body.as_str().unwrap().contains("413 Request Entity Too Large"));
}

#[tokio::test]
async fn missing_slash_is_a_500_page_for_patch_and_a_redirect_for_get() {
    let s = Ref::start().await;
    let t = token(&s, "BehroozGhorbani").await;
    let r = s.req("PATCH", "/api/users/me").header("Authorization", &t).json(&json!({})).send().await.unwrap();
    assert_eq!(r.status(), 500);
    assert!(r.text().await.unwrap().contains("<h1>Server Error (500)</h1>"));
    let r = s.req("GET", "/api/users/me").header("Authorization", &t).send().await.unwrap();
    assert_eq!(r.status(), 301);
    assert_eq!(r.headers()["location"], "/api/users/me/");
}

#[tokio::test]
async fn logout_deletes_the_token() {
    let s = Ref::start().await;
    let t = token(&s, "BehroozGhorbani").await;
    assert_eq!(s.req("POST", "/api/auth/token/logout/").header("Authorization", &t).status().await, 204);
    assert_eq!(s.req("GET", "/api/users/me/").header("Authorization", &t).status().await, 401);
}

#[tokio::test]
async fn urlencoded_bodies_and_wrong_methods() {
    let s = Ref::start().await;
    let t = token(&s, "BehroozGhorbani").await;
    let v = s
        .req("PATCH", "/api/users/me/")
        .header("Authorization", &t)
        .form(&[("last_name", "Q"), ("mobile_number", "")])
        .expect(200)
        .await;
    assert_eq!(v["last_name"], "Q");
    assert_eq!(v["mobile_number"], Value::Null);
    assert_eq!(
        s.req("DELETE", "/api/users/me/").header("Authorization", &t).reply().await,
        (405, json!({"detail": "Method \"DELETE\" not allowed."}))
    );
}

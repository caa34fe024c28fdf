//! users-me over HTTP: djoser token login, `Token` auth, PATCH and PUT in
//! JSON and multipart, avatar upload and `avatar=null`, unique conflicts,
//! the mandatory trailing slash; djoser's password change and account
//! deletion, on throwaway accounts so the demo ones stay as they are.

mod common;

use common::{file_part, Ask, Ref, PASSWORD, PNG};
use profile_model::{shipped, AppConfig};
use serde_json::{json, Value};

/// djoser's token login: the `Token <key>` header, or the refusal.
async fn sign_in(s: &Ref, login: &str, password: &str) -> Result<String, (u16, Value)> {
    let body = json!({"username": login, "password": password});
    match s.req("POST", "/api/auth/token/login/").json(&body).reply().await {
        (200, v) => Ok(format!("Token {}", v["auth_token"].as_str().unwrap())),
        refused => Err(refused),
    }
}

fn refused_sign_in() -> Result<String, (u16, Value)> {
    Err((400, json!({"non_field_errors": ["Unable to log in with provided credentials."]})))
}

/// A throwaway users-me account: its username and token.
async fn throwaway(s: &Ref, fields: Value) -> (String, String) {
    let account = s.throwaway("users-me", fields).await;
    let login = account["username"].as_str().unwrap().to_string();
    let token = sign_in(s, &login, PASSWORD).await.unwrap();
    (login, token)
}

const NEW_PASSWORD: &str = "quartz-meadow-lantern-42";

/// POSTs a password change in the shipped dialect's shape (so the file and
/// the server agree on the path and the keys).
async fn change_password(s: &Ref, token: &str, current: &str, new: &str, again: &str) -> (u16, Value) {
    let config = AppConfig::defaults(shipped::users_me());
    let (endpoint, keys) = config.password_change().unwrap();
    s.req(&endpoint.method, &endpoint.path)
        .header("Authorization", token)
        .json(&keys.body(current, new, again))
        .reply()
        .await
}

/// DELETEs the account in the shipped dialect's shape.
async fn delete_account(s: &Ref, token: &str, current: &str) -> (u16, Value) {
    let config = AppConfig::defaults(shipped::users_me());
    let (endpoint, body) = config.delete_account().unwrap();
    s.req(&endpoint.method, &endpoint.path)
        .header("Authorization", token)
        .json(&body.body(current).unwrap())
        .reply()
        .await
}

/// What an empty answer reads as.
fn no_body() -> Value {
    Value::String(String::new())
}

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
        s.req("POST", "/api/users/me/").header("Authorization", &t).reply().await,
        (405, json!({"detail": "Method \"POST\" not allowed."}))
    );
}

#[tokio::test]
async fn after_a_password_change_only_the_new_password_signs_in() {
    let s = Ref::start().await;
    let (login, t) = throwaway(&s, json!({})).await;
    assert_eq!(change_password(&s, &t, PASSWORD, NEW_PASSWORD, NEW_PASSWORD).await, (204, no_body()));
    assert_eq!(sign_in(&s, &login, PASSWORD).await, refused_sign_in());
    assert!(sign_in(&s, &login, NEW_PASSWORD).await.is_ok());
    // djoser's default LOGOUT_ON_PASSWORD_CHANGE = False: the token lives on.
    assert_eq!(s.req("GET", "/api/users/me/").header("Authorization", &t).status().await, 200);
    assert!(sign_in(&s, "BehroozGhorbani", PASSWORD).await.is_ok(), "the demo account is untouched");
}

#[tokio::test]
async fn a_wrong_current_password_is_400_and_changes_nothing() {
    let s = Ref::start().await;
    let (login, t) = throwaway(&s, json!({})).await;
    assert_eq!(
        change_password(&s, &t, "not-my-password", NEW_PASSWORD, NEW_PASSWORD).await,
        (400, json!({"current_password": ["Invalid password."]}))
    );
    assert!(sign_in(&s, &login, PASSWORD).await.is_ok());
    assert_eq!(sign_in(&s, &login, NEW_PASSWORD).await, refused_sign_in());
    // Every field is checked before the password rules run (DRF's order).
    let body = json!({"current_password": "nope", "new_password": "  "});
    assert_eq!(
        s.req("POST", "/api/users/set_password/").header("Authorization", &t).json(&body).reply().await,
        (
            400,
            json!({"current_password": ["Invalid password."], "new_password": ["This field may not be blank."],
                   "re_new_password": ["This field is required."]})
        )
    );
    // Signed out, the view is not reached at all.
    assert_eq!(s.req("POST", "/api/users/set_password/").json(&body).status().await, 401);
}

#[tokio::test]
async fn a_weak_new_password_gets_djangos_messages() {
    let s = Ref::start().await;
    let (login, t) = throwaway(&s, json!({"first_name": "Marguerite", "last_name": "Yourcenar"})).await;
    let cases = [
        ("marguerite1", json!(["The password is too similar to the first name."])),
        (
            "1234567",
            json!([
                "This password is too short. It must contain at least 8 characters.",
                "This password is too common.",
                "This password is entirely numeric."
            ]),
        ),
        ("password", json!(["This password is too common."])),
    ];
    for (weak, messages) in cases {
        assert_eq!(
            change_password(&s, &t, PASSWORD, weak, weak).await,
            (400, json!({ "new_password": messages })),
            "{weak}"
        );
    }
    // The retype is checked after the rules, as djoser's validate() does.
    assert_eq!(
        change_password(&s, &t, PASSWORD, NEW_PASSWORD, "quartz-meadow-lantern-43").await,
        (400, json!({"non_field_errors": ["The two password fields didn't match."]}))
    );
    assert_eq!(
        change_password(&s, &t, PASSWORD, "password", "something-else").await,
        (400, json!({"new_password": ["This password is too common."]}))
    );
    // In the asked language, as Django's LocaleMiddleware answers.
    let body = json!({"current_password": PASSWORD, "new_password": "1234567", "re_new_password": "1234567"});
    let v = s
        .req("POST", "/api/users/set_password/")
        .header("Authorization", &t)
        .header("Accept-Language", "es")
        .json(&body)
        .expect(400)
        .await;
    assert_eq!(
        v["new_password"],
        json!([
            "La contraseña es demasiado corta. Debe contener por lo menos 8 caracteres.",
            "Esta contraseña es demasiado común.",
            "Esta contraseña es completamente numérica."
        ])
    );
    assert!(sign_in(&s, &login, PASSWORD).await.is_ok(), "nothing was changed");
}

#[tokio::test]
async fn deleting_needs_the_current_password_then_the_account_and_token_are_gone() {
    let s = Ref::start().await;
    let (login, t) = throwaway(&s, json!({})).await;
    let form = reqwest::multipart::Form::new().part("avatar", file_part(PNG, "me.png", "image/png"));
    let v = s.req("PATCH", "/api/users/me/").header("Authorization", &t).multipart(form).expect(200).await;
    let avatar = v["avatar"].as_str().unwrap().to_string();

    assert_eq!(
        s.req("DELETE", "/api/users/me/").header("Authorization", &t).json(&json!({})).reply().await,
        (400, json!({"current_password": ["This field is required."]}))
    );
    assert_eq!(
        delete_account(&s, &t, "not-my-password").await,
        (400, json!({"current_password": ["Invalid password."]}))
    );
    assert_eq!(s.req("GET", "/api/users/me/").header("Authorization", &t).status().await, 200, "still there");

    assert_eq!(delete_account(&s, &t, PASSWORD).await, (204, no_body()));
    assert_eq!(
        s.req("GET", "/api/users/me/").header("Authorization", &t).reply().await,
        (401, json!({"detail": "Invalid token."}))
    );
    assert_eq!(sign_in(&s, &login, PASSWORD).await, refused_sign_in());
    assert_eq!(s.http.get(&avatar).status().await, 404, "the photo went with the account");
    assert!(sign_in(&s, "BehroozGhorbani", PASSWORD).await.is_ok(), "the demo account is untouched");
}

#[tokio::test]
async fn throwaway_accounts_exist_only_with_test_hooks() {
    let s = Ref::start_with(|c| c.test_hooks = false).await;
    let (status, _) = s.req("POST", "/_ref/users").json(&json!({"dialect": "users-me"})).reply().await;
    assert_eq!(status, 404);
    let s = Ref::start().await;
    let a = s.throwaway("users-me", json!({"first_name": "Tmp"})).await;
    let b = s.throwaway("users-me", json!({})).await;
    assert_ne!(a["email"], b["email"], "each one is fresh");
    let (status, v) = s
        .req("POST", "/_ref/users")
        .json(&json!({"dialect": "users-me", "fields": {"email": a["email"]}}))
        .reply()
        .await;
    assert_eq!((status, v), (400, json!({"email": ["already taken"]})));
    let t = sign_in(&s, a["username"].as_str().unwrap(), PASSWORD).await.unwrap();
    let me = s.req("GET", "/api/users/me/").header("Authorization", &t).expect(200).await;
    assert_eq!((me["id"].clone(), me["first_name"].clone()), (a["id"].clone(), json!("Tmp")));
}

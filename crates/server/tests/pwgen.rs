//! pwgen over HTTP: sign-in, read, update (JSON and multipart), errors as
//! its views answer them, persistence across a restart; deleting one's own
//! account (a throwaway one) and not another's.

mod common;

use common::{demo_credentials, file_part, Ask, Ref, PASSWORD, PNG};
use serde_json::{json, Value};

#[tokio::test]
async fn sign_in_answers_tokens_and_user_with_password_hash() {
    let s = Ref::start().await;
    let v = s.req("POST", "/api/sign-in/").json(&demo_credentials()).expect(200).await;
    assert!(v["access"].as_str().unwrap().split('.').count() == 3);
    assert!(v["refresh"].is_string());
    let u = &v["user"];
    assert_eq!(u["email"], "demo@example.com");
    assert_eq!(u["first_name"], "Ada");
    assert_eq!(u["last_name"], "Lovelace");
    assert_eq!(u["username"], "ada");
    assert!(u["password"].as_str().unwrap().starts_with("pbkdf2_sha256$"));
    assert!(u["id"].is_i64());
}

#[tokio::test]
async fn sign_in_failures_as_pwgen_answers_them() {
    let s = Ref::start().await;
    let wrong = s.req("POST", "/api/sign-in/").json(&json!({"email": "demo@example.com", "password": "nope"}));
    assert_eq!(wrong.reply().await, (400, json!({"error": "Invalid password"})));
    let unknown = s.req("POST", "/api/sign-in/").json(&json!({"email": "nobody@example.com", "password": PASSWORD}));
    assert_eq!(unknown.reply().await, (500, json!({"error": "No Users matches the given query."})));
    // Form bodies are parsed too.
    let form = s.req("POST", "/api/sign-in/").form(&[("email", "demo@example.com"), ("password", PASSWORD)]);
    assert_eq!(form.status().await, 200);
}

#[tokio::test]
async fn profile_reads_the_signed_in_user() {
    let s = Ref::start().await;
    let (token, user) = s.pwgen_sign_in("demo@example.com").await;
    let v = s.req("POST", "/api/profile/").bearer_auth(&token).expect(200).await;
    assert_eq!(v["id"], user["id"]);
    assert_eq!(v["first_name"], "Ada");
}

#[tokio::test]
async fn with_session_first_a_lost_credential_is_403_without_a_challenge() {
    let s = Ref::start_with(|c| c.session_first = true).await;
    for token in [None, Some("abc.def.ghi")] {
        let mut req = s.req("POST", "/api/profile/");
        if let Some(token) = token {
            req = req.bearer_auth(token);
        }
        let (status, h, v) = req.answer().await;
        assert_eq!(status, 403, "token {token:?}");
        assert!(h.get("www-authenticate").is_none(), "token {token:?}");
        assert!(v["detail"].is_string(), "{v}");
    }
}

#[tokio::test]
async fn missing_and_invalid_tokens_are_401_with_bearer_challenge() {
    let s = Ref::start().await;
    let (status, h, v) = s.req("POST", "/api/profile/").answer().await;
    assert_eq!(status, 401);
    assert_eq!(h["www-authenticate"], "Bearer realm=\"api\"");
    assert_eq!(v, json!({"detail": "Authentication credentials were not provided."}));

    let (status, h, v) = s.req("POST", "/api/profile/").bearer_auth("abc.def.ghi").answer().await;
    assert_eq!(status, 401);
    assert_eq!(h["www-authenticate"], "Bearer realm=\"api\"");
    assert_eq!(v["detail"], "Given token not valid for any token type");
    assert_eq!(v["code"], "token_not_valid");
    assert_eq!(v["messages"][0]["token_type"], "access");

    let v = s.req("PUT", "/api/profile/1/update/").header("Authorization", "Bearer").expect(401).await;
    assert_eq!(v["code"], "bad_authorization_header");

    // A token scheme pwgen does not know counts as no credentials.
    let (status, _, v) = s.req("POST", "/api/profile/").header("Authorization", "Token x").answer().await;
    assert_eq!((status, v["detail"].clone()), (401, json!("Authentication credentials were not provided.")));

    // DRF authenticates eagerly: a bad token on the sign-in itself is refused.
    assert_eq!(s.req("POST", "/api/sign-in/").bearer_auth("stale").json(&demo_credentials()).status().await, 401);
}

#[tokio::test]
async fn update_json_is_partial_and_persists() {
    let s = Ref::start().await;
    let (token, user) = s.pwgen_sign_in("demo@example.com").await;
    let path = format!("/api/profile/{}/update/", user["id"]);
    let v = s.req("PUT", &path).bearer_auth(&token).json(&json!({"first_name": "Augusta"})).expect(200).await;
    assert_eq!(v["first_name"], "Augusta");
    assert_eq!(v["last_name"], "Lovelace", "untouched fields stay");
    let (_, _, again) = s.req("POST", "/api/profile/").bearer_auth(&token).answer().await;
    assert_eq!(again["first_name"], "Augusta");
}

#[tokio::test]
async fn update_survives_restart_with_same_database() {
    let mut s = Ref::start().await;
    let (token, user) = s.pwgen_sign_in("demo@example.com").await;
    let path = format!("/api/profile/{}/update/", user["id"]);
    assert_eq!(s.req("PUT", &path).bearer_auth(&token).json(&json!({"last_name": "King"})).status().await, 200);
    s.restart().await;
    // The old token is still valid: the signing secret lives in the database.
    let v = s.req("POST", "/api/profile/").bearer_auth(&token).expect(200).await;
    assert_eq!(v["last_name"], "King");
    // And demo users are not re-created or reset by the restart.
    let (_, user2) = s.pwgen_sign_in("demo@example.com").await;
    assert_eq!(user2["id"], user["id"]);
    assert_eq!(user2["last_name"], "King");
}

#[tokio::test]
async fn unknown_id_is_500_and_other_users_id_is_403() {
    let s = Ref::start().await;
    let (token, _) = s.pwgen_sign_in("demo@example.com").await;
    let (_, other) = s.pwgen_sign_in("other@example.com").await;
    assert_eq!(
        s.req("PUT", "/api/profile/999999/update/").bearer_auth(&token).json(&json!({})).reply().await,
        (500, json!({"error": "No Users matches the given query."}))
    );
    let path = format!("/api/profile/{}/update/", other["id"]);
    assert_eq!(
        s.req("PUT", &path).bearer_auth(&token).json(&json!({"first_name": "X"})).reply().await,
        (403, json!({"error": "Not authorized"}))
    );
    // Unauthenticated comes first.
    assert_eq!(s.req("PUT", &path).json(&json!({})).status().await, 401);
}

#[tokio::test]
async fn field_errors_and_unique_conflicts_as_drf() {
    let s = Ref::start().await;
    let (token, user) = s.pwgen_sign_in("demo@example.com").await;
    let path = format!("/api/profile/{}/update/", user["id"]);
    let put = |body: Value| s.req("PUT", &path).bearer_auth(&token).json(&body);
    let v = put(json!({"email": "not-an-email", "number_phone": "12345678901"})).expect(400).await;
    assert_eq!(
        v,
        json!({"email": ["Enter a valid email address."], "number_phone": ["Ensure this field has no more than 10 characters."]})
    );
    let v = put(json!({"username": "grace", "email": "other@example.com"})).expect(400).await;
    assert_eq!(
        v,
        json!({"username": ["A user with that username already exists."], "email": ["users with this email already exists."]})
    );
    // Nothing was half-applied.
    let (_, _, me) = s.req("POST", "/api/profile/").bearer_auth(&token).answer().await;
    assert_eq!(me["username"], "ada");
    // A malformed JSON body goes through the view's catch-all.
    let v = s
        .req("PUT", &path)
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body("{nope")
        .expect(500)
        .await;
    assert!(v["error"].as_str().unwrap().starts_with("JSON parse error"));
}

#[tokio::test]
async fn multipart_avatar_upload_is_stored_and_served() {
    let s = Ref::start().await;
    let (token, user) = s.pwgen_sign_in("demo@example.com").await;
    let path = format!("/api/profile/{}/update/", user["id"]);
    let form = reqwest::multipart::Form::new()
        .part("avatar", file_part(PNG, "me.png", "image/png"))
        .text("first_name", "Ada Pic");
    let v = s.req("PUT", &path).bearer_auth(&token).multipart(form).expect(200).await;
    assert_eq!(v["first_name"], "Ada Pic");
    let url = v["avatar"].as_str().unwrap().to_string();
    assert!(url.starts_with("/media/avatars/me_") && url.ends_with(".png"), "{url}");
    let got = s.req("GET", &url).send().await.unwrap();
    assert_eq!(got.status(), 200);
    assert_eq!(&got.bytes().await.unwrap()[..], PNG);

    // The model's avatar is `null=True, blank=True`: an empty form value
    // removes it (and the file), as does JSON `null`.
    assert!(profile_model::catalogue::field(profile_model::shipped::pwgen(), "avatar").unwrap().nullable);
    let form = reqwest::multipart::Form::new().text("avatar", "");
    let v = s.req("PUT", &path).bearer_auth(&token).multipart(form).expect(200).await;
    assert_eq!(v["avatar"], Value::Null);
    assert_eq!(v["first_name"], "Ada Pic");
    assert_eq!(s.req("GET", &url).status().await, 404);
}

#[tokio::test]
async fn json_null_removes_the_avatar_and_the_word_null_is_not_a_file() {
    let s = Ref::start().await;
    let (token, user) = s.pwgen_sign_in("demo@example.com").await;
    let path = format!("/api/profile/{}/update/", user["id"]);
    let form = reqwest::multipart::Form::new().part("avatar", file_part(PNG, "me.png", "image/png"));
    let v = s.req("PUT", &path).bearer_auth(&token).multipart(form).expect(200).await;
    let url = v["avatar"].as_str().unwrap().to_string();
    // DRF's FileField: the text "null" in a form is not a file (only
    // users-me's own view reads it as "remove").
    let form = reqwest::multipart::Form::new().text("avatar", "null");
    assert_eq!(
        s.req("PUT", &path).bearer_auth(&token).multipart(form).reply().await,
        (400, json!({"avatar": ["The submitted data was not a file. Check the encoding type on the form."]}))
    );
    let v = s.req("PUT", &path).bearer_auth(&token).json(&json!({"avatar": null})).expect(200).await;
    assert_eq!(v["avatar"], Value::Null);
    assert_eq!(s.req("GET", &url).status().await, 404);
}

#[tokio::test]
async fn email_is_required_and_username_follows_django_abstract_user() {
    let s = Ref::start().await;
    let (token, user) = s.pwgen_sign_in("demo@example.com").await;
    let path = format!("/api/profile/{}/update/", user["id"]);
    let put = |body: Value| s.req("PUT", &path).bearer_auth(&token).json(&body);
    let v = put(json!({"email": "", "username": "ada lovelace"})).expect(400).await;
    assert_eq!(
        v,
        json!({
            "email": ["This field may not be blank."],
            "username": ["Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters."]
        })
    );
    assert_eq!(
        put(json!({"username": "a".repeat(151)})).reply().await,
        (400, json!({"username": ["Ensure this field has no more than 150 characters."]}))
    );
    let (status, _, v) = put(json!({"username": "ada.l+1@x-y_z"})).answer().await;
    assert_eq!((status, &v["username"]), (200, &json!("ada.l+1@x-y_z")));
}

#[tokio::test]
async fn a_file_claiming_png_that_is_not_one_is_refused() {
    let s = Ref::start().await;
    let (token, user) = s.pwgen_sign_in("demo@example.com").await;
    let path = format!("/api/profile/{}/update/", user["id"]);
    let form =
        reqwest::multipart::Form::new().part("avatar", file_part(b"<script>alert(1)</script>", "x.png", "image/png"));
    let v = s.req("PUT", &path).bearer_auth(&token).multipart(form).expect(400).await;
    assert_eq!(
        v,
        json!({"avatar": ["Upload a valid image. The file you uploaded was either not an image or a corrupted image."]})
    );
}

#[tokio::test]
async fn refresh_and_blacklist() {
    let s = Ref::start().await;
    let v = s.req("POST", "/api/sign-in/").json(&demo_credentials()).expect(200).await;
    let refresh = v["refresh"].as_str().unwrap();
    let a = s.req("POST", "/api/token/refresh/").json(&json!({"refresh": refresh})).expect(200).await;
    assert_eq!(s.req("POST", "/api/profile/").bearer_auth(a["access"].as_str().unwrap()).status().await, 200);
    assert_eq!(s.req("POST", "/api/token/blacklist/").json(&json!({"refresh": refresh})).status().await, 200);
    let (status, _, v) = s.req("POST", "/api/token/refresh/").json(&json!({"refresh": refresh})).answer().await;
    assert_eq!((status, v["detail"].clone()), (401, json!("Token is blacklisted")));
}

#[tokio::test]
async fn only_the_owner_deletes_an_account_and_its_tokens_die_with_it() {
    let s = Ref::start().await;
    let account = s.throwaway("pwgen", json!({"first_name": "Tmp"})).await;
    let email = account["email"].as_str().unwrap();
    let signed_in =
        s.req("POST", "/api/sign-in/").json(&json!({"email": email, "password": PASSWORD})).expect(200).await;
    let (access, refresh) = (signed_in["access"].as_str().unwrap(), signed_in["refresh"].as_str().unwrap());
    let id = signed_in["user"]["id"].as_i64().unwrap();
    let (grace_token, grace) = s.pwgen_sign_in("other@example.com").await;
    let path = |id: &Value| format!("/api/profile/{id}/delete/");

    // Neither can delete the other's account, and both stay.
    let forbidden = (403, json!({"error": "Not authorized"}));
    assert_eq!(s.req("DELETE", &path(&json!(id))).bearer_auth(&grace_token).reply().await, forbidden);
    assert_eq!(s.req("DELETE", &path(&grace["id"])).bearer_auth(access).reply().await, forbidden);
    assert_eq!(s.req("POST", "/api/profile/").bearer_auth(&grace_token).status().await, 200);
    assert_eq!(s.req("POST", "/api/profile/").bearer_auth(access).status().await, 200);
    // The view's other answers.
    assert_eq!(
        s.req("DELETE", &path(&json!(999_999))).bearer_auth(access).reply().await,
        (500, json!({"error": "No Users matches the given query."}))
    );
    assert_eq!(s.req("DELETE", &path(&json!(id))).status().await, 401);
    assert_eq!(s.req("DELETE", "/api/profile/me/delete/").bearer_auth(access).status().await, 404);

    // The owner, through the shipped dialect's call.
    let config = profile_model::AppConfig::defaults(profile_model::shipped::pwgen());
    let (endpoint, delete) = config.delete_account().unwrap();
    assert_eq!(delete.body(PASSWORD), None, "pwgen's call has no body");
    let (status, _) =
        s.req(&endpoint.method, &endpoint.path_for(Some(&id.to_string()))).bearer_auth(access).reply().await;
    assert_eq!(status, 204);

    let (status, v) = s.req("POST", "/api/profile/").bearer_auth(access).reply().await;
    assert_eq!((status, v["code"].clone()), (401, json!("user_not_found")));
    assert_eq!(s.req("POST", "/api/token/refresh/").json(&json!({"refresh": refresh})).status().await, 401);
    assert_eq!(
        s.req("POST", "/api/sign-in/").json(&json!({"email": email, "password": PASSWORD})).reply().await,
        (500, json!({"error": "No Users matches the given query."}))
    );
    // Signing out afterwards still succeeds, as simplejwt's blacklist does.
    assert_eq!(
        s.req("POST", "/api/token/blacklist/").json(&json!({"refresh": refresh})).reply().await,
        (200, json!({}))
    );
    assert_eq!(s.req("POST", "/api/profile/").bearer_auth(&grace_token).status().await, 200, "Grace is still there");
}

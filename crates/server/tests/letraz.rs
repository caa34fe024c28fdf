//! letraz over HTTP: session login with CSRF, HTTP Basic, GET and PATCH in
//! JSON / urlencoded / multipart, the envelope on 400 and 500.

mod common;

use base64::Engine;
use common::{demo_credentials, set_cookies, Ask, Ref, PASSWORD};
use serde_json::{json, Value};

/// Signs in; returns `(sessionid, csrftoken)`.
async fn login(s: &Ref) -> (String, String) {
    let (status, headers, v) = s.req("POST", "/api/v1/auth/login/").json(&demo_credentials()).answer().await;
    assert_eq!(status, 200);
    let cookies = set_cookies(&headers);
    let get = |name: &str| {
        cookies
            .iter()
            .find_map(|c| c.strip_prefix(&format!("{name}=")).map(|rest| rest.split(';').next().unwrap().to_string()))
            .unwrap()
    };
    let session_cookie = cookies.iter().find(|c| c.starts_with("sessionid=")).unwrap();
    assert!(session_cookie.contains("HttpOnly"));
    assert_eq!(v["email"], "demo@example.com");
    (get("sessionid"), get("csrftoken"))
}

fn cookie_header(session: &str, csrf: &str) -> String {
    format!("sessionid={session}; csrftoken={csrf}")
}

fn basic() -> String {
    format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(format!("demo@example.com:{PASSWORD}")))
}

#[tokio::test]
async fn session_read_and_patch_with_csrf() {
    let s = Ref::start().await;
    let (session, csrf) = login(&s).await;
    let v = s.req("GET", "/api/v1/user/").header("Cookie", cookie_header(&session, &csrf)).expect(200).await;
    assert_eq!(v["id"], "user_demo_ada");
    assert_eq!(v["first_name"], "Ada");
    assert_eq!(v["country"], json!({"code": "GBR", "name": "United Kingdom"}));

    let v = s
        .req("PATCH", "/api/v1/user/")
        .header("Cookie", cookie_header(&session, &csrf))
        .header("X-CSRFToken", &csrf)
        .json(&json!({"first_name": "Augusta", "country": "USA", "city": null}))
        .expect(200)
        .await;
    assert_eq!(v["first_name"], "Augusta");
    assert_eq!(v["last_name"], "Lovelace");
    assert_eq!(v["country"], json!({"code": "USA", "name": "United States"}));
    assert_eq!(v["city"], Value::Null);
}

#[tokio::test]
async fn csrf_refusals_as_django() {
    let s = Ref::start().await;
    let (session, csrf) = login(&s).await;
    let patch = |cookie: String, token: Option<&str>| {
        let mut r = s.req("PATCH", "/api/v1/user/").header("Cookie", cookie).json(&json!({"first_name": "X"}));
        if let Some(t) = token {
            r = r.header("X-CSRFToken", t);
        }
        r
    };
    assert_eq!(
        patch(cookie_header(&session, &csrf), None).reply().await,
        (403, json!({"detail": "CSRF Failed: CSRF token missing."}))
    );
    assert_eq!(
        patch(format!("sessionid={session}"), Some(&csrf)).reply().await,
        (403, json!({"detail": "CSRF Failed: CSRF cookie not set."}))
    );
    let wrong = "a".repeat(32);
    assert_eq!(
        patch(cookie_header(&session, &csrf), Some(&wrong)).reply().await,
        (403, json!({"detail": "CSRF Failed: CSRF token from the 'X-Csrftoken' HTTP header incorrect."}))
    );
    // A foreign origin is refused even with a matching token.
    let v = s
        .req("PATCH", "/api/v1/user/")
        .header("Cookie", cookie_header(&session, &csrf))
        .header("X-CSRFToken", &csrf)
        .header("Origin", "http://evil.test")
        .json(&json!({}))
        .expect(403)
        .await;
    assert_eq!(
        v["detail"],
        "CSRF Failed: Origin checking failed - http://evil.test does not match any trusted origins."
    );
    // The masked token from the csrf endpoint works as well.
    let (_, _, t) = s.req("GET", "/api/v1/auth/csrf/").header("Cookie", cookie_header(&session, &csrf)).answer().await;
    let masked = t["csrftoken"].as_str().unwrap();
    assert_eq!(masked.len(), 64);
    assert_eq!(patch(cookie_header(&session, &csrf), Some(masked)).status().await, 200);
    // Reads need no token.
    assert_eq!(s.req("GET", "/api/v1/user/").header("Cookie", format!("sessionid={session}")).status().await, 200);
}

#[tokio::test]
async fn basic_auth_needs_no_csrf_and_401_names_basic() {
    let s = Ref::start().await;
    let (status, h, v) = s.req("GET", "/api/v1/user/").answer().await;
    assert_eq!((status, v), (401, json!({"detail": "Authentication credentials were not provided."})));
    assert_eq!(h["www-authenticate"], "Basic realm=\"api\"");
    let (status, _, v) = s
        .req("PATCH", "/api/v1/user/")
        .header("Authorization", basic())
        .json(&json!({"last_name": "Byron"}))
        .answer()
        .await;
    assert_eq!((status, v["last_name"].clone()), (200, json!("Byron")));
    let bad = format!("Basic {}", base64::engine::general_purpose::STANDARD.encode("demo@example.com:wrong"));
    assert_eq!(
        s.req("GET", "/api/v1/user/").header("Authorization", bad).reply().await,
        (401, json!({"detail": "Invalid username/password."}))
    );
    assert_eq!(
        s.req("GET", "/api/v1/user/").header("Authorization", "Basic !!!").reply().await,
        (401, json!({"detail": "Invalid basic header. Credentials not correctly base64 encoded."}))
    );
}

#[tokio::test]
async fn form_and_multipart_bodies() {
    let s = Ref::start().await;
    let v = s
        .req("PATCH", "/api/v1/user/")
        .header("Authorization", basic())
        .form(&[("city", "Paris"), ("postal", "")])
        .expect(200)
        .await;
    assert_eq!(v["city"], "Paris");
    assert_eq!(v["postal"], Value::Null, "'' on a nullable field is null");
    let form = reqwest::multipart::Form::new().text("nationality", "French").text("dob", "1990-02-03");
    let v = s.req("PATCH", "/api/v1/user/").header("Authorization", basic()).multipart(form).expect(200).await;
    assert_eq!((v["nationality"].clone(), v["dob"].clone()), (json!("French"), json!("1990-02-03")));
}

#[tokio::test]
async fn errors_in_the_letraz_envelope() {
    let s = Ref::start().await;
    let patch = |body: Value| s.req("PATCH", "/api/v1/user/").header("Authorization", basic()).json(&body);
    let v = patch(json!({"email": "nope", "title": "Doctor of Philosophy"})).expect(400).await;
    let e = &v["error"];
    assert_eq!(e["code"], "INVALID REQUEST");
    assert_eq!(e["message"], "Invalid Data provided!");
    assert_eq!(e["uuid"].as_str().unwrap().len(), 36);
    assert_eq!(e["details"]["email"], json!(["Enter a valid email address."]));
    assert_eq!(e["details"]["title"], json!(["Ensure this field has no more than 10 characters."]));
    assert_eq!(e["extra"]["data"]["email"], "nope");

    let v = patch(json!({"email": "other@example.com"})).expect(400).await;
    assert_eq!(v["error"]["details"], json!({"email": ["user with this email already exists."]}));

    let v = patch(json!({"country": "ZZZ"})).expect(400).await;
    assert_eq!(v["error"]["details"], json!({"country": ["Invalid pk \"ZZZ\" - object does not exist."]}));

    let v = s
        .req("PATCH", "/api/v1/user/")
        .header("Authorization", basic())
        .header("content-type", "application/json")
        .body("{")
        .expect(500)
        .await;
    assert_eq!(v["error"]["code"], "INTERNAL SERVER ERROR");
    assert!(v["error"]["message"].as_str().unwrap().starts_with("JSON parse error"));
}

#[tokio::test]
async fn login_failure_and_logout() {
    let s = Ref::start().await;
    let v = s
        .req("POST", "/api/v1/auth/login/")
        .json(&json!({"email": "demo@example.com", "password": "x"}))
        .expect(400)
        .await;
    assert!(v["error"]["message"].as_str().unwrap().starts_with("Please enter a correct email and password"));
    let (session, csrf) = login(&s).await;
    // Logout is an unsafe method on a session: CSRF applies.
    assert_eq!(
        s.req("POST", "/api/v1/auth/logout/").header("Cookie", cookie_header(&session, &csrf)).status().await,
        403
    );
    let r = s
        .req("POST", "/api/v1/auth/logout/")
        .header("Cookie", cookie_header(&session, &csrf))
        .header("X-CSRFToken", &csrf)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    assert!(r.headers()["set-cookie"].to_str().unwrap().starts_with("sessionid=\"\""));
    assert_eq!(
        s.req("GET", "/api/v1/user/").header("Cookie", cookie_header(&session, &csrf)).status().await,
        401,
        "the session is gone"
    );
}

//! Cross-cutting behaviour: health, CORS, trailing slashes, unknown paths,
//! static files with SPA fallback, upload limit, test hooks.

mod common;

use common::{Ask, Ref};
use serde_json::json;

#[tokio::test]
async fn health() {
    let s = Ref::start().await;
    let r = s.req("GET", "/_ref/health").send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.text().await.unwrap(), "ok");
}

#[tokio::test]
async fn cors_echoes_allowed_origins_with_credentials() {
    let s = Ref::start().await;
    let pre = s
        .req("OPTIONS", "/api/profile/")
        .header("Origin", "http://127.0.0.1:43123")
        .header("Access-Control-Request-Method", "PUT")
        .header("Access-Control-Request-Headers", "authorization,content-type,x-csrftoken")
        .send()
        .await
        .unwrap();
    assert!(pre.status().is_success());
    let h = pre.headers();
    assert_eq!(h["access-control-allow-origin"], "http://127.0.0.1:43123");
    assert_eq!(h["access-control-allow-credentials"], "true");
    let methods = h["access-control-allow-methods"].to_str().unwrap();
    assert!(methods.contains("PATCH") && methods.contains("PUT"));
    let headers = h["access-control-allow-headers"].to_str().unwrap().to_ascii_lowercase();
    assert!(headers.contains("authorization") && headers.contains("x-csrftoken"));

    let r = s.req("POST", "/api/profile/").header("Origin", "http://evil.test").send().await.unwrap();
    assert!(r.headers().get("access-control-allow-origin").is_none());
    let r = s.req("POST", "/api/profile/").header("Origin", "http://localhost:5173").send().await.unwrap();
    assert_eq!(r.headers()["access-control-allow-origin"], "http://localhost:5173");
}

#[tokio::test]
async fn configured_origins_replace_defaults() {
    let s = Ref::start_with(|c| c.cors_origins = vec!["http://app.test:*".into()]).await;
    let r = s.req("GET", "/_ref/health").header("Origin", "http://app.test:8000").send().await.unwrap();
    assert_eq!(r.headers()["access-control-allow-origin"], "http://app.test:8000");
    let r = s.req("GET", "/_ref/health").header("Origin", "http://127.0.0.1:8000").send().await.unwrap();
    assert!(r.headers().get("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn missing_trailing_slash_as_django() {
    let s = Ref::start().await;
    let r = s.req("GET", "/api/profile/1/update?x=1").send().await.unwrap();
    assert_eq!(r.status(), 301);
    assert_eq!(r.headers()["location"], "/api/profile/1/update/?x=1");
    let (status, h, body) = s.req("PUT", "/api/profile/1/update").json(&json!({})).answer().await;
    assert_eq!(status, 500);
    assert!(h["content-type"].to_str().unwrap().starts_with("text/html"));
    assert!(body.as_str().unwrap().contains("Server Error (500)"));
    let body = s.req("GET", "/api/nothing-here/").expect(404).await;
    assert!(body.as_str().unwrap().contains("Not Found"));
}

#[tokio::test]
async fn wrong_method_is_drf_405() {
    let s = Ref::start().await;
    assert_eq!(s.req("GET", "/api/sign-in/").reply().await, (405, json!({"detail": "Method \"GET\" not allowed."})));
}

#[tokio::test]
async fn static_files_and_spa_fallback() {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(dist.path().join("index.html"), "<!doctype html><title>app</title>").unwrap();
    std::fs::write(dist.path().join("app.js"), "console.log(1)").unwrap();
    let d = dist.path().to_path_buf();
    let s = Ref::start_with(move |c| c.static_dir = Some(d)).await;
    let r = s.req("GET", "/").send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains("<title>app</title>"));
    let r = s.req("GET", "/app.js").send().await.unwrap();
    assert_eq!(r.text().await.unwrap(), "console.log(1)");
    let r = s.req("GET", "/profile").header("Accept", "text/html,application/xhtml+xml").send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains("<title>app</title>"));
    // Non-HTML requests for missing files stay 404; API paths never fall back.
    assert_eq!(s.req("GET", "/missing.js").status().await, 404);
    assert_eq!(s.req("GET", "/api/nope/").header("Accept", "text/html").status().await, 404);
}

#[tokio::test]
async fn upload_over_the_limit_is_413_html() {
    let s = Ref::start().await;
    let (token, user) = s.pwgen_sign_in("demo@example.com").await;
    let path = format!("/api/profile/{}/update/", user["id"]);
    let big = vec![0u8; s.config.max_upload_bytes + 1];
    let form = reqwest::multipart::Form::new().part("avatar", common::file_part(&big, "big.png", "image/png"));
    let (status, h, body) = s.req("PUT", &path).bearer_auth(&token).multipart(form).answer().await;
    assert_eq!(status, 413);
    assert!(h["content-type"].to_str().unwrap().starts_with("text/html"));
    assert!(body.as_str().unwrap().contains("413 Request Entity Too Large"));
}

#[tokio::test]
async fn test_hooks_answer_canned_responses_then_clear() {
    let s = Ref::start().await;
    let hook = json!({"method": "POST", "path": "/api/profile/", "status": 502, "body": "<h1>Bad Gateway</h1>",
                      "content_type": "text/html", "times": 2});
    assert_eq!(s.req("POST", "/_ref/hooks").json(&hook).status().await, 201);
    for _ in 0..2 {
        let (status, h, body) = s.req("POST", "/api/profile/").answer().await;
        assert_eq!(status, 502);
        assert_eq!(h["content-type"], "text/html");
        assert_eq!(body, json!("<h1>Bad Gateway</h1>"));
    }
    assert_eq!(s.req("POST", "/api/profile/").status().await, 401, "used up after `times`");

    let forever = json!({"path": "/api/profile/", "status": 503, "times": 0});
    s.req("POST", "/_ref/hooks").json(&forever).send().await.unwrap();
    assert_eq!(s.req("POST", "/api/profile/").status().await, 503);
    assert_eq!(s.req("DELETE", "/_ref/hooks").status().await, 204);
    assert_eq!(s.req("POST", "/api/profile/").status().await, 401);

    // Extra headers, readable cross-origin.
    let throttled = json!({"path": "/api/profile/", "status": 429, "body": "{\"detail\":\"Request was throttled. Expected available in 30 seconds.\"}",
                           "content_type": "application/json", "headers": {"Retry-After": "30"}});
    s.req("POST", "/_ref/hooks").json(&throttled).send().await.unwrap();
    let r = s.req("POST", "/api/profile/").header("Origin", "http://127.0.0.1:9").send().await.unwrap();
    assert_eq!(r.status(), 429);
    assert_eq!(r.headers()["retry-after"], "30");
    let exposed = r.headers()["access-control-expose-headers"].to_str().unwrap().to_ascii_lowercase();
    assert!(exposed.contains("retry-after"), "{exposed}");

    // A delay without a status lets the real handler answer, late.
    let slow = json!({"path": "/_ref/health", "delay_ms": 1});
    s.req("POST", "/_ref/hooks").json(&slow).send().await.unwrap();
    let slow = json!({"path": "/api/profile/", "delay_ms": 150});
    s.req("POST", "/_ref/hooks").json(&slow).send().await.unwrap();
    let t = std::time::Instant::now();
    assert_eq!(s.req("POST", "/api/profile/").status().await, 401);
    assert!(t.elapsed() >= std::time::Duration::from_millis(150));
}

#[tokio::test]
async fn hooks_are_off_without_the_flag() {
    let s = Ref::start_with(|c| c.test_hooks = false).await;
    assert_eq!(s.req("POST", "/_ref/hooks").json(&json!({"path": "/x", "status": 500})).status().await, 404);
}

#[tokio::test]
async fn user_rate_throttle_answers_429_with_retry_after_as_drf() {
    let s = Ref::start_with(|c| c.throttle_user = Some("2/min".parse().unwrap())).await;
    let (token, _) = s.pwgen_sign_in("demo@example.com").await;
    let read = || s.req("POST", "/api/profile/").bearer_auth(&token).header("Origin", "http://127.0.0.1:43123");
    for _ in 0..2 {
        assert_eq!(read().status().await, 200);
    }
    let (status, headers, v) = read().answer().await;
    assert_eq!(status, 429);
    let wait: u64 = headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    assert_eq!(v, json!({ "detail": format!("Request was throttled. Expected available in {wait} seconds.") }));
    // A cross-origin app can read the header.
    assert!(headers["access-control-expose-headers"].to_str().unwrap().contains("retry-after"));
    // What the app makes of it.
    let e = profile_model::parse_error(
        status,
        Some("application/json"),
        &v.to_string(),
        profile_model::parse_error::parse_retry_after(headers["retry-after"].to_str().unwrap()),
    );
    assert_eq!(e.kind, profile_model::ErrorKind::RateLimited { retry_after: Some(wait) });
    // Without credentials it is 401 first (and does not count); another
    // user has their own budget.
    assert_eq!(s.req("POST", "/api/profile/").status().await, 401);
    let (other, _) = s.pwgen_sign_in("other@example.com").await;
    assert_eq!(s.req("POST", "/api/profile/").bearer_auth(&other).status().await, 200);
}

//! aisquare over HTTP: simplejwt token pair, both views, nested and flat
//! bodies, tag lists, JSON only.

mod common;

use common::{answer, Ref, PASSWORD};
use serde_json::{json, Value};

async fn bearer(s: &Ref) -> String {
    let r = s
        .req("POST", "/api/v1/iam/token/")
        .json(&json!({"email": "demo@example.com", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    let (status, _, v) = answer(r).await;
    assert_eq!(status, 200, "{v}");
    assert!(v["refresh"].is_string());
    format!("Bearer {}", v["access"].as_str().unwrap())
}

#[tokio::test]
async fn token_errors() {
    let s = Ref::start().await;
    let r = s
        .req("POST", "/api/v1/iam/token/")
        .json(&json!({"email": "demo@example.com", "password": "x"}))
        .send()
        .await
        .unwrap();
    let (status, _, v) = answer(r).await;
    assert_eq!((status, v), (401, json!({"detail": "No active account found with the given credentials"})));
    let r = s.req("POST", "/api/v1/iam/token/").json(&json!({})).send().await.unwrap();
    let (status, _, v) = answer(r).await;
    assert_eq!(
        (status, v),
        (400, json!({"email": ["This field is required."], "password": ["This field is required."]}))
    );
}

#[tokio::test]
async fn profile_view_reads_flat_and_takes_nested_details() {
    let s = Ref::start().await;
    let b = bearer(&s).await;
    let (status, _, v) =
        answer(s.req("GET", "/api/v1/iam/user/profile/").header("Authorization", &b).send().await.unwrap()).await;
    assert_eq!(status, 200);
    assert_eq!(v["full_name"], "Ada Lovelace");
    assert_eq!(v["is_current_user"], true);
    assert_eq!(v["skills_data"][0]["name"], "Mathematics");
    assert!(v["skills"][0].is_i64());

    // The seed document's example body.
    let body = json!({"full_name": "John Doe", "username": "johndoe", "details": {
        "user_type": "developer", "bio": "Software developer passionate about AI and open source projects",
        "country": "USA", "linkedin_url": "https://linkedin.com/in/johndoe", "github_url": "https://github.com/johndoe",
        "twitter_url": "https://twitter.com/johndoe", "website_url": "https://johndoe.com",
        "focus_area": ["Machine Learning", "Python", "Web Development"],
        "platform_features_emails": true, "activity_based_emails": false}});
    let (status, _, v) = answer(
        s.req("PATCH", "/api/v1/iam/user/profile/").header("Authorization", &b).json(&body).send().await.unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{v}");
    assert_eq!(v["username"], "johndoe");
    assert_eq!(v["bio"], "Software developer passionate about AI and open source projects");
    assert_eq!(
        v["focus_area_data"],
        json!([{"name": "Machine Learning"}, {"name": "Python"}, {"name": "Web Development"}])
    );
    assert_eq!(v["platform_features_emails"], true);
    assert_eq!(v["skills_data"][0]["name"], "Mathematics", "untouched lists stay");

    let bad = json!({"username": "bad name!", "details": {"github_url": "github", "dob": "10/12/1815"}});
    let (status, _, v) = answer(
        s.req("PATCH", "/api/v1/iam/user/profile/").header("Authorization", &b).json(&bad).send().await.unwrap(),
    )
    .await;
    assert_eq!(status, 400);
    assert!(v["username"][0].as_str().unwrap().starts_with("Enter a valid username."));
    assert_eq!(v["details"]["github_url"], json!(["Enter a valid URL."]));
    assert_eq!(v["details"]["dob"], json!(["Date has wrong format. Use one of these formats instead: YYYY-MM-DD."]));

    let (status, _, v) = answer(
        s.req("PATCH", "/api/v1/iam/user/profile/")
            .header("Authorization", &b)
            .json(&json!({"username": "grace"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((status, v), (400, json!({"username": ["A user with that username already exists."]})));
}

#[tokio::test]
async fn details_view_is_flat_and_shares_the_user() {
    let s = Ref::start().await;
    let b = bearer(&s).await;
    let r = s
        .req("PATCH", "/api/v1/iam/iamuserdetails/me/")
        .header("Authorization", &b)
        .json(&json!({"bio": "New bio", "skills": ["Rust", " SQL "], "technical_interests": null}))
        .send()
        .await
        .unwrap();
    let (status, _, v) = answer(r).await;
    assert_eq!(status, 200, "{v}");
    assert_eq!(v["bio"], "New bio");
    assert!(v.get("username").is_none(), "IAMUserDetail has no user fields");
    let names: Vec<&str> = v["skills_data"].as_array().unwrap().iter().map(|x| x["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Rust", "SQL"]);
    assert_eq!(v["technical_interests"], Value::Null);
    // Same user behind the profile view.
    let (_, _, p) =
        answer(s.req("GET", "/api/v1/iam/user/profile/").header("Authorization", &b).send().await.unwrap()).await;
    assert_eq!(p["bio"], "New bio");
    let (_, _, d) =
        answer(s.req("GET", "/api/v1/iam/iamuserdetails/me/").header("Authorization", &b).send().await.unwrap()).await;
    assert_eq!(d["skills"], p["skills"], "tag ids are stable");
}

#[tokio::test]
async fn json_only_and_bearer_only() {
    let s = Ref::start().await;
    let b = bearer(&s).await;
    let r = s
        .req("PATCH", "/api/v1/iam/iamuserdetails/me/")
        .header("Authorization", &b)
        .form(&[("bio", "x")])
        .send()
        .await
        .unwrap();
    let (status, _, v) = answer(r).await;
    assert_eq!(
        (status, v),
        (415, json!({"detail": "Unsupported media type \"application/x-www-form-urlencoded\" in request."}))
    );
    let (status, h, _) =
        answer(s.req("PATCH", "/api/v1/iam/user/profile/").json(&json!({})).send().await.unwrap()).await;
    assert_eq!(status, 401);
    assert_eq!(h["www-authenticate"], "Bearer realm=\"api\"");
    // A pwgen token is not an aisquare token.
    let (pwgen, _) = s.pwgen_sign_in("demo@example.com").await;
    let r = s.req("GET", "/api/v1/iam/user/profile/").bearer_auth(pwgen).send().await.unwrap();
    assert_eq!(r.status(), 401);
    let r = s
        .req("PATCH", "/api/v1/iam/iamuserdetails/me/")
        .header("Authorization", &b)
        .json(&json!({"platform_features_emails": "sometimes"}))
        .send()
        .await
        .unwrap();
    let (status, _, v) = answer(r).await;
    assert_eq!((status, v), (400, json!({"platform_features_emails": ["Must be a valid boolean."]})));
}

#[tokio::test]
async fn refresh_and_blacklist() {
    let s = Ref::start().await;
    let r = s
        .req("POST", "/api/v1/iam/token/")
        .form(&[("email", "demo@example.com"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    let v: Value = r.json().await.unwrap();
    let refresh = v["refresh"].as_str().unwrap();
    let (status, _, a) =
        answer(s.req("POST", "/api/v1/iam/token/refresh/").json(&json!({"refresh": refresh})).send().await.unwrap())
            .await;
    assert_eq!(status, 200);
    let r =
        s.req("GET", "/api/v1/iam/iamuserdetails/me/").bearer_auth(a["access"].as_str().unwrap()).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(
        s.req("POST", "/api/v1/iam/token/blacklist/").json(&json!({"refresh": refresh})).send().await.unwrap().status(),
        200
    );
    let (status, _, v) =
        answer(s.req("POST", "/api/v1/iam/token/refresh/").json(&json!({"refresh": refresh})).send().await.unwrap())
            .await;
    assert_eq!((status, v["code"].clone()), (401, json!("token_not_valid")));
    let (status, _, v) =
        answer(s.req("POST", "/api/v1/iam/token/refresh/").json(&json!({})).send().await.unwrap()).await;
    assert_eq!((status, v), (400, json!({"refresh": ["This field is required."]})));
}

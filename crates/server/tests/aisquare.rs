//! aisquare over HTTP: simplejwt token pair, both views, nested and flat
//! bodies, tag lists, JSON only.

mod common;

use common::{demo_credentials, Ask, Ref, PASSWORD};
use serde_json::{json, Value};

async fn bearer(s: &Ref) -> String {
    let v = s.req("POST", "/api/v1/iam/token/").json(&demo_credentials()).expect(200).await;
    assert!(v["refresh"].is_string());
    format!("Bearer {}", v["access"].as_str().unwrap())
}

#[tokio::test]
async fn token_errors() {
    let s = Ref::start().await;
    assert_eq!(
        s.req("POST", "/api/v1/iam/token/").json(&json!({"email": "demo@example.com", "password": "x"})).reply().await,
        (401, json!({"detail": "No active account found with the given credentials"}))
    );
    assert_eq!(
        s.req("POST", "/api/v1/iam/token/").json(&json!({})).reply().await,
        (400, json!({"email": ["This field is required."], "password": ["This field is required."]}))
    );
}

#[tokio::test]
async fn profile_view_reads_flat_and_takes_nested_details() {
    let s = Ref::start().await;
    let b = bearer(&s).await;
    let v = s.req("GET", "/api/v1/iam/user/profile/").header("Authorization", &b).expect(200).await;
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
    let v = s.req("PATCH", "/api/v1/iam/user/profile/").header("Authorization", &b).json(&body).expect(200).await;
    assert_eq!(v["username"], "johndoe");
    assert_eq!(v["bio"], "Software developer passionate about AI and open source projects");
    assert_eq!(
        v["focus_area_data"],
        json!([{"name": "Machine Learning"}, {"name": "Python"}, {"name": "Web Development"}])
    );
    assert_eq!(v["platform_features_emails"], true);
    assert_eq!(v["skills_data"][0]["name"], "Mathematics", "untouched lists stay");

    let bad = json!({"username": "bad name!", "details": {"github_url": "github", "dob": "10/12/1815"}});
    let v = s.req("PATCH", "/api/v1/iam/user/profile/").header("Authorization", &b).json(&bad).expect(400).await;
    assert!(v["username"][0].as_str().unwrap().starts_with("Enter a valid username."));
    assert_eq!(v["details"]["github_url"], json!(["Enter a valid URL."]));
    assert_eq!(v["details"]["dob"], json!(["Date has wrong format. Use one of these formats instead: YYYY-MM-DD."]));

    assert_eq!(
        s.req("PATCH", "/api/v1/iam/user/profile/")
            .header("Authorization", &b)
            .json(&json!({"username": "grace"}))
            .reply()
            .await,
        (400, json!({"username": ["A user with that username already exists."]}))
    );
}

#[tokio::test]
async fn details_view_is_flat_and_shares_the_user() {
    let s = Ref::start().await;
    let b = bearer(&s).await;
    let v = s
        .req("PATCH", "/api/v1/iam/iamuserdetails/me/")
        .header("Authorization", &b)
        .json(&json!({"bio": "New bio", "skills": ["Rust", " SQL "], "technical_interests": null}))
        .expect(200)
        .await;
    assert_eq!(v["bio"], "New bio");
    assert!(v.get("username").is_none(), "IAMUserDetail has no user fields");
    let names: Vec<&str> = v["skills_data"].as_array().unwrap().iter().map(|x| x["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Rust", "SQL"]);
    assert_eq!(v["technical_interests"], Value::Null);
    // Same user behind the profile view.
    let (_, _, p) = s.req("GET", "/api/v1/iam/user/profile/").header("Authorization", &b).answer().await;
    assert_eq!(p["bio"], "New bio");
    let (_, _, d) = s.req("GET", "/api/v1/iam/iamuserdetails/me/").header("Authorization", &b).answer().await;
    assert_eq!(d["skills"], p["skills"], "tag ids are stable");
}

#[tokio::test]
async fn json_only_and_bearer_only() {
    let s = Ref::start().await;
    let b = bearer(&s).await;
    assert_eq!(
        s.req("PATCH", "/api/v1/iam/iamuserdetails/me/")
            .header("Authorization", &b)
            .form(&[("bio", "x")])
            .reply()
            .await,
        (415, json!({"detail": "Unsupported media type \"application/x-www-form-urlencoded\" in request."}))
    );
    let (status, h, _) = s.req("PATCH", "/api/v1/iam/user/profile/").json(&json!({})).answer().await;
    assert_eq!(status, 401);
    assert_eq!(h["www-authenticate"], "Bearer realm=\"api\"");
    // A pwgen token is not an aisquare token.
    let (pwgen, _) = s.pwgen_sign_in("demo@example.com").await;
    assert_eq!(s.req("GET", "/api/v1/iam/user/profile/").bearer_auth(pwgen).status().await, 401);
    assert_eq!(
        s.req("PATCH", "/api/v1/iam/iamuserdetails/me/")
            .header("Authorization", &b)
            .json(&json!({"platform_features_emails": "sometimes"}))
            .reply()
            .await,
        (400, json!({"platform_features_emails": ["Must be a valid boolean."]}))
    );
}

#[tokio::test]
async fn refresh_and_blacklist() {
    let s = Ref::start().await;
    let form = [("email", "demo@example.com"), ("password", PASSWORD)];
    let v = s.req("POST", "/api/v1/iam/token/").form(&form).expect(200).await;
    let refresh = v["refresh"].as_str().unwrap();
    let a = s.req("POST", "/api/v1/iam/token/refresh/").json(&json!({"refresh": refresh})).expect(200).await;
    assert_eq!(
        s.req("GET", "/api/v1/iam/iamuserdetails/me/").bearer_auth(a["access"].as_str().unwrap()).status().await,
        200
    );
    assert_eq!(s.req("POST", "/api/v1/iam/token/blacklist/").json(&json!({"refresh": refresh})).status().await, 200);
    let (status, _, v) = s.req("POST", "/api/v1/iam/token/refresh/").json(&json!({"refresh": refresh})).answer().await;
    assert_eq!((status, v["code"].clone()), (401, json!("token_not_valid")));
    assert_eq!(
        s.req("POST", "/api/v1/iam/token/refresh/").json(&json!({})).reply().await,
        (400, json!({"refresh": ["This field is required."]}))
    );
}

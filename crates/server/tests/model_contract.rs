//! The model crate and this server agree: for every dialect, a form read
//! with `values::from_answer`, edited in every editable field, sent as the
//! body `patch::patch` builds (JSON, and multipart where the dialect takes
//! uploads), comes back as `patch::apply_patch` predicts. Answers also
//! deserialize into the model's wire types.

mod common;
#[path = "../../model/tests/wire/mod.rs"]
mod wire;

use common::{demo_credentials, set_cookies, Ask, Ref, PASSWORD};
use profile_model::catalogue::{catalogue, FieldKind};
use profile_model::values::{from_answer, normalize};
use profile_model::{apply_patch, patch, FieldValue, FormValues};
use reference_server::Backend;
use serde_json::{json, Value};

/// Headers that authenticate the dialect's demo user. letraz uses its
/// session (the test changes the email, which Basic would need).
async fn auth(s: &Ref, d: Backend) -> Vec<(String, String)> {
    if d == Backend::Letraz {
        let (_, headers, _) = s.req("POST", "/api/v1/auth/login/").json(&demo_credentials()).answer().await;
        let cookies = cookie_pairs(&headers);
        let csrf = cookies.iter().find_map(|c| c.strip_prefix("csrftoken=")).unwrap().to_string();
        return vec![("Cookie".into(), cookies.join("; ")), ("X-CSRFToken".into(), csrf)];
    }
    vec![("Authorization".into(), authorization(s, d).await)]
}

async fn authorization(s: &Ref, d: Backend) -> String {
    let post = |path: &str, body: Value| s.req("POST", path).json(&body);
    let creds = demo_credentials();
    match d {
        Backend::Pwgen => format!("Bearer {}", s.pwgen_sign_in("demo@example.com").await.0),
        Backend::AisquareProfile | Backend::AisquareDetails => {
            let v: Value = post("/api/v1/iam/token/", creds).expect(200).await;
            format!("Bearer {}", v["access"].as_str().unwrap())
        }
        Backend::UsersMe => {
            let v: Value = post("/api/auth/token/login/", creds).expect(200).await;
            format!("Token {}", v["auth_token"].as_str().unwrap())
        }
        Backend::Letraz => unreachable!("letraz signs in with a session"),
    }
}

/// The `name=value` of each cookie an answer sets.
fn cookie_pairs(headers: &reqwest::header::HeaderMap) -> Vec<String> {
    set_cookies(headers).iter().map(|c| c.split(';').next().unwrap().to_string()).collect()
}

/// A valid new value for every editable field.
fn edit_all(d: Backend, loaded: &FormValues) -> FormValues {
    let mut edited = loaded.clone();
    for spec in catalogue(d.dialect()).iter().filter(|s| s.in_json_patch() && s.kind != FieldKind::File) {
        let text = |s: &str| FieldValue::Text(s.chars().take(spec.max_length.unwrap_or(usize::MAX)).collect());
        let v = match spec.kind {
            FieldKind::Email => text("edited@example.org"),
            FieldKind::Url => text("https://example.org/p"),
            FieldKind::Date => text("2000-01-02"),
            FieldKind::Username => text("edited_user"),
            FieldKind::Phone => text("0123456"),
            FieldKind::Choice => text(spec.choices.last().unwrap()),
            FieldKind::Bool => FieldValue::Bool(!loaded.bool(&spec.path)),
            FieldKind::List => FieldValue::List(vec!["alpha".into(), "beta".into()]),
            // letraz's country is a foreign key by ISO alpha-3 code.
            _ if d == Backend::Letraz && spec.name() == "country" => text("FRA"),
            _ if spec.name() == "username" => text("edited_user"),
            _ => text("Edited ✓"),
        };
        edited.set(&spec.path, v);
    }
    edited
}

/// Every nullable field cleared.
fn clear_all(d: Backend, loaded: &FormValues) -> FormValues {
    let mut edited = loaded.clone();
    for spec in catalogue(d.dialect()).iter().filter(|s| s.in_json_patch() && s.nullable && s.kind != FieldKind::File) {
        edited.set(&spec.path, FieldValue::Null);
    }
    edited
}

fn with_auth(mut req: reqwest::RequestBuilder, authz: &[(String, String)]) -> reqwest::RequestBuilder {
    for (k, v) in authz {
        req = req.header(k, v);
    }
    req
}

async fn read(s: &Ref, d: Backend, authz: &[(String, String)]) -> Value {
    let ep = d.dialect().endpoints.read.clone();
    let (status, _, v) = with_auth(s.req(&ep.method, &ep.path), authz).answer().await;
    assert_eq!(status, 200, "{} read: {v}", d.name());
    v
}

async fn send(s: &Ref, d: Backend, authz: &[(String, String)], id: &str, body: &Value, multipart: bool) -> Value {
    let ep = d.dialect().endpoints.update.clone();
    let mut req = with_auth(s.req(&ep.method, &ep.path_for(Some(id))), authz);
    req = if multipart {
        let mut form = reqwest::multipart::Form::new();
        for (k, v) in profile_model::patch::multipart_parts(body) {
            form = form.text(k, v);
        }
        req.multipart(form)
    } else {
        req.json(body)
    };
    let (status, _, v) = req.answer().await;
    assert_eq!(status, 200, "{} update with {body}: {v}", d.name());
    v
}

fn assert_agree(d: Backend, got: &FormValues, want: &FormValues, body: &Value) {
    for spec in catalogue(d.dialect()).iter().filter(|s| s.in_json_patch() && s.kind != FieldKind::File) {
        let g = normalize(spec, got.get(&spec.path).unwrap_or(&FieldValue::Null));
        let w = normalize(spec, want.get(&spec.path).unwrap_or(&FieldValue::Null));
        assert_eq!(g, w, "{} field {} after {body}", d.name(), spec.path);
    }
}

async fn round_trip(d: Backend, multipart: bool) {
    let s = Ref::start().await;
    let authz = auth(&s, d).await;
    let answer0 = read(&s, d, &authz).await;
    let id = answer0["id"].as_i64().map(|i| i.to_string()).unwrap_or_default();
    let loaded = from_answer(d.dialect(), &answer0);
    for edited in [edit_all(d, &loaded), clear_all(d, &edit_all(d, &loaded))] {
        let before = from_answer(d.dialect(), &read(&s, d, &authz).await);
        let body = patch(d.dialect(), &before, &edited);
        let after = send(&s, d, &authz, &id, &body, multipart).await;
        assert_agree(d, &from_answer(d.dialect(), &after), &apply_patch(d.dialect(), &before, &body), &body);
        // And a fresh read says the same.
        assert_agree(
            d,
            &from_answer(d.dialect(), &read(&s, d, &authz).await),
            &apply_patch(d.dialect(), &before, &body),
            &body,
        );
    }
    let last = read(&s, d, &authz).await;
    match d {
        Backend::Letraz => drop(serde_json::from_value::<wire::letraz::User>(last).unwrap()),
        Backend::AisquareProfile => drop(serde_json::from_value::<wire::aisquare::IAMUserDetailView>(last).unwrap()),
        Backend::AisquareDetails => drop(serde_json::from_value::<wire::aisquare::IAMUserDetail>(last).unwrap()),
        Backend::Pwgen => drop(serde_json::from_value::<wire::pwgen::User>(last).unwrap()),
        Backend::UsersMe => drop(serde_json::from_value::<wire::users_me::User>(last).unwrap()),
    }
}

#[tokio::test]
async fn letraz_json() {
    round_trip(Backend::Letraz, false).await;
}

#[tokio::test]
async fn letraz_multipart() {
    round_trip(Backend::Letraz, true).await;
}

#[tokio::test]
async fn aisquare_profile_json() {
    round_trip(Backend::AisquareProfile, false).await;
}

#[tokio::test]
async fn aisquare_details_json() {
    round_trip(Backend::AisquareDetails, false).await;
}

#[tokio::test]
async fn pwgen_json() {
    round_trip(Backend::Pwgen, false).await;
}

#[tokio::test]
async fn pwgen_multipart() {
    round_trip(Backend::Pwgen, true).await;
}

#[tokio::test]
async fn users_me_json() {
    round_trip(Backend::UsersMe, false).await;
}

#[tokio::test]
async fn users_me_multipart() {
    round_trip(Backend::UsersMe, true).await;
}

/// The app's default config for each dialect (`AppConfig::defaults`) drives
/// a whole session against this server using nothing but the config:
/// sign in with `sign_in.body`, take the credential the way `sign_in`
/// says, read, refresh where there is a refresh endpoint, sign out, and
/// the credential stops working.
async fn session_from_config(d: Backend, login: &str) {
    use profile_model::{AppConfig, AuthMode};
    let s = Ref::start().await;
    let c = AppConfig::defaults(d.dialect());
    let call = |ep: &profile_model::Endpoint, authz: &[(String, String)]| with_auth(s.req(&ep.method, &ep.path), authz);
    let sign_in = c.endpoints.sign_in.as_ref().expect("a sign-in endpoint");
    let (status, headers, signed_in) = call(sign_in, &[]).json(&c.sign_in.body(login, PASSWORD)).answer().await;
    let cookies = cookie_pairs(&headers);
    assert_eq!(status, 200, "{} sign-in: {signed_in}", d.name());
    let refresh = c.sign_in.refresh_token(&signed_in);
    assert_eq!(refresh.is_some(), c.sign_in.refresh_field.is_some());
    let mut authz: Vec<(String, String)> = Vec::new();
    match c.sign_in.token(&signed_in) {
        Some(token) => {
            authz.push(("Authorization".into(), c.auth.header(&token).unwrap()));
        }
        None => {
            assert_eq!(c.auth, AuthMode::Session);
            authz.push(("Cookie".into(), cookies.join("; ")));
            let csrf = c.endpoints.csrf.as_ref().expect("a CSRF endpoint");
            let v = call(csrf, &authz).expect(200).await;
            authz.push(("X-CSRFToken".into(), v["csrftoken"].as_str().unwrap().into()));
        }
    }

    let (status, _, me) = call(&c.endpoints.read, &authz).answer().await;
    assert_eq!(status, 200, "{} read: {me}", d.name());
    assert!(me.is_object(), "{} read: {me}", d.name());
    // The photo field the config names is in the answer.
    if let Some(photo) = c.avatar_field() {
        assert!(me.get(photo.name()).is_some(), "{} answers no {}", d.name(), photo.name());
    }

    if let (Some(ep), Some(rt)) = (&c.endpoints.refresh, &refresh) {
        let (status, _, v) =
            call(ep, &[]).json(&json!({ c.sign_in.refresh_field.clone().unwrap(): rt })).answer().await;
        assert_eq!(status, 200, "{} refresh: {v}", d.name());
        assert!(c.sign_in.token(&v).is_some(), "{} refresh answer {v}", d.name());
    }

    let sign_out = c.endpoints.sign_out.as_ref().expect("a sign-out endpoint");
    let mut req = call(sign_out, &authz);
    if let Some(body) = c.sign_in.sign_out_body(refresh.as_deref()) {
        req = req.json(&body);
    }
    let (status, _, v) = req.answer().await;
    assert!((200..300).contains(&status), "{} sign-out: {status} {v}", d.name());
    // Signed out: a session or a token key is gone at once; simplejwt's
    // access token lives on, but its refresh token is blacklisted.
    match (&c.endpoints.refresh, &refresh) {
        (Some(ep), Some(rt)) => {
            assert_eq!(
                call(ep, &[]).json(&json!({ "refresh": rt })).status().await,
                401,
                "{} refresh after sign-out",
                d.name()
            );
        }
        _ => {
            let (status, _, _) = call(&c.endpoints.read, &authz).answer().await;
            assert!(status == 401 || status == 403, "{} read after sign-out: {status}", d.name());
        }
    }
}

#[tokio::test]
async fn default_config_drives_a_session_for_every_dialect() {
    for d in Backend::ALL {
        let login = match d {
            Backend::UsersMe => "BehroozGhorbani",
            _ => "demo@example.com",
        };
        session_from_config(d, login).await;
    }
}

//! letraz (`shared/seeds/000_*`, LetrazApp/letraz-server `PROFILE/api_views.py`).
//!
//! Authentication classes in the order its OpenAPI lists them: HTTP Basic
//! first (so a request without credentials is 401 with
//! `WWW-Authenticate: Basic realm="api"`), then the `sessionid` cookie with
//! Django's CSRF rule. Authentication and CSRF refusals come from DRF before
//! the view runs, so they keep DRF's `{"detail": …}` shape; everything the
//! view itself answers uses letraz's envelope `{"error": {uuid, code,
//! message, details, extra}}`: 400 for field errors, 500 for any exception
//! inside the view (a malformed body included).

use crate::Backend;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Map, Value};

use crate::app::{view, Shared};
use crate::auth::{self, Class, SignedIn};
use crate::body::{Limited, Parsers, Part, Payload};
use crate::db::{kind, UserRow};
use crate::drf::{self, ApiError, Reply};
use crate::fields;
use crate::update::{self, Unique};

const D: Backend = Backend::Letraz;

/// HTTP Basic, then the session cookie, over letraz's users.
pub struct Letraz;

impl auth::Realm for Letraz {
    const DIALECT: Backend = D;
    const CLASSES: &'static [Class] = &[Class::Basic, Class::Session];
}

pub const PATHS: &[&str] = &["/api/v1/user/", "/api/v1/auth/login/", "/api/v1/auth/logout/", "/api/v1/auth/csrf/"];

const UNIQUE: &[Unique] = &[("email", "user with this email already exists.")];

/// Django's session length (`SESSION_COOKIE_AGE`, two weeks).
const SESSION_AGE: u32 = 1_209_600;
/// Django's `CSRF_COOKIE_AGE` (a year).
const CSRF_AGE: u32 = 31_449_600;

pub fn routes() -> Router<Shared> {
    Router::new()
        .route(PATHS[0], view(get(read).patch(patch), "GET, PATCH, HEAD, OPTIONS"))
        .route(PATHS[1], view(post(login), "POST, OPTIONS"))
        .route(PATHS[2], view(post(logout), "POST, OPTIONS"))
        .route(PATHS[3], view(get(csrf), "GET, HEAD, OPTIONS"))
}

/// `UserSerializer`: `country` answers as `{code, name}`.
pub fn represent(u: &UserRow) -> Value {
    let v = |k: &str| u.data.get(k).cloned().unwrap_or(Value::Null);
    let country = u
        .str_field("country")
        .and_then(|code| crate::countries::name(code).map(|name| json!({"code": code, "name": name})))
        .unwrap_or(Value::Null);
    json!({
        "id": u.public_id,
        "title": v("title"),
        "first_name": u.str_field("first_name").unwrap_or(""),
        "last_name": v("last_name"),
        "email": u.str_field("email").unwrap_or(""),
        "phone": v("phone"),
        "dob": v("dob"),
        "nationality": v("nationality"),
        "address": v("address"),
        "city": v("city"),
        "postal": v("postal"),
        "country": country,
        "website": v("website"),
        "profile_text": v("profile_text"),
        "created_at": u.created_at,
        "updated_at": u.updated_at,
    })
}

/// letraz's `ErrorResponse`.
fn envelope(status: StatusCode, code: &str, message: &str, details: Value, extra: Value) -> ApiError {
    drf::json(
        status,
        json!({ "error": {
            "uuid": crate::secret::uuid4(),
            "code": code,
            "message": message,
            "details": details,
            "extra": extra,
        }}),
    )
    .into()
}

/// `letraz_restapi_exception_handled`: any exception in the view.
fn exception(message: &str) -> ApiError {
    envelope(StatusCode::INTERNAL_SERVER_ERROR, "INTERNAL SERVER ERROR", message, Value::Null, Value::Null)
}

/// `request.data` echoed in `extra` (files by name, as they would print).
fn echo(payload: &Payload) -> Value {
    match payload {
        Payload::Json(v) => v.clone(),
        Payload::Form(parts) => {
            let mut m = Map::new();
            for (k, p) in parts {
                let v = match p {
                    Part::Text(s) => Value::String(s.clone()),
                    Part::File(u) => Value::String(u.filename.clone()),
                };
                m.insert(k.clone(), v);
            }
            Value::Object(m)
        }
    }
}

/// `GET /api/v1/user/`.
async fn read(me: SignedIn<Letraz>) -> Reply {
    Ok(drf::ok(represent(&me.user)))
}

/// `PATCH /api/v1/user/`: partial upsert; JSON, urlencoded or multipart.
async fn patch(State(state): State<Shared>, req: Limited) -> Reply {
    let me = SignedIn::<Letraz>::check(&state, &req.parts)?;
    let payload = req.parse(Parsers::ALL).await.map_err(|e| exception(&e.detail))?;
    let invalid = |details: Value| {
        envelope(
            StatusCode::BAD_REQUEST,
            "INVALID REQUEST",
            "Invalid Data provided!",
            details,
            json!({"data": echo(&payload)}),
        )
    };
    let changes = fields::validate(D, &payload).map_err(|e| invalid(e.into_value()))?;
    // `country` is a foreign key to the Country table, keyed by code.
    for (spec, change) in &changes {
        if let (true, fields::Change::Set(Value::String(code))) = (spec.name() == "country", change) {
            if crate::countries::name(code).is_none() {
                return Err(invalid(json!({ "country": [format!("Invalid pk \"{code}\" - object does not exist.")] })));
            }
        }
    }
    match update::save(&state, me.user.id, &changes, UNIQUE, "avatars") {
        Ok(user) => Ok(drf::ok(represent(&user))),
        Err(e) => Err(invalid(e.into_parts()?.into_value())),
    }
}

fn set_cookie(resp: &mut Response, cookie: String) {
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        resp.headers_mut().append(header::SET_COOKIE, v);
    }
}

fn csrf_cookie(state: &Shared, secret: &str) -> String {
    format!("csrftoken={secret}; Max-Age={CSRF_AGE}; Path=/; {}", state.config.cookie_site_attributes())
}

/// `POST /api/v1/auth/login/` `{"email","password"}`: starts a Django
/// session. Sets `sessionid` (HttpOnly) and a fresh `csrftoken` (Django
/// rotates it on login) and answers the user.
async fn login(State(state): State<Shared>, req: Limited) -> Reply {
    let payload = req.parse(Parsers::ALL).await?;
    let [email, password] = payload.required(["email", "password"], None).map_err(|missing| {
        envelope(
            StatusCode::BAD_REQUEST,
            "INVALID REQUEST",
            "Invalid Data provided!",
            missing.into_value(),
            Value::Null,
        )
    })?;
    let Some(user) = auth::check_credentials(&state, D, &email, &password)? else {
        return Err(envelope(
            StatusCode::BAD_REQUEST,
            "INVALID REQUEST",
            "Please enter a correct email and password. Note that both fields may be case-sensitive.",
            Value::Null,
            Value::Null,
        ));
    };
    let session = crate::secret::random_string(32, crate::secret::LOWER_ALNUM);
    state.db.insert_token(&session, kind::SESSION, user.id)?;
    state.db.touch_last_login(user.id)?;
    let mut resp = drf::ok(represent(&user));
    let site = state.config.cookie_site_attributes();
    set_cookie(&mut resp, format!("sessionid={session}; HttpOnly; Max-Age={SESSION_AGE}; Path=/; {site}"));
    set_cookie(&mut resp, csrf_cookie(&state, &crate::csrf::new_secret()));
    Ok(resp)
}

/// `POST /api/v1/auth/logout/`: ends the session (CSRF applies, as to any
/// unsafe request on a session) and expires the cookie.
async fn logout(State(state): State<Shared>, me: SignedIn<Letraz>, headers: HeaderMap) -> Reply {
    if me.via == Class::Session {
        if let Some(key) = auth::cookie(&headers, "sessionid") {
            state.db.delete_token(&key, kind::SESSION)?;
        }
    }
    let mut resp = StatusCode::NO_CONTENT.into_response();
    set_cookie(
        &mut resp,
        format!(
            "sessionid=\"\"; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; {}",
            state.config.cookie_site_attributes()
        ),
    );
    Ok(resp)
}

/// `GET /api/v1/auth/csrf/`: Django's `ensure_csrf_cookie`; answers the
/// masked token too, for clients that cannot read the cookie.
async fn csrf(State(state): State<Shared>, headers: HeaderMap) -> Reply {
    let existing = auth::cookie(&headers, crate::csrf::COOKIE)
        .filter(|c| c.len() == 32 && c.bytes().all(|b| b.is_ascii_alphanumeric()));
    let secret = existing.clone().unwrap_or_else(crate::csrf::new_secret);
    let mut resp = drf::ok(json!({ "csrftoken": crate::csrf::mask(&secret) }));
    if existing.is_none() {
        set_cookie(&mut resp, csrf_cookie(&state, &secret));
    }
    Ok(resp)
}

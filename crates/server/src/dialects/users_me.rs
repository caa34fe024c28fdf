//! users-me (`shared/seeds/004_*`): a DRF `RetrieveUpdateAPIView` on
//! `/api/users/me/` under `TokenAuthentication` (`Authorization: Token
//! <key>`, so no credentials is 401 with `WWW-Authenticate: Token`). PUT
//! and PATCH both update only the fields sent (every field is optional).
//! Avatars answer as absolute URLs, as DRF builds them from the request.
//! Sign-in and sign-out are djoser's token endpoints. The seed documents no
//! password change or account deletion; these are djoser's (`set_password`
//! with `SET_PASSWORD_RETYPE = True`, and `DELETE` on `me`) at djoser's
//! paths under the seed's `/api/` prefix.

use crate::Backend;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Value};

use crate::account::{self, char_field, INVALID_PASSWORD, PASSWORD_MISMATCH};
use crate::app::{view, Shared};
use crate::auth::{self, Class, SignedIn};
use crate::body::{Limited, Parsers};
use crate::db::{kind, UserRow};
use crate::drf::{self, FieldErrors, Reply};
use crate::fields;
use crate::update::{self, Unique};

const D: Backend = Backend::UsersMe;

/// DRF `TokenAuthentication` over users-me's users.
pub struct UsersMe;

impl auth::Realm for UsersMe {
    const DIALECT: Backend = D;
    const CLASSES: &'static [Class] = &[Class::Token];
}

pub const PATHS: &[&str] =
    &["/api/users/me/", "/api/auth/token/login/", "/api/auth/token/logout/", "/api/users/set_password/"];

const UNIQUE: &[Unique] = &[
    ("username", "A user with that username already exists."),
    ("email", "user with this email already exists."),
    ("mobile_number", "user with this mobile number already exists."),
];

pub fn routes() -> Router<Shared> {
    Router::new()
        .route(
            PATHS[0],
            view(get(read).patch(update).put(update).delete(delete_me), "GET, PUT, PATCH, DELETE, HEAD, OPTIONS"),
        )
        .route(PATHS[1], view(post(login), "POST, OPTIONS"))
        .route(PATHS[2], view(post(logout), "POST, OPTIONS"))
        .route(PATHS[3], view(post(set_password), "POST, OPTIONS"))
}

/// `http://<Host>`: DRF's `request.build_absolute_uri` for file URLs.
fn origin(headers: &HeaderMap) -> String {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("127.0.0.1");
    format!("http://{host}")
}

pub fn represent(u: &UserRow, origin: &str) -> Value {
    let v = |k: &str| u.data.get(k).cloned().unwrap_or(Value::Null);
    let name_parts: Vec<&str> =
        ["first_name", "last_name"].iter().filter_map(|k| u.str_field(k)).filter(|s| !s.is_empty()).collect();
    let full_name = if name_parts.is_empty() { Value::Null } else { Value::String(name_parts.join(" ")) };
    let completed = ["first_name", "last_name", "email", "mobile_number", "gender"]
        .iter()
        .all(|k| u.str_field(k).is_some_and(|s| !s.is_empty()));
    json!({
        "id": u.id,
        "username": v("username"),
        "mobile_number": v("mobile_number"),
        "email": v("email"),
        "avatar": u.avatar.as_deref().map(|a| format!("{origin}{}", crate::media::url_path(a))),
        "first_name": v("first_name"),
        "last_name": v("last_name"),
        "full_name": full_name,
        "gender": v("gender"),
        "is_profile_completed": completed,
        "groups": u.data.get("groups").cloned().unwrap_or_else(|| json!([])),
        "last_login": u.last_login,
        "created_at": u.created_at,
    })
}

async fn read(me: SignedIn<UsersMe>, headers: HeaderMap) -> Reply {
    Ok(drf::ok(represent(&me.user, &origin(&headers))))
}

/// `PATCH` and `PUT /api/users/me/`: JSON, urlencoded or multipart.
async fn update(State(state): State<Shared>, req: Limited) -> Reply {
    let me = SignedIn::<UsersMe>::check(&state, &req.parts)?;
    let payload = req.parse(Parsers::ALL).await?;
    let changes = fields::validate(D, &payload)?;
    let user = update::save(&state, me.user.id, &changes, UNIQUE, "users/avatars")?;
    Ok(drf::ok(represent(&user, &origin(&req.parts.headers))))
}

/// djoser `POST /api/auth/token/login/` `{"username" | "email", "password"}`
/// → `{"auth_token"}` (one token per user, reused).
async fn login(State(state): State<Shared>, req: Limited) -> Reply {
    auth::reject_bad_credentials::<UsersMe>(&state, &req.parts)?;
    let payload = req.parse(Parsers::ALL).await?;
    let login = payload.text("username").or_else(|| payload.text("email")).unwrap_or_default();
    let password = payload.text("password").unwrap_or_default();
    let Some(user) = auth::check_credentials(&state, D, &login, &password)? else {
        return Err(FieldErrors::of("non_field_errors", "Unable to log in with provided credentials.").into());
    };
    let key = match state.db.token_for_user(user.id, kind::AUTHTOKEN)? {
        Some(k) => k,
        None => {
            // DRF authtoken keys: 40 hex characters.
            let k = crate::secret::hex(&crate::secret::random_bytes::<20>());
            state.db.insert_token(&k, kind::AUTHTOKEN, user.id)?;
            k
        }
    };
    state.db.touch_last_login(user.id)?;
    Ok(drf::ok(json!({ "auth_token": key })))
}

/// djoser `POST /api/auth/token/logout/`: deletes the token; 204.
async fn logout(State(state): State<Shared>, _me: SignedIn<UsersMe>, headers: HeaderMap) -> Reply {
    if let Some(key) =
        headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.split_whitespace().nth(1))
    {
        state.db.delete_token(key, kind::AUTHTOKEN)?;
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// djoser `POST /api/users/set_password/` (`SetPasswordRetypeSerializer`):
/// `{"new_password", "re_new_password", "current_password"}` → 204. DRF
/// first checks each field (all of them, the current password's validator
/// included), and only when all pass runs `validate`: Django's password
/// validators, then the retype. The token stays valid, as with djoser's
/// default `LOGOUT_ON_PASSWORD_CHANGE = False`.
async fn set_password(State(state): State<Shared>, req: Limited) -> Reply {
    let me = SignedIn::<UsersMe>::check(&state, &req.parts)?;
    let payload = req.parse(Parsers::ALL).await?;
    let mut errors = FieldErrors::default();
    let mut field = |key: &str| char_field(&payload, key).map_err(|m| errors.add(key, m)).ok();
    let (new, again, current) = (field("new_password"), field("re_new_password"), field("current_password"));
    if current.as_deref().is_some_and(|c| !crate::password::check_password(c, &me.user.password)) {
        errors.add("current_password", INVALID_PASSWORD);
    }
    let (Some(new), Some(again), Some(_)) = (new, again, current) else {
        return Err(errors.into());
    };
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let rules = account::password_messages(&new, &me.user);
    if !rules.is_empty() {
        let mut errors = FieldErrors::default();
        rules.into_iter().for_each(|m| errors.add("new_password", m));
        return Err(errors.into());
    }
    if new != again {
        return Err(FieldErrors::of("non_field_errors", PASSWORD_MISMATCH).into());
    }
    state.db.set_password(me.user.id, &crate::password::make_password(&new))?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// djoser `DELETE /api/users/me/` (`UserDeleteSerializer`):
/// `{"current_password"}` → 204; the user, their token and avatar go.
async fn delete_me(State(state): State<Shared>, req: Limited) -> Reply {
    let me = SignedIn::<UsersMe>::check(&state, &req.parts)?;
    let payload = req.parse(Parsers::ALL).await?;
    let current = char_field(&payload, "current_password").map_err(|m| FieldErrors::of("current_password", m))?;
    if !crate::password::check_password(&current, &me.user.password) {
        return Err(FieldErrors::of("current_password", INVALID_PASSWORD).into());
    }
    account::delete_user(&state, D, me.user.id)?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

//! pwgen (`shared/seeds/003_*`, edimez14/password_generator): function views
//! under simplejwt Bearer auth. Its views wrap everything in
//! `try/except Exception` and answer `{"error": str(e)}` with 500, so an
//! unknown id (Http404), a malformed body (ParseError) and the like all come
//! back as 500 JSON; the user object includes the password hash (its
//! serializer uses `fields = '__all__'`).

use crate::Backend;
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::routing::{post, put};
use axum::Router;
use serde_json::{json, Value};

use crate::app::{view, Shared};
use crate::auth::{self, Class};
use crate::body::{self, Parsers};
use crate::db::UserRow;
use crate::drf::{self, Reply};
use crate::fields;
use crate::update::{self, Unique};

const D: Backend = Backend::Pwgen;
const AUTH: &[Class] = &[Class::Jwt];

pub const PATHS: &[&str] =
    &["/api/sign-in/", "/api/profile/", "/api/profile/{id}/update/", "/api/token/refresh/", "/api/token/blacklist/"];

/// Unique columns of `Users(AbstractUser)`; the field rules come from the
/// model crate's catalogue.
const UNIQUE: &[Unique] =
    &[("username", "A user with that username already exists."), ("email", "users with this email already exists.")];

pub fn routes() -> Router<Shared> {
    Router::new()
        .route(PATHS[0], view(post(sign_in), "POST, OPTIONS"))
        .route(PATHS[1], view(post(profile), "POST, OPTIONS"))
        .route(PATHS[2], view(put(update_profile), "PUT, OPTIONS"))
        .route(PATHS[3], view(post(super::jwt_views::refresh_pwgen), "POST, OPTIONS"))
        .route(PATHS[4], view(post(super::jwt_views::blacklist_pwgen), "POST, OPTIONS"))
}

/// The user object (`UsersSerializer(instance=user).data`).
pub fn represent(u: &UserRow) -> Value {
    let s = |k: &str| u.data.get(k).cloned().unwrap_or(Value::String(String::new()));
    json!({
        "id": u.id,
        "password": u.password,
        "last_login": u.last_login,
        "is_superuser": false,
        "username": s("username"),
        "first_name": s("first_name"),
        "last_name": s("last_name"),
        "is_staff": false,
        "is_active": true,
        "date_joined": u.created_at,
        "email": s("email"),
        "number_phone": u.data.get("number_phone").cloned().unwrap_or(Value::Null),
        "avatar": u.avatar.as_deref().map(crate::media::url_path),
        "groups": [],
        "user_permissions": [],
    })
}

fn error(status: StatusCode, message: &str) -> axum::response::Response {
    drf::json(status, json!({ "error": message }))
}

/// What the views' `except Exception as e` makes of a parser error.
fn error_500(e: body::ParseError) -> axum::response::Response {
    error(StatusCode::INTERNAL_SERVER_ERROR, &e.detail)
}

const NO_USER: &str = "No Users matches the given query.";

/// `POST /api/sign-in/` `{"email","password"}` → `{"refresh","access","user"}`.
async fn sign_in(State(state): State<Shared>, req: Request) -> Reply {
    let (parts, body) = req.into_parts();
    let bytes = body::read_limited(&parts.headers, body, state.config.max_upload_bytes).await?;
    // DRF authenticates eagerly even for AllowAny views: a stale Bearer
    // token on the sign-in request itself is refused.
    super::reject_bad_credentials(&state, D, AUTH, &parts)?;
    let payload = body::parse(&parts.headers, bytes, Parsers::ALL).await.map_err(error_500)?;
    let email = payload.text("email").unwrap_or_default();
    let user = state.db.user_by_field(D, "email", &email).map_err(drf::internal)?;
    let Some(user) = user else {
        return Err(error(StatusCode::INTERNAL_SERVER_ERROR, NO_USER));
    };
    let password = payload.text("password").unwrap_or_default();
    if !crate::password::check_password(&password, &user.password) {
        return Err(error(StatusCode::BAD_REQUEST, "Invalid password"));
    }
    state.db.touch_last_login(user.id).map_err(drf::internal)?;
    let user = state.db.user_by_id(D, user.id).map_err(drf::internal)?.ok_or_else(drf::server_error)?;
    let (access, refresh) = super::jwt_views::pair(&state, D, user.id);
    Ok(drf::ok(json!({ "refresh": refresh, "access": access, "user": represent(&user) })))
}

/// `POST /api/profile/` (no body) → the signed-in user.
async fn profile(State(state): State<Shared>, req: Request) -> Reply {
    let (parts, _) = req.into_parts();
    let authed = auth::require_user(&state, D, AUTH, &parts)?;
    Ok(drf::ok(represent(&authed.user)))
}

/// `PUT /api/profile/{id}/update/`: partial, JSON / urlencoded / multipart.
async fn update_profile(State(state): State<Shared>, Path(id): Path<String>, req: Request) -> Reply {
    // `<int:pk>` in the URL pattern: anything else matches no route.
    let Ok(id) = id.parse::<i64>() else {
        return Err(drf::page_not_found());
    };
    let (parts, body) = req.into_parts();
    let bytes = body::read_limited(&parts.headers, body, state.config.max_upload_bytes).await?;
    let authed = auth::require_user(&state, D, AUTH, &parts)?;
    let target = state.db.user_by_id(D, id).map_err(drf::internal)?;
    let Some(target) = target else {
        return Err(error(StatusCode::INTERNAL_SERVER_ERROR, NO_USER));
    };
    if target.id != authed.user.id {
        return Err(error(StatusCode::FORBIDDEN, "Not authorized"));
    }
    let payload = body::parse(&parts.headers, bytes, Parsers::ALL).await.map_err(error_500)?;
    let changes = fields::validate(D, &payload).map_err(|e| drf::json(StatusCode::BAD_REQUEST, e.into_value()))?;
    match update::save(&state, target.id, &changes, UNIQUE, "avatars") {
        Ok(user) => Ok(drf::ok(represent(&user))),
        Err(e) => Err(e.into_parts().map(|e| drf::json(StatusCode::BAD_REQUEST, e.into_value()))?),
    }
}

//! pwgen (`shared/seeds/003_*`, edimez14/password_generator): function views
//! under simplejwt Bearer auth. Its views wrap everything in
//! `try/except Exception` and answer `{"error": str(e)}` with 500, so an
//! unknown id (Http404), a malformed body (ParseError) and the like all come
//! back as 500 JSON; the user object includes the password hash (its
//! serializer uses `fields = '__all__'`).

use crate::Backend;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::{request::Parts, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{delete, post, put};
use axum::Router;
use serde_json::{json, Value};

use crate::app::{view, Shared};
use crate::auth::{self, Class, SignedIn};
use crate::body::{self, Limited, Parsers};
use crate::db::UserRow;
use crate::drf::{self, ApiError, Reply};
use crate::fields;
use crate::update::{self, Unique};

const D: Backend = Backend::Pwgen;

/// simplejwt Bearer auth over pwgen's users.
pub struct Pwgen;

impl auth::Realm for Pwgen {
    const DIALECT: Backend = D;
    const CLASSES: &'static [Class] = &[Class::Jwt];
}

pub const PATHS: &[&str] = &[
    "/api/sign-in/",
    "/api/profile/",
    "/api/profile/{id}/update/",
    "/api/token/refresh/",
    "/api/token/blacklist/",
    "/api/profile/{id}/delete/",
];

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
        .route(PATHS[5], view(delete(delete_profile), "DELETE, OPTIONS"))
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

fn error(status: StatusCode, message: &str) -> ApiError {
    drf::json(status, json!({ "error": message })).into()
}

/// What the views' `except Exception as e` makes of a parser error.
fn error_500(e: body::ParseError) -> ApiError {
    error(StatusCode::INTERNAL_SERVER_ERROR, &e.detail)
}

/// Django's `<int:pk>`: anything else matches no URL pattern (the 404 page),
/// before any proxy limit or authentication applies.
struct Pk(i64);

impl<S: Send + Sync> FromRequestParts<S> for Pk {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Pk, ApiError> {
        let Path(id) = Path::<String>::from_request_parts(parts, state).await.map_err(IntoResponse::into_response)?;
        id.parse().map(Pk).map_err(|_| ApiError::NotFound)
    }
}

const NO_USER: &str = "No Users matches the given query.";

/// `POST /api/sign-in/` `{"email","password"}` → `{"refresh","access","user"}`.
async fn sign_in(State(state): State<Shared>, req: Limited) -> Reply {
    // DRF authenticates eagerly even for AllowAny views: a stale Bearer
    // token on the sign-in request itself is refused.
    auth::reject_bad_credentials::<Pwgen>(&state, &req.parts)?;
    let payload = req.parse(Parsers::ALL).await.map_err(error_500)?;
    let email = payload.text("email").unwrap_or_default();
    let user = state.db.user_by_field(D, "email", &email)?;
    let Some(user) = user else {
        return Err(error(StatusCode::INTERNAL_SERVER_ERROR, NO_USER));
    };
    let password = payload.text("password").unwrap_or_default();
    if !crate::password::check_password(&password, &user.password) {
        return Err(error(StatusCode::BAD_REQUEST, "Invalid password"));
    }
    state.db.touch_last_login(user.id)?;
    let user = state.db.user_by_id(D, user.id)?.ok_or_else(|| ApiError::internal("user vanished at sign-in"))?;
    let (access, refresh) = super::jwt_views::pair(&state, D, user.id);
    Ok(drf::ok(json!({ "refresh": refresh, "access": access, "user": represent(&user) })))
}

/// `POST /api/profile/` (no body) → the signed-in user.
async fn profile(me: SignedIn<Pwgen>) -> Reply {
    Ok(drf::ok(represent(&me.user)))
}

/// `PUT /api/profile/{id}/update/`: partial, JSON / urlencoded / multipart.
/// The view looks up the target and checks ownership before it touches
/// `request.data`, so the user is checked here after the body is read
/// (nginx's 413 first) and the body parsed only then.
async fn update_profile(State(state): State<Shared>, Pk(id): Pk, req: Limited) -> Reply {
    let me = SignedIn::<Pwgen>::check(&state, &req.parts)?;
    let Some(target) = state.db.user_by_id(D, id)? else {
        return Err(error(StatusCode::INTERNAL_SERVER_ERROR, NO_USER));
    };
    if target.id != me.user.id {
        return Err(error(StatusCode::FORBIDDEN, "Not authorized"));
    }
    let payload = req.parse(Parsers::ALL).await.map_err(error_500)?;
    let changes = fields::validate(D, &payload)?;
    let user = update::save(&state, target.id, &changes, UNIQUE, "avatars")?;
    Ok(drf::ok(represent(&user)))
}

/// `DELETE /api/profile/{id}/delete/` (its `delete_user` view), made
/// owner-only with the same check its update has: an unknown id is 500
/// `{"error": "No Users matches the given query."}` (`get_object_or_404`
/// inside its `try`), another user's id 403 `{"error": "Not authorized"}`,
/// the owner's 204. Access tokens then fail with simplejwt's "User not
/// found" and the refresh token can no longer refresh.
async fn delete_profile(State(state): State<Shared>, Pk(id): Pk, me: SignedIn<Pwgen>) -> Reply {
    let Some(target) = state.db.user_by_id(D, id)? else {
        return Err(error(StatusCode::INTERNAL_SERVER_ERROR, NO_USER));
    };
    if target.id != me.user.id {
        return Err(error(StatusCode::FORBIDDEN, "Not authorized"));
    }
    crate::account::delete_user(&state, D, target.id)?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

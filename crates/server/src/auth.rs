//! DRF authentication classes and the 401-versus-403 rule.
//!
//! A view lists its classes in order; each either does not apply (no
//! credentials of its kind), authenticates, or fails. A failure, or no user
//! at all under `IsAuthenticated`, answers 401 with `WWW-Authenticate` when
//! the *first* class defines that header, else 403 (DRF's `permission_denied`).

use crate::Backend;
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use base64::{engine::general_purpose::STANDARD, Engine};
use serde_json::{json, Value};

use crate::db::{kind, UserRow};
use crate::jwt::TokenType;
use crate::{drf, AppState};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// simplejwt `JWTAuthentication`: `Authorization: Bearer <access>`.
    Jwt,
    /// DRF `TokenAuthentication`: `Authorization: Token <key>`.
    Token,
    /// DRF `BasicAuthentication`: `Authorization: Basic base64(email:password)`.
    Basic,
    /// DRF `SessionAuthentication`: `sessionid` cookie, CSRF on unsafe methods.
    Session,
}

impl Class {
    fn www_authenticate(self) -> Option<&'static str> {
        match self {
            Class::Jwt => Some("Bearer realm=\"api\""),
            Class::Token => Some("Token"),
            Class::Basic => Some("Basic realm=\"api\""),
            Class::Session => None,
        }
    }
}

/// The first class's `WWW-Authenticate`, which makes a refusal a 401;
/// none (a 403) when the server runs with `--auth-first session`, as if
/// `SessionAuthentication` headed every view's list.
fn refusal_header(state: &AppState, classes: &[Class]) -> Option<&'static str> {
    if state.config.session_first {
        return None;
    }
    classes.first().and_then(|c| c.www_authenticate())
}

/// An `AuthenticationFailed` (status decided by the 401/403 rule) or a
/// `PermissionDenied` (always 403, e.g. CSRF).
enum Failure {
    Authentication(Value),
    Permission(Value),
}

pub struct Authed {
    pub user: UserRow,
    pub via: Class,
}

/// Authenticates with `classes` in order and requires a user
/// (`IsAuthenticated`).
pub fn require_user(state: &AppState, dialect: Backend, classes: &[Class], parts: &Parts) -> Result<Authed, Response> {
    let header = refusal_header(state, classes);
    let authed = optional_user(state, dialect, classes, parts)?
        .ok_or_else(|| drf::auth_refusal(header, json!({ "detail": drf::NOT_AUTHENTICATED })))?;
    // DRF's `check_throttles` comes after authentication and permissions.
    if let Some(rate) = state.config.throttle_user {
        let key = format!("throttle_user_{}", authed.user.id);
        state.throttle.check(rate, &key, std::time::Instant::now()).map_err(crate::throttle::throttled)?;
    }
    Ok(authed)
}

/// DRF's `perform_authentication`: no credentials is `None`, bad ones are
/// refused (it runs eagerly, even for `AllowAny` views).
pub fn optional_user(
    state: &AppState,
    dialect: Backend,
    classes: &[Class],
    parts: &Parts,
) -> Result<Option<Authed>, Response> {
    let header = refusal_header(state, classes);
    for &class in classes {
        match authenticate(state, dialect, class, parts) {
            Ok(None) => continue,
            Ok(Some(user)) => return Ok(Some(Authed { user, via: class })),
            Err(Failure::Authentication(body)) => return Err(drf::auth_refusal(header, body)),
            Err(Failure::Permission(body)) => return Err(drf::json(StatusCode::FORBIDDEN, body)),
        }
    }
    Ok(None)
}

fn authenticate(state: &AppState, dialect: Backend, class: Class, parts: &Parts) -> Result<Option<UserRow>, Failure> {
    let fail = |d: &str| Failure::Authentication(json!({ "detail": d }));
    match class {
        Class::Jwt => {
            let Some(words) = authorization_words(&parts.headers) else {
                return Ok(None);
            };
            if words[0] != "Bearer" {
                return Ok(None);
            }
            if words.len() != 2 {
                return Err(Failure::Authentication(json!({
                    "detail": "Authorization header must contain two space-delimited values",
                    "code": "bad_authorization_header"
                })));
            }
            let invalid = || {
                Failure::Authentication(json!({
                    "detail": "Given token not valid for any token type",
                    "code": "token_not_valid",
                    "messages": [{
                        "token_class": "AccessToken",
                        "token_type": "access",
                        "message": "Token is invalid or expired"
                    }]
                }))
            };
            let claims = state.signer(dialect).verify(&words[1], TokenType::Access).ok_or_else(invalid)?;
            let id: i64 = claims.user_id.parse().map_err(|_| invalid())?;
            match state.db.user_by_id(dialect, id) {
                Ok(Some(u)) => Ok(Some(u)),
                Ok(None) => Err(Failure::Authentication(json!({"detail": "User not found", "code": "user_not_found"}))),
                Err(e) => Err(storage(e)),
            }
        }
        Class::Token => {
            let Some(words) = authorization_words(&parts.headers) else {
                return Ok(None);
            };
            if !words[0].eq_ignore_ascii_case("token") {
                return Ok(None);
            }
            match words.len() {
                1 => return Err(fail("Invalid token header. No credentials provided.")),
                2 => {}
                _ => return Err(fail("Invalid token header. Token string should not contain spaces.")),
            }
            let user_id = state.db.token_user(&words[1], kind::AUTHTOKEN).map_err(storage)?;
            let user = match user_id {
                Some(id) => state.db.user_by_id(dialect, id).map_err(storage)?,
                None => None,
            };
            user.map(Some).ok_or_else(|| fail("Invalid token."))
        }
        Class::Basic => {
            let Some(words) = authorization_words(&parts.headers) else {
                return Ok(None);
            };
            if !words[0].eq_ignore_ascii_case("basic") {
                return Ok(None);
            }
            match words.len() {
                1 => return Err(fail("Invalid basic header. No credentials provided.")),
                2 => {}
                _ => return Err(fail("Invalid basic header. Credentials string should not contain spaces.")),
            }
            let decoded = STANDARD
                .decode(&words[1])
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
                .and_then(|s| s.split_once(':').map(|(u, p)| (u.to_string(), p.to_string())));
            let Some((login, password)) = decoded else {
                return Err(fail("Invalid basic header. Credentials not correctly base64 encoded."));
            };
            match check_credentials(state, dialect, &login, &password).map_err(storage)? {
                Some(u) => Ok(Some(u)),
                None => Err(fail("Invalid username/password.")),
            }
        }
        Class::Session => {
            let Some(key) = cookie(&parts.headers, "sessionid") else {
                return Ok(None);
            };
            let Some(id) = state.db.token_user(&key, kind::SESSION).map_err(storage)? else {
                return Ok(None);
            };
            let Some(user) = state.db.user_by_id(dialect, id).map_err(storage)? else {
                return Ok(None);
            };
            if let Some(reason) = crate::csrf::check(&parts.method, &parts.headers, |o| state.config.origin_allowed(o))
            {
                return Err(Failure::Permission(json!({ "detail": format!("CSRF Failed: {reason}") })));
            }
            Ok(Some(user))
        }
    }
}

/// A storage error inside authentication: logged, and the request refused
/// rather than let through.
fn storage(e: rusqlite::Error) -> Failure {
    eprintln!("reference-server: auth storage error: {e}");
    Failure::Authentication(json!({ "detail": "Authentication is unavailable." }))
}

/// The user whose login (email, or username where the dialect allows it) and
/// password match.
pub fn check_credentials(
    state: &AppState,
    dialect: Backend,
    login: &str,
    password: &str,
) -> rusqlite::Result<Option<UserRow>> {
    let mut user = state.db.user_by_field(dialect, "email", login)?;
    if user.is_none() && dialect == Backend::UsersMe {
        user = state.db.user_by_field(dialect, "username", login)?;
    }
    Ok(user.filter(|u| crate::password::check_password(password, &u.password)))
}

/// The `Authorization` header split on whitespace, as DRF's
/// `get_authorization_header(request).split()`.
fn authorization_words(headers: &HeaderMap) -> Option<Vec<String>> {
    let value = headers.get(axum::http::header::AUTHORIZATION)?.to_str().ok()?;
    let words: Vec<String> = value.split_whitespace().map(str::to_string).collect();
    (!words.is_empty()).then_some(words)
}

/// One cookie's value from the `Cookie` header(s).
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim_matches('"').to_string())
}

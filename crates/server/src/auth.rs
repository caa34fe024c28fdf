//! DRF authentication classes and the 401-versus-403 rule.
//!
//! A view lists its classes in order; each either does not apply (no
//! credentials of its kind), authenticates, or fails. A failure, or no user
//! at all under `IsAuthenticated`, answers 401 with `WWW-Authenticate` when
//! the *first* class defines that header, else 403 (DRF's `permission_denied`).

use std::marker::PhantomData;

use crate::Backend;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::HeaderMap;
use base64::{engine::general_purpose::STANDARD, Engine};
use serde_json::{json, Value};

use crate::app::Shared;
use crate::db::{kind, UserRow};
use crate::drf::ApiError;
use crate::jwt::TokenType;
use crate::AppState;

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

/// simplejwt's challenge, which its token views answer too.
pub const BEARER: &str = "Bearer realm=\"api\"";

impl Class {
    fn www_authenticate(self) -> Option<&'static str> {
        match self {
            Class::Jwt => Some(BEARER),
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

/// A view's authentication: whose users it serves, and its
/// `authentication_classes` in order.
pub trait Realm: Send + Sync + 'static {
    const DIALECT: Backend;
    const CLASSES: &'static [Class];
}

/// The signed-in user of a realm's view (`IsAuthenticated`, then the user
/// throttle). As an extractor it serves views that read no body; a view that
/// reads one calls [`SignedIn::check`] once the body is in, since nginx's 413
/// comes before any authentication.
pub struct SignedIn<R> {
    pub user: UserRow,
    /// The class that authenticated.
    pub via: Class,
    realm: PhantomData<fn() -> R>,
}

impl<R: Realm> SignedIn<R> {
    pub fn check(state: &AppState, parts: &Parts) -> Result<SignedIn<R>, ApiError> {
        let (user, via) = authenticate_all(state, R::DIALECT, R::CLASSES, parts)?
            .ok_or_else(|| ApiError::not_authenticated(refusal_header(state, R::CLASSES)))?;
        // DRF's `check_throttles` comes after authentication and permissions.
        if let Some(rate) = state.config.throttle_user {
            let key = format!("throttle_user_{}", user.id);
            state.throttle.check(rate, &key, std::time::Instant::now()).map_err(crate::throttle::throttled)?;
        }
        Ok(SignedIn { user, via, realm: PhantomData })
    }
}

impl<R: Realm> FromRequestParts<Shared> for SignedIn<R> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &Shared) -> Result<SignedIn<R>, ApiError> {
        SignedIn::check(state, parts)
    }
}

/// DRF authenticates in `initial()` even for `AllowAny` views, so invalid
/// credentials are refused there too; absent ones are fine.
pub fn reject_bad_credentials<R: Realm>(state: &AppState, parts: &Parts) -> Result<(), ApiError> {
    authenticate_all(state, R::DIALECT, R::CLASSES, parts).map(|_| ())
}

/// DRF's `perform_authentication`: no credentials is `None`, bad ones are
/// refused.
fn authenticate_all(
    state: &AppState,
    dialect: Backend,
    classes: &[Class],
    parts: &Parts,
) -> Result<Option<(UserRow, Class)>, ApiError> {
    let challenge = refusal_header(state, classes);
    for &class in classes {
        match authenticate(state, dialect, class, parts) {
            Ok(None) => continue,
            Ok(Some(user)) => return Ok(Some((user, class))),
            Err(Failure::Authentication(body)) => return Err(ApiError::Refused { challenge, body }),
            Err(Failure::Permission(body)) => return Err(ApiError::Refused { challenge: None, body }),
        }
    }
    Ok(None)
}

fn fail(detail: &str) -> Failure {
    Failure::Authentication(json!({ "detail": detail }))
}

/// The one credentials word after `keyword` (DRF's `TokenAuthentication`
/// and `BasicAuthentication` check the header's shape alike); `None` when
/// the header is not of this scheme.
fn credentials(headers: &HeaderMap, keyword: &str, what: &str) -> Result<Option<String>, Failure> {
    let Some(mut words) = authorization_words(headers) else {
        return Ok(None);
    };
    if !words[0].eq_ignore_ascii_case(keyword) {
        return Ok(None);
    }
    match words.len() {
        1 => Err(fail(&format!("Invalid {keyword} header. No credentials provided."))),
        2 => Ok(words.pop()),
        _ => Err(fail(&format!("Invalid {keyword} header. {what} should not contain spaces."))),
    }
}

fn authenticate(state: &AppState, dialect: Backend, class: Class, parts: &Parts) -> Result<Option<UserRow>, Failure> {
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
            let Some(key) = credentials(&parts.headers, "token", "Token string")? else {
                return Ok(None);
            };
            let user_id = state.db.token_user(&key, kind::AUTHTOKEN).map_err(storage)?;
            let user = match user_id {
                Some(id) => state.db.user_by_id(dialect, id).map_err(storage)?,
                None => None,
            };
            user.map(Some).ok_or_else(|| fail("Invalid token."))
        }
        Class::Basic => {
            let Some(encoded) = credentials(&parts.headers, "basic", "Credentials string")? else {
                return Ok(None);
            };
            let decoded = STANDARD
                .decode(&encoded)
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
    tracing::error!("auth storage error: {e}");
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

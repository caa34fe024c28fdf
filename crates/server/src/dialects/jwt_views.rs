//! simplejwt's token views for the Bearer dialects: obtain a pair, refresh,
//! and blacklist (sign out).

use crate::Backend;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::json;

use crate::app::Shared;
use crate::body::{self, Parsers};
use crate::db::kind;
use crate::drf::{self, Reply};
use crate::jwt::TokenType;
use crate::AppState;

/// `(access, refresh)` for a user.
pub fn pair(state: &AppState, dialect: Backend, user_id: i64) -> (String, String) {
    let s = state.signer(dialect);
    (
        s.issue(TokenType::Access, user_id, state.config.access_ttl_secs),
        s.issue(TokenType::Refresh, user_id, state.config.refresh_ttl_secs),
    )
}

fn invalid_refresh() -> Response {
    drf::auth_refusal(
        Some("Bearer realm=\"api\""),
        json!({ "detail": "Token is invalid or expired", "code": "token_not_valid" }),
    )
}

/// The refresh token from the body, checked for signature, expiry and
/// blacklist. Returns its user id and `jti`.
async fn refresh_claims(state: &AppState, dialect: Backend, req: Request) -> Result<(i64, String), Response> {
    let (parts, body) = req.into_parts();
    let bytes = body::read_limited(&parts.headers, body, state.config.max_upload_bytes).await?;
    let payload = body::parse(&parts.headers, bytes, Parsers::ALL).await.map_err(body::ParseError::into_response)?;
    let Some(token) = payload.text("refresh").filter(|t| !t.is_empty()) else {
        return Err(drf::json(StatusCode::BAD_REQUEST, json!({ "refresh": ["This field is required."] })));
    };
    let claims = state.signer(dialect).verify(&token, TokenType::Refresh).ok_or_else(invalid_refresh)?;
    if state.db.token_user(&claims.jti, kind::BLACKLIST).map_err(drf::internal)?.is_some() {
        return Err(drf::auth_refusal(
            Some("Bearer realm=\"api\""),
            json!({ "detail": "Token is blacklisted", "code": "token_not_valid" }),
        ));
    }
    let id = claims.user_id.parse().map_err(|_| invalid_refresh())?;
    Ok((id, claims.jti))
}

pub async fn refresh(state: &AppState, dialect: Backend, req: Request) -> Reply {
    let (id, _) = refresh_claims(state, dialect, req).await?;
    if state.db.user_by_id(dialect, id).map_err(drf::internal)?.is_none() {
        return Err(invalid_refresh());
    }
    let access = state.signer(dialect).issue(TokenType::Access, id, state.config.access_ttl_secs);
    Ok(drf::ok(json!({ "access": access })))
}

pub async fn blacklist(state: &AppState, dialect: Backend, req: Request) -> Reply {
    let (id, jti) = refresh_claims(state, dialect, req).await?;
    state.db.insert_token(&jti, kind::BLACKLIST, id).map_err(drf::internal)?;
    Ok(drf::ok(json!({})))
}

pub async fn refresh_pwgen(State(state): State<Shared>, req: Request) -> Reply {
    refresh(&state, Backend::Pwgen, req).await
}

pub async fn blacklist_pwgen(State(state): State<Shared>, req: Request) -> Reply {
    blacklist(&state, Backend::Pwgen, req).await
}

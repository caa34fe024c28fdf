//! simplejwt's token views for the Bearer dialects: obtain a pair, refresh,
//! and blacklist (sign out).

use crate::Backend;
use axum::extract::State;
use serde_json::json;

use crate::app::Shared;
use crate::auth::BEARER;
use crate::body::{Limited, Parsers};
use crate::db::kind;
use crate::drf::{self, ApiError, FieldErrors, Reply};
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

fn invalid_refresh() -> ApiError {
    ApiError::Refused {
        challenge: Some(BEARER),
        body: json!({ "detail": "Token is invalid or expired", "code": "token_not_valid" }),
    }
}

/// The refresh token from the body, checked for signature, expiry and
/// blacklist. Returns its user id and `jti`.
async fn refresh_claims(state: &AppState, dialect: Backend, req: Limited) -> Reply<(i64, String)> {
    let payload = req.parse(Parsers::ALL).await?;
    let Some(token) = payload.text("refresh").filter(|t| !t.is_empty()) else {
        return Err(FieldErrors::of("refresh", "This field is required.").into());
    };
    let claims = state.signer(dialect).verify(&token, TokenType::Refresh).ok_or_else(invalid_refresh)?;
    if state.db.token_user(&claims.jti, kind::BLACKLIST)?.is_some() {
        return Err(ApiError::Refused {
            challenge: Some(BEARER),
            body: json!({ "detail": "Token is blacklisted", "code": "token_not_valid" }),
        });
    }
    let id = claims.user_id.parse().map_err(|_| invalid_refresh())?;
    Ok((id, claims.jti))
}

pub async fn refresh(state: &AppState, dialect: Backend, req: Limited) -> Reply {
    let (id, _) = refresh_claims(state, dialect, req).await?;
    if state.db.user_by_id(dialect, id)?.is_none() {
        return Err(invalid_refresh());
    }
    let access = state.signer(dialect).issue(TokenType::Access, id, state.config.access_ttl_secs);
    Ok(drf::ok(json!({ "access": access })))
}

pub async fn blacklist(state: &AppState, dialect: Backend, req: Limited) -> Reply {
    let (id, jti) = refresh_claims(state, dialect, req).await?;
    // A deleted user's token needs no entry (it cannot refresh any more),
    // and simplejwt blacklists it without complaint: sign-out after an
    // account deletion still succeeds.
    if state.db.user_by_id(dialect, id)?.is_some() {
        state.db.insert_token(&jti, kind::BLACKLIST, id)?;
    }
    Ok(drf::ok(json!({})))
}

pub async fn refresh_pwgen(State(state): State<Shared>, req: Limited) -> Reply {
    refresh(&state, Backend::Pwgen, req).await
}

pub async fn blacklist_pwgen(State(state): State<Shared>, req: Limited) -> Reply {
    blacklist(&state, Backend::Pwgen, req).await
}

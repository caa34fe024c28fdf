//! Signing in and out, per the configured auth mode:
//! - Bearer / Token: post the credentials, keep the token from the answer;
//! - Basic: keep `user:password` (base64) and prove it by loading the profile;
//! - Session: the backend's own login sets `sessionid` + `csrftoken` cookies.

use profile_model::{AuthMode, Dialect, Endpoint};
use serde_json::{json, Value};

use super::{ApiClient, Body, ClientError};
use crate::session::Credential;

/// Where each dialect signs in and out, and which answer field holds the
/// token (DRF simplejwt says `access`, djoser says `auth_token`).
struct AuthCalls {
    sign_in: Endpoint,
    sign_out: Option<Endpoint>,
    token_field: &'static str,
}

fn auth_calls(dialect: Dialect) -> AuthCalls {
    let call = |method: &str, path: &str| Endpoint { method: method.into(), path: path.into() };
    match dialect {
        Dialect::Letraz => AuthCalls {
            sign_in: call("POST", "/api/v1/auth/login/"),
            sign_out: Some(call("POST", "/api/v1/auth/logout/")),
            token_field: "",
        },
        Dialect::AisquareProfile | Dialect::AisquareDetails => AuthCalls {
            sign_in: call("POST", "/api/v1/iam/token/"),
            sign_out: None,
            token_field: "access",
        },
        Dialect::Pwgen => {
            AuthCalls { sign_in: call("POST", "/api/sign-in/"), sign_out: None, token_field: "access" }
        }
        Dialect::UsersMe => AuthCalls {
            sign_in: call("POST", "/api/auth/token/login/"),
            sign_out: Some(call("POST", "/api/auth/token/logout/")),
            token_field: "auth_token",
        },
    }
}

impl ApiClient {
    /// Signs in with an email (or, where the backend takes one, a username)
    /// and password. On success the session holds the credential.
    pub async fn sign_in(&self, login: &str, password: &str, remember: bool) -> Result<(), ClientError> {
        let session = self.session();
        if self.config().auth == AuthMode::Basic {
            session.sign_in(Credential::Secret(basic_credential(login, password)), remember);
            // Basic has no login call: the first authenticated read proves it.
            return match self.load_profile().await {
                Ok(_) => Ok(()),
                Err(e) => {
                    session.sign_out();
                    Err(e)
                }
            };
        }
        let calls = auth_calls(self.dialect());
        let endpoint = self.config().endpoints.sign_in.clone().unwrap_or(calls.sign_in);
        let login_key = if login.contains('@') { "email" } else { "username" };
        let body = json!({ login_key: login, "password": password });
        let answer = self.send(&endpoint.method, &self.config().url(&endpoint, None), Body::Json(body)).await?;
        let credential = match self.config().auth {
            AuthMode::Session | AuthMode::None => Credential::Cookie,
            _ => match answer.get(calls.token_field).and_then(Value::as_str) {
                Some(token) if !token.is_empty() => Credential::Secret(token.to_string()),
                _ => return Err(ClientError::Api(profile_model::ApiError::malformed(200))),
            },
        };
        session.sign_in(credential, remember);
        Ok(())
    }

    /// Uses a token the person already has (pasted on the sign-in page).
    pub fn use_token(&self, token: &str, remember: bool) {
        self.session().sign_in(Credential::Secret(token.trim().to_string()), remember);
    }

    /// Tells the backend (where it has a sign-out call) and forgets the
    /// credential and every draft, whatever the backend answers.
    pub async fn sign_out(&self) {
        if let Some(endpoint) = auth_calls(self.dialect()).sign_out {
            let _ = self.send(&endpoint.method, &self.config().url(&endpoint, None), Body::None).await;
        }
        crate::forms::draft::forget_all();
        self.session().sign_out();
    }
}

/// `user:password` in base64 over its UTF-8 bytes, as browsers send Basic.
fn basic_credential(login: &str, password: &str) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let bytes = format!("{login}:{password}").into_bytes();
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | (b as u32) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

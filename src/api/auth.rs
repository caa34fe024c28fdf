//! Signing in and out, per the configured auth mode:
//! - Bearer / Token: post the credentials, keep the token from the answer;
//! - Basic: keep `user:password` (base64) and prove it by loading the profile;
//! - Session: the backend's own login sets `sessionid` + `csrftoken` cookies.

use profile_model::AuthMode;

use super::{ApiClient, Body, ClientError};
use crate::session::Credential;

impl ApiClient {
    /// Signs in with an email (or, where the backend takes one, a username)
    /// and password. On success the session holds the credential.
    pub async fn sign_in(&self, login: &str, password: &str, remember: bool) -> Result<(), ClientError> {
        let session = self.session();
        if self.config().auth == AuthMode::Basic {
            session.sign_in(Credential::Secret(basic_credential(login, password)), None, remember);
            // Basic has no login call: the first authenticated read proves it.
            return match self.load_profile().await {
                Ok(_) => Ok(()),
                Err(e) => {
                    session.sign_out();
                    Err(e)
                }
            };
        }
        let config = self.config();
        let endpoint =
            config.endpoints.sign_in.clone().ok_or_else(|| ClientError::Api(profile_model::ApiError::malformed(0)))?;
        // The body and where the tokens are: the model's one sign-in rule
        // (`login_field` as configured: Django usernames may contain '@').
        let body = config.sign_in.body(login, password);
        // Without the old credential: DRF authenticates eagerly, so a
        // revoked token would get the login itself refused.
        let answer = self.send_as(None, &endpoint.method, &config.url(&endpoint, None), Body::Json(body)).await?;
        let credential = match (&config.sign_in.token_field, config.auth) {
            (None, _) | (_, AuthMode::Session | AuthMode::None) => Credential::Cookie,
            _ => match config.sign_in.token(&answer) {
                Some(token) => Credential::Secret(token),
                None => return Err(ClientError::Api(profile_model::ApiError::malformed(200))),
            },
        };
        let is_cookie = credential == Credential::Cookie;
        session.sign_in(credential, config.sign_in.refresh_token(&answer), remember);
        if is_cookie {
            return self.confirm_cookie_session().await;
        }
        Ok(())
    }

    /// Uses a token the person already has (pasted on the sign-in page).
    pub fn set_token(&self, token: &str, remember: bool) {
        self.session().sign_in(Credential::Secret(token.trim().to_string()), None, remember);
    }

    /// The backend answered the sign-in with its session cookie; whether
    /// the browser sends it back is the browser's decision. A cookie from
    /// another site is dropped by browsers that block third-party cookies,
    /// and by all of them unless it is `SameSite=None; Secure`. One read
    /// tells: refused, the person hears why instead of being asked to sign
    /// in again (and again).
    async fn confirm_cookie_session(&self) -> Result<(), ClientError> {
        match self.load_profile().await {
            Err(e) if e.is_unauthorized() => {
                self.session().sign_out();
                Err(ClientError::CookieBlocked)
            }
            _ => Ok(()),
        }
    }

    /// Forgets the credential and every draft at once (a tab closed right
    /// after the click must leave nothing behind, however slow the
    /// backend), then tells the backend where it has a sign-out call, with
    /// the credential it had. Its answer changes nothing here.
    pub async fn sign_out(&self) {
        let config = self.config();
        let session = self.session();
        let (authorization, refresh) = (session.auth_header(config.auth), session.refresh_token());
        crate::drafts::forget_all();
        session.sign_out();
        let Some(endpoint) = config.endpoints.sign_out.clone() else {
            return;
        };
        // simplejwt's blacklist wants the refresh token; the others none.
        let body = match (config.sign_in.refresh_field.is_some(), config.sign_in.sign_out_body(refresh.as_deref())) {
            (_, Some(body)) => Body::Json(body),
            // A blacklisting backend without the refresh token: nothing to send.
            (true, None) => return,
            (false, None) => Body::None,
        };
        let _ = self.send_as(authorization.as_deref(), &endpoint.method, &config.url(&endpoint, None), body).await;
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

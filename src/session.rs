//! Who is signed in. Secrets (tokens, Basic credentials) live in memory
//! unless the person ticks "remember me"; only then are they written to
//! `localStorage`. A cookie session keeps no secret here at all: the
//! browser holds the `sessionid` cookie, and we only note (in
//! `localStorage`, so new tabs know too) that we have one.

use leptos::prelude::*;
use profile_model::AuthMode;
use serde::{Deserialize, Serialize};

const REMEMBERED_KEY: &str = "profile-app.credential";
const COOKIE_SESSION_KEY: &str = "profile-app.cookie-session";

/// What proves who the person is on each request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Credential {
    /// A token (Bearer or `Token <key>`) or Basic `user:password` in base64.
    Secret(String),
    /// The backend's own session cookie.
    Cookie,
}

#[derive(Clone, Copy)]
pub struct Session {
    credential: RwSignal<Option<Credential>>,
    /// simplejwt's refresh token, for signing out; memory only.
    refresh: RwSignal<Option<String>>,
}

impl Session {
    /// A session with no credential, for tests and first visits.
    pub fn signed_out() -> Self {
        Session { credential: RwSignal::new(None), refresh: RwSignal::new(None) }
    }

    /// Picks up a credential the person asked us to remember, or a cookie
    /// session from earlier in this tab.
    pub fn restore() -> Self {
        let remembered = storage()
            .and_then(|s| s.get_item(REMEMBERED_KEY).ok().flatten())
            .and_then(|json| serde_json::from_str(&json).ok());
        let cookie = storage().and_then(|s| s.get_item(COOKIE_SESSION_KEY).ok().flatten()).map(|_| Credential::Cookie);
        Session { credential: RwSignal::new(remembered.or(cookie)), refresh: RwSignal::new(None) }
    }

    pub fn is_signed_in(&self) -> bool {
        self.credential.with(Option::is_some)
    }

    pub fn is_signed_in_untracked(&self) -> bool {
        self.credential.with_untracked(Option::is_some)
    }

    /// The `Authorization` header for this auth mode, if the session has a
    /// secret (cookie sessions send none: the browser sends the cookie).
    pub fn auth_header(&self, mode: AuthMode) -> Option<String> {
        match self.credential.get_untracked()? {
            Credential::Secret(secret) => mode.header(&secret),
            Credential::Cookie => None,
        }
    }

    pub fn sign_in(&self, credential: Credential, remember: bool) {
        forget_stored();
        match &credential {
            Credential::Cookie => set(COOKIE_SESSION_KEY, "1"),
            Credential::Secret(_) if remember => {
                set(REMEMBERED_KEY, &serde_json::to_string(&credential).unwrap_or_default())
            }
            Credential::Secret(_) => {}
        }
        self.credential.set(Some(credential));
    }

    pub fn set_refresh_token(&self, token: Option<String>) {
        self.refresh.set(token);
    }

    pub fn refresh_token(&self) -> Option<String> {
        self.refresh.get_untracked()
    }

    /// Forgets the credential everywhere (memory and storage).
    pub fn sign_out(&self) {
        forget_stored();
        self.refresh.set(None);
        self.credential.set(None);
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn set(key: &str, value: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(key, value);
    }
}

fn forget_stored() {
    if let Some(s) = storage() {
        let _ = s.remove_item(REMEMBERED_KEY);
        let _ = s.remove_item(COOKIE_SESSION_KEY);
    }
}

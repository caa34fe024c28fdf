//! Who is signed in. Secrets (tokens, Basic credentials, simplejwt's
//! refresh token) live in memory unless the person ticks "remember me";
//! only then are they written to `localStorage`, the refresh token beside
//! the access token it renews, never anywhere the access token is not. A cookie session keeps no secret here at all: the
//! browser holds the `sessionid` cookie, and we only note (in
//! `localStorage`, so new tabs know too) that we have one.

use leptos::prelude::*;
use profile_model::AuthMode;
use serde::{Deserialize, Serialize};

use crate::storage::Store;

const REMEMBERED_KEY: &str = "profile-app.credential";
const COOKIE_SESSION_KEY: &str = "profile-app.cookie-session";
/// The recipe of the profile read (`api::early_read`), kept beside the
/// credential and forgotten with it.
const READ_RECIPE_KEY: &str = "profile-app.read-recipe";

/// What proves who the person is on each request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Credential {
    /// A token (Bearer or `Token <key>`) or Basic `user:password` in base64.
    Secret(String),
    /// The backend's own session cookie.
    Cookie,
}

/// What "remember me" writes: the credential and, for simplejwt, the
/// refresh token that renews it.
#[derive(Serialize, Deserialize)]
struct Remembered {
    credential: Credential,
    #[serde(default)]
    refresh: Option<String>,
}

/// Where [`Remembered`] holds the secret: `{"credential": {"Secret": …}}`.
const REMEMBERED_SECRET: &[&str] = &["credential", "Secret"];

/// Where a kept session is: the storage key and, for a secret, its place
/// in that key's JSON (object keys, outermost first).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Kept {
    pub key: &'static str,
    pub secret: Option<&'static [&'static str]>,
}

#[derive(Clone, Copy)]
pub struct Session {
    credential: RwSignal<Option<Credential>>,
    /// simplejwt's refresh token: renews an expired access token, and is
    /// blacklisted on sign-out.
    refresh: RwSignal<Option<String>>,
    /// Whether the person asked to be remembered (storage follows memory).
    remember: RwSignal<bool>,
}

impl Session {
    /// A session with no credential, for tests and first visits.
    pub fn signed_out() -> Self {
        Session { credential: RwSignal::new(None), refresh: RwSignal::new(None), remember: RwSignal::new(false) }
    }

    /// Picks up a credential the person asked us to remember, or a cookie
    /// session from earlier in this tab.
    pub fn restore() -> Self {
        let remembered: Option<Remembered> =
            Store::Local.read(REMEMBERED_KEY).and_then(|json| serde_json::from_str(&json).ok());
        let cookie = Store::Local.read(COOKIE_SESSION_KEY).map(|_| Credential::Cookie);
        let remember = remembered.is_some();
        let (credential, refresh) = match remembered {
            Some(r) => (Some(r.credential), r.refresh),
            None => (cookie, None),
        };
        Session {
            credential: RwSignal::new(credential),
            refresh: RwSignal::new(refresh),
            remember: RwSignal::new(remember),
        }
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

    /// Starts a session: the credential, simplejwt's refresh token if the
    /// backend gave one, and whether to keep them across a reload.
    pub fn sign_in(&self, credential: Credential, refresh: Option<String>, remember: bool) {
        forget_stored();
        if credential == Credential::Cookie {
            set(COOKIE_SESSION_KEY, "1");
        }
        self.remember.set(remember && credential != Credential::Cookie);
        self.refresh.set(refresh);
        self.credential.set(Some(credential));
        self.store();
    }

    /// A renewed access token (and a rotated refresh token, where the
    /// backend rotates them), kept where the old one was.
    pub fn renew(&self, access: String, rotated_refresh: Option<String>) {
        if let Some(refresh) = rotated_refresh {
            self.refresh.set(Some(refresh));
        }
        self.credential.set(Some(Credential::Secret(access)));
        self.store();
    }

    fn store(&self) {
        let Some(credential) = self.credential.get_untracked() else { return };
        if self.remember.get_untracked() {
            let remembered = Remembered { credential, refresh: self.refresh.get_untracked() };
            set(REMEMBERED_KEY, &serde_json::to_string(&remembered).unwrap_or_default());
        }
    }

    pub fn refresh_token(&self) -> Option<String> {
        self.refresh.get_untracked()
    }

    /// Where the credential is kept for the boot script's early read, or
    /// `None` while it lives in memory only.
    pub fn kept(&self) -> Option<Kept> {
        match self.credential.get_untracked()? {
            Credential::Secret(_) if self.remember.get_untracked() => {
                Some(Kept { key: REMEMBERED_KEY, secret: Some(REMEMBERED_SECRET) })
            }
            Credential::Secret(_) => None,
            Credential::Cookie => Some(Kept { key: COOKIE_SESSION_KEY, secret: None }),
        }
    }

    /// Keeps the profile read's recipe where the credential is kept; the
    /// only writer of [`READ_RECIPE_KEY`].
    pub fn keep_read_recipe(&self, recipe: &str) {
        if self.kept().is_some() && Store::Local.read(READ_RECIPE_KEY).as_deref() != Some(recipe) {
            set(READ_RECIPE_KEY, recipe);
        }
    }

    /// Forgets the credential everywhere (memory and storage).
    pub fn sign_out(&self) {
        forget_stored();
        self.remember.set(false);
        self.refresh.set(None);
        self.credential.set(None);
    }
}

fn set(key: &str, value: &str) {
    let _ = Store::Local.write(key, value);
}

fn forget_stored() {
    Store::Local.remove(REMEMBERED_KEY);
    Store::Local.remove(COOKIE_SESSION_KEY);
    Store::Local.remove(READ_RECIPE_KEY);
}

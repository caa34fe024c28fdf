//! Who is signed in, and where the session is kept. The one rule
//! ([`kept_in`]): a session the person asked us to remember lives in
//! `localStorage` (every tab, across restarts); any other in this tab's
//! `sessionStorage` (it survives a reload; a new tab or a new browser
//! session starts signed out). Secrets (tokens, Basic credentials,
//! simplejwt's refresh token, kept beside the access token it renews) are
//! therefore in `localStorage` only when the person ticked "remember me".
//! A cookie session keeps no secret here at all: the browser holds the
//! `sessionid` cookie, and we only note, by the same rule, that we have one.
//! The profile read's recipe (`api::early_read`) is kept by the same rule,
//! beside the credential, and forgotten with it. `src/route-preload.js`
//! reads these keys in both stores.

use leptos::prelude::*;
use profile_model::AuthMode;
use serde_json::{Map, Value};

use crate::storage::Store;

const CREDENTIAL_KEY: &str = "profile-app.credential";
const COOKIE_SESSION_KEY: &str = "profile-app.cookie-session";
/// The recipe of the profile read (`api::early_read`), kept beside the
/// credential and forgotten with it.
const READ_RECIPE_KEY: &str = "profile-app.read-recipe";

/// What proves who the person is on each request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Credential {
    /// A token (Bearer or `Token <key>`) or Basic `user:password` in base64.
    Secret(String),
    /// The backend's own session cookie.
    Cookie,
}

/// What is kept for a token or Basic session: the credential and, for
/// simplejwt, the refresh token that renews it.
struct Kept {
    credential: Credential,
    refresh: Option<String>,
}

/// Where [`Kept`] holds the secret: `{"credential": {"Secret": …}}`.
const KEPT_SECRET: &[&str] = &["credential", "Secret"];
/// Where [`Kept`] holds the refresh token (`null` when there is none).
const KEPT_REFRESH: &str = "refresh";

impl Kept {
    /// The kept JSON, written and read along [`KEPT_SECRET`] by hand: a
    /// serde derive would bring serde's value reader and its error texts
    /// into the main module for this one struct.
    fn to_json(secret: &str, refresh: Option<String>) -> String {
        let mut kept = KEPT_SECRET.iter().rev().fold(Value::String(secret.to_string()), |inner, key| {
            Value::Object(Map::from_iter([(key.to_string(), inner)]))
        });
        if let Value::Object(top) = &mut kept {
            top.insert(KEPT_REFRESH.to_string(), refresh.map_or(Value::Null, Value::String));
        }
        crate::json::text(&kept)
    }

    fn from_json(kept: &Value) -> Option<Kept> {
        let secret = KEPT_SECRET.iter().try_fold(kept, |v, key| v.get(key))?.as_str()?;
        let refresh = match kept.get(KEPT_REFRESH) {
            None | Some(Value::Null) => None,
            Some(v) => Some(v.as_str()?.to_string()),
        };
        Some(Kept { credential: Credential::Secret(secret.to_string()), refresh })
    }
}

/// Where a kept session is, for the boot script's early read: the storage
/// key and, for a secret, its place in that key's JSON (object keys,
/// outermost first). The store is the one [`kept_in`] names, the same
/// the recipe is written to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeptAt {
    pub key: &'static str,
    pub secret: Option<&'static [&'static str]>,
}

#[derive(Clone, Copy)]
pub struct Session {
    credential: RwSignal<Option<Credential>>,
    /// simplejwt's refresh token: renews an expired access token, and is
    /// blacklisted on sign-out.
    refresh: RwSignal<Option<String>>,
    /// Whether the person asked to be remembered: where the session is
    /// kept ([`kept_in`]), and where "remember me" starts when they sign in
    /// again.
    remember: RwSignal<bool>,
}

impl Session {
    /// A session with no credential, for tests and first visits.
    pub fn signed_out() -> Self {
        Session { credential: RwSignal::new(None), refresh: RwSignal::new(None), remember: RwSignal::new(false) }
    }

    /// Picks up the session kept for this browser (remembered) or for
    /// this tab (a reload).
    pub fn restore() -> Self {
        let session = Session::signed_out();
        if let Some((kept, remember)) = [true, false].into_iter().find_map(|r| read_kept(kept_in(r)).map(|k| (k, r))) {
            session.remember.set(remember);
            session.refresh.set(kept.refresh);
            session.credential.set(Some(kept.credential));
        }
        session
    }

    /// Whether this session is remembered on this browser: "remember me"
    /// in the sign-in dialog starts here.
    pub fn remembers_untracked(&self) -> bool {
        self.remember.get_untracked()
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
    /// backend gave one, and whether to remember it on this browser.
    pub fn sign_in(&self, credential: Credential, refresh: Option<String>, remember: bool) {
        forget_stored();
        self.remember.set(remember);
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
        let store = kept_in(self.remember.get_untracked());
        // Best effort: refused storage leaves the session in memory.
        let _ = match credential {
            Credential::Cookie => store.write(COOKIE_SESSION_KEY, "1"),
            Credential::Secret(secret) => {
                store.write(CREDENTIAL_KEY, &Kept::to_json(&secret, self.refresh.get_untracked()))
            }
        };
    }

    pub fn refresh_token(&self) -> Option<String> {
        self.refresh.get_untracked()
    }

    /// Where the credential is kept for the boot script's early read.
    pub fn kept(&self) -> Option<KeptAt> {
        match self.credential.get_untracked()? {
            Credential::Secret(_) => Some(KeptAt { key: CREDENTIAL_KEY, secret: Some(KEPT_SECRET) }),
            Credential::Cookie => Some(KeptAt { key: COOKIE_SESSION_KEY, secret: None }),
        }
    }

    /// Keeps the profile read's recipe where the credential is kept; the
    /// only writer of [`READ_RECIPE_KEY`].
    pub fn keep_read_recipe(&self, recipe: &str) {
        let store = kept_in(self.remember.get_untracked());
        if self.kept().is_some() && store.read(READ_RECIPE_KEY).as_deref() != Some(recipe) {
            let _ = store.write(READ_RECIPE_KEY, recipe);
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

/// The one rule for where a session is kept: remembered, on this browser
/// (`localStorage`); otherwise in this tab only (`sessionStorage`).
pub fn kept_in(remember: bool) -> Store {
    if remember {
        Store::Local
    } else {
        Store::Session
    }
}

/// The session kept in `store`, if any.
fn read_kept(store: Store) -> Option<Kept> {
    match store.read(CREDENTIAL_KEY) {
        Some(json) => Kept::from_json(&crate::json::parse(&json).ok()?),
        None => store.read(COOKIE_SESSION_KEY).map(|_| Kept { credential: Credential::Cookie, refresh: None }),
    }
}

/// Forgets the kept session in both stores (whichever rule kept it).
fn forget_stored() {
    for store in [Store::Local, Store::Session] {
        store.remove(CREDENTIAL_KEY);
        store.remove(COOKIE_SESSION_KEY);
        store.remove(READ_RECIPE_KEY);
    }
}

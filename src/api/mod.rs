//! The only code that talks HTTP. One private [`ApiClient::send`] adds the
//! auth the configured dialect wants, applies a timeout, and turns every
//! answer into JSON or a [`ClientError`] parsed by the model crate. The
//! modules on top say what to send: `auth` (sign in/out) and `profile`
//! (load, save, avatar).

pub mod account;
pub mod auth;
mod csrf;
mod early_read;
mod error;
mod fetch;
pub mod profile;
mod renew;

use std::sync::Arc;

use leptos::prelude::{GetUntracked, LocalStorage, Signal, StoredValue};
use profile_model::{AppConfig, AuthMode, Dialect, ErrorKind};
use serde_json::Value;

pub use error::ClientError;
pub use fetch::Body;

use crate::chunk::ChunkError;
use crate::session::Session;

/// How long a request may take before it is aborted and reported.
const DEFAULT_TIMEOUT_MS: i32 = 15_000;

/// HTTP client bound to one backend (from the runtime config) and the
/// person's session. Cheap to clone.
#[derive(Clone)]
pub struct ApiClient {
    config: Arc<AppConfig>,
    session: Session,
    timeout_ms: i32,
    /// The access-token renewal under way, shared by every request that
    /// found the token expired meanwhile.
    renewal: StoredValue<Option<renew::Renewal>, LocalStorage>,
    /// The CSRF token from the `csrf` endpoint, for when the `csrftoken`
    /// cookie belongs to another site and cannot be read.
    csrf_token: StoredValue<Option<String>>,
    /// The person's language, sent as `Accept-Language` on every call so a
    /// Django backend with LocaleMiddleware answers in it.
    language: Signal<&'static str>,
}

impl ApiClient {
    pub fn new(config: AppConfig, session: Session) -> Self {
        ApiClient {
            config: Arc::new(config),
            session,
            timeout_ms: DEFAULT_TIMEOUT_MS,
            renewal: StoredValue::new_local(None),
            csrf_token: StoredValue::new(None),
            language: Signal::stored("en"),
        }
    }

    /// The same client, asking the backend for answers in `language`.
    pub fn with_language(mut self, language: Signal<&'static str>) -> Self {
        self.language = language;
        self
    }

    /// The same client with another timeout (tests use short ones).
    pub fn with_timeout_ms(mut self, timeout_ms: i32) -> Self {
        self.timeout_ms = timeout_ms;
        self
    }

    pub fn config(&self) -> &AppConfig {
        &self.config
    }

    pub fn dialect(&self) -> &'static Dialect {
        self.config.dialect
    }

    pub fn session(&self) -> Session {
        self.session
    }

    /// Signed out, a request could only be refused, and a Basic-first
    /// backend (letraz) would make the browser pop up its own login box:
    /// answer "unauthorized" without asking.
    fn require_credential(&self) -> Result<(), ClientError> {
        if self.session.is_signed_in_untracked() {
            return Ok(());
        }
        Err(ClientError::Api(profile_model::ApiError::status_only(401, None)))
    }

    /// Sends one request with the session's credentials and reads the
    /// answer: JSON on 2xx (an empty body reads as `null`), a parsed
    /// [`ClientError`] otherwise. A credential the backend no longer takes
    /// is renewed once where simplejwt gave a refresh token, and the
    /// request sent again once; still refused, it is the caller's 401.
    async fn send(&self, method: &str, url: &str, body: Body) -> Result<Value, ClientError> {
        let auth = self.session.auth_header(self.config.auth);
        match self.send_recognising_lost_credential(auth.as_deref(), method, url, body.clone()).await {
            Err(e) if e.is_unauthorized() && self.can_renew() && self.renew(auth.as_deref()).await => {
                let renewed = self.session.auth_header(self.config.auth);
                self.send_recognising_lost_credential(renewed.as_deref(), method, url, body).await
            }
            other => other,
        }
    }

    /// A 403 that is not about CSRF may mean "who are you?": DRF answers
    /// 403 rather than 401 for a lost credential when its first
    /// authentication class sends no `WWW-Authenticate` (Session, or a
    /// custom JWT class such as letraz's). The same credential then reads
    /// the current user once: refused too, the credential is gone and the
    /// answer becomes a 401 (the sign-in dialog); read fine, the 403 is a
    /// real permission refusal and stays one. One probe, never a loop.
    async fn send_recognising_lost_credential(
        &self,
        auth: Option<&str>,
        method: &str,
        url: &str,
        body: Body,
    ) -> Result<Value, ClientError> {
        match self.send_as(auth, method, url, body).await {
            Err(ClientError::Api(refused)) if refused.kind == ErrorKind::Forbidden => {
                let read = self.config.endpoints.read.clone();
                let read_url = self.config.url(&read, None);
                // The refused request was that read: asking again would
                // only repeat its answer.
                if method == read.method && url == read_url {
                    return Err(ClientError::Api(refused.credential_lost()));
                }
                let probe = self.send_as(auth, &read.method, &read_url, Body::None).await;
                match probe {
                    Err(e) if e.is_unauthorized() || e.kind() == Some(&ErrorKind::Forbidden) => {
                        Err(ClientError::Api(refused.credential_lost()))
                    }
                    _ => Err(ClientError::Api(refused)),
                }
            }
            other => other,
        }
    }

    /// One request with the given `Authorization` (sign-out tells the
    /// backend after forgetting the session; sign-in sends none) and, on
    /// unsafe methods of a cookie session, the CSRF token: a CSRF refusal
    /// fetches a fresh token and sends once more.
    async fn send_as(
        &self,
        authorization: Option<&str>,
        method: &str,
        url: &str,
        body: Body,
    ) -> Result<Value, ClientError> {
        let csrf = self.csrf_for(method, false).await;
        match self.exchange(authorization, method, url, body.clone(), csrf.as_deref()).await {
            Err(ClientError::Api(refused)) if refused.kind == ErrorKind::Csrf => {
                match self.csrf_for(method, true).await {
                    Some(fresh) => self.exchange(authorization, method, url, body, Some(&fresh)).await,
                    None => Err(ClientError::Api(refused)),
                }
            }
            other => other,
        }
    }

    /// One fetch, its answer read.
    async fn exchange(
        &self,
        authorization: Option<&str>,
        method: &str,
        url: &str,
        body: Body,
        csrf: Option<&str>,
    ) -> Result<Value, ClientError> {
        let headers = self.headers(authorization, csrf);
        // The profile read: the boot script's answer if it sent this very
        // request (`early_read.rs`), and its recipe kept for the next load.
        let is_read = self.is_read(method, url, &body);
        let recipe = if is_read { self.read_recipe(&headers) } else { None };
        let early = if is_read { early_read::take(recipe.as_deref()) } else { None };
        let answer = match early {
            Some(early) => early.answer().await?,
            None => fetch::send(method, url, body, headers, self.timeout_ms).await?,
        };
        if (200..300).contains(&answer.status) {
            if let Some(recipe) = &recipe {
                self.session.keep_read_recipe(recipe);
            }
            if answer.body.trim().is_empty() {
                return Ok(Value::Null);
            }
            return crate::json::parse(&answer.body)
                .map_err(|_| ClientError::Api(profile_model::ApiError::malformed(answer.status)));
        }
        let status = answer.status;
        let retry_after = answer.retry_after.as_deref().and_then(profile_model::parse_error::parse_retry_after);
        let error = reading_error(self.dialect(), status, answer.content_type, answer.body, retry_after)
            .await
            .unwrap_or_else(|ChunkError| profile_model::ApiError::status_only(status, retry_after));
        Err(ClientError::Api(error))
    }

    /// What a request says besides its body.
    fn headers<'a>(&self, authorization: Option<&'a str>, csrf: Option<&'a str>) -> fetch::Headers<'a> {
        let language = self.language.get_untracked();
        let with_cookies = self.config().auth == AuthMode::Session;
        fetch::Headers { authorization, csrf, language, with_cookies }
    }

    fn is_read(&self, method: &str, url: &str, body: &Body) -> bool {
        let read = &self.config.endpoints.read;
        method == read.method && url == self.config.url(read, None) && matches!(body, Body::None)
    }

    /// The recipe of the profile read sent with `headers` (`early_read.rs`)
    /// when it carries the session's own credential and the session is kept.
    fn read_recipe(&self, headers: &fetch::Headers<'_>) -> Option<String> {
        if headers.authorization != self.session.auth_header(self.config.auth).as_deref() {
            return None;
        }
        let read = &self.config.endpoints.read;
        let url = self.config.url(read, None);
        early_read::recipe(
            &read.method,
            &url,
            headers,
            self.config.auth.scheme(),
            self.timeout_ms,
            self.session.kept()?,
        )
    }

    /// Keeps the recipe of the profile read as it would be sent now (the
    /// language changed: the next load's early read must speak it).
    pub fn keep_read_recipe(&self) {
        let authorization = self.session.auth_header(self.config.auth);
        if let Some(recipe) = self.read_recipe(&self.headers(authorization.as_deref(), None)) {
            self.session.keep_read_recipe(&recipe);
        }
    }
}

// Reading a refusal's body (its envelope, field and form messages) comes on
// the first refusal, off every first screen. Should that code not arrive,
// the status still says what kind of refusal it was.
on_demand!(api_errors: fn reading_error(
    dialect: &'static Dialect,
    status: u16,
    content_type: Option<String>,
    body: String,
    retry_after: Option<u64>,
) -> profile_model::ApiError {
    let envelope = &dialect.error_envelope;
    profile_model::parse_error_with(crate::json::parse, envelope, status, content_type.as_deref(), &body, retry_after)
});

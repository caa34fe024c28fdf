//! The only code that talks HTTP. One private `send()` adds auth and turns
//! every answer into either a decoded value or an [`ApiError`]; the dialect
//! modules build on it.

pub mod pwgen;

use std::fmt;

use gloo_net::http::{Request, RequestBuilder};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::session::Session;

/// Everything that can go wrong talking to a backend, in a form a page can
/// show. `Clone + PartialEq` so it can live in a signal.
#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// The request never got an answer (offline, refused, CORS).
    Network(String),
    /// 401: the token is missing, expired or wrong.
    Unauthorized(String),
    /// Any other non-2xx answer, with the server's text kept verbatim.
    Http { status: u16, message: String },
    /// A 2xx answer whose body is not what the contract promises.
    BadAnswer(String),
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::Network(e) => write!(f, "Could not reach the server: {e}"),
            ApiError::Unauthorized(m) => write!(f, "Please sign in again. ({m})"),
            ApiError::Http { status, message } => write!(f, "The server answered {status}: {message}"),
            ApiError::BadAnswer(e) => write!(f, "The server's answer could not be read: {e}"),
        }
    }
}

/// HTTP client bound to one backend and the person's session.
#[derive(Clone)]
pub struct ApiClient {
    base_url: String,
    session: Session,
}

#[derive(Clone, Copy)]
enum Method {
    Post,
    Put,
}

impl ApiClient {
    pub fn new(base_url: impl Into<String>, session: Session) -> Self {
        ApiClient { base_url: base_url.into().trim_end_matches('/').to_string(), session }
    }

    /// The app served by the backend itself: relative URLs.
    pub fn same_origin(session: Session) -> Self {
        ApiClient::new("", session)
    }

    pub fn session(&self) -> Session {
        self.session
    }

    async fn send<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<&impl Serialize>,
    ) -> Result<T, ApiError> {
        let url = format!("{}{}", self.base_url, path);
        let mut builder: RequestBuilder = match method {
            Method::Post => Request::post(&url),
            Method::Put => Request::put(&url),
        };
        if let Some(token) = self.session.token() {
            builder = builder.header("Authorization", &format!("Bearer {token}"));
        }
        let request = match body {
            Some(body) => builder.json(body).map_err(|e| ApiError::BadAnswer(e.to_string()))?,
            None => builder.build().map_err(|e| ApiError::Network(e.to_string()))?,
        };
        let response = request.send().await.map_err(|e| ApiError::Network(e.to_string()))?;
        let status = response.status();
        let text = response.text().await.map_err(|e| ApiError::Network(e.to_string()))?;
        if (200..300).contains(&status) {
            return serde_json::from_str(&text).map_err(|e| ApiError::BadAnswer(e.to_string()));
        }
        let message = server_message(&text);
        Err(match status {
            401 => ApiError::Unauthorized(message),
            _ => ApiError::Http { status, message },
        })
    }
}

/// The human part of a DRF error body, verbatim; the raw text otherwise.
fn server_message(body: &str) -> String {
    match serde_json::from_str::<serde_json::Value>(body) {
        Ok(serde_json::Value::Object(map)) => map
            .iter()
            .map(|(k, v)| match v {
                serde_json::Value::String(s) => format!("{k}: {s}"),
                other => format!("{k}: {other}"),
            })
            .collect::<Vec<_>>()
            .join("; "),
        _ => body.chars().take(200).collect(),
    }
}

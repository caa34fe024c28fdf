use std::fmt;

use profile_model::{ApiError, ErrorKind, Message};

/// Everything that can go wrong talking to a backend, in a form a page can
/// show. `Clone + PartialEq` so it can live in a signal.
#[derive(Clone, Debug, PartialEq)]
pub enum ClientError {
    /// The request got no answer: offline, refused, blocked by CORS.
    Network,
    /// No answer within the client's timeout; the request was aborted.
    Timeout,
    /// The server answered with an error (or a 2xx we cannot read).
    Api(ApiError),
    /// The sign-in worked, but the browser does not send the API's session
    /// cookie back from this site.
    CookieBlocked,
}

impl ClientError {
    pub fn kind(&self) -> Option<&ErrorKind> {
        match self {
            ClientError::Api(e) => Some(&e.kind),
            _ => None,
        }
    }

    pub fn is_unauthorized(&self) -> bool {
        matches!(self.kind(), Some(ErrorKind::Unauthorized))
    }

    /// Worth offering "Try again": the request may succeed unchanged.
    pub fn is_retryable(&self) -> bool {
        match self {
            ClientError::Network | ClientError::Timeout => true,
            ClientError::Api(e) => e.kind.is_transient(),
            ClientError::CookieBlocked => false,
        }
    }

    /// Seconds the server asked us to wait (429 `Retry-After`).
    pub fn retry_after(&self) -> Option<u64> {
        match self.kind() {
            Some(ErrorKind::RateLimited { retry_after }) => *retry_after,
            _ => None,
        }
    }

    /// The form-level message(s): what went wrong as a whole. Field errors
    /// are placed under their inputs by the page.
    pub fn form_messages(&self) -> Vec<Message> {
        match self {
            ClientError::Network => vec![Message::rule("error.network")],
            ClientError::Timeout => vec![Message::rule("error.timeout")],
            ClientError::CookieBlocked => vec![Message::rule("error.cookie_blocked")],
            ClientError::Api(e) => {
                let mut messages: Vec<Message> = e.errors.form().to_vec();
                if messages.is_empty() {
                    messages.push(e.kind.message());
                }
                messages
            }
        }
    }
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let texts: Vec<String> = self.form_messages().iter().map(crate::i18n::english).collect();
        f.write_str(&texts.join(" "))
    }
}

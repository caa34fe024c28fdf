//! Responses shaped as Django and Django REST Framework send them: JSON
//! `{"detail": …}` and field-error maps, and Django's own HTML error pages
//! (what a client sees on a crash, an unknown path, or from a proxy).

use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

pub fn json(status: StatusCode, body: Value) -> Response {
    (status, axum::Json(body)).into_response()
}

pub fn ok(body: Value) -> Response {
    json(StatusCode::OK, body)
}

pub fn detail(status: StatusCode, message: &str) -> Response {
    json(status, json!({ "detail": message }))
}

pub fn html(status: StatusCode, body: String) -> Response {
    (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
}

fn django_page(title: &str, message: &str) -> String {
    format!(
        "\n<!doctype html>\n<html lang=\"en\">\n<head>\n  <title>{title}</title>\n</head>\n<body>\n  <h1>{title}</h1><p>{message}</p>\n</body>\n</html>\n"
    )
}

/// Django's production 500 page (`DEBUG = False`).
pub fn server_error() -> Response {
    html(StatusCode::INTERNAL_SERVER_ERROR, django_page("Server Error (500)", ""))
}

/// Django's production 404 page, for paths no URL pattern matches.
pub fn page_not_found() -> Response {
    html(StatusCode::NOT_FOUND, django_page("Not Found", "The requested resource was not found on this server."))
}

/// What nginx answers when the body exceeds `client_max_body_size`.
pub fn entity_too_large() -> Response {
    html(
        StatusCode::PAYLOAD_TOO_LARGE,
        "<html>\r\n<head><title>413 Request Entity Too Large</title></head>\r\n<body>\r\n<center><h1>413 Request Entity Too Large</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n".into(),
    )
}

/// Why a handler (or an extractor) answers something other than its
/// success: each variant renders as the Django, DRF or proxy answer it
/// stands for, so `?` can bail out from anywhere with the right bytes.
#[derive(Debug)]
pub enum ApiError {
    /// An unhandled exception (storage, files): logged, then Django's 500
    /// page.
    Internal(String),
    /// Django's 404 page: no URL pattern matches.
    NotFound,
    /// nginx's 413: the body is over `client_max_body_size`.
    TooLarge,
    /// DRF's `MethodNotAllowed`.
    MethodNotAllowed(Method),
    /// An authentication or permission refusal: 401 with `WWW-Authenticate`
    /// when there is a challenge (the view's first authentication class
    /// defines one), 403 otherwise.
    Refused { challenge: Option<&'static str>, body: Value },
    /// `{"detail": …}` with any status (`ParseError`, `UnsupportedMediaType`…).
    Detail(StatusCode, String),
    /// DRF's `Throttled`, with the whole seconds to wait.
    Throttled(u64),
    /// A serializer's field errors: 400.
    Fields(FieldErrors),
    /// A dialect's own envelope (pwgen's `{"error": …}`, letraz's
    /// `ErrorResponse`), already rendered. Boxed to keep the error small.
    Response(Box<Response>),
}

/// What handlers answer: `?` turns any failure into its HTTP answer.
pub type Reply<T = Response> = Result<T, ApiError>;

impl ApiError {
    /// An unhandled failure, logged when answered.
    pub fn internal(err: impl std::fmt::Display) -> ApiError {
        ApiError::Internal(err.to_string())
    }

    /// DRF's `NotAuthenticated` under `challenge`.
    pub fn not_authenticated(challenge: Option<&'static str>) -> ApiError {
        ApiError::Refused { challenge, body: json!({ "detail": NOT_AUTHENTICATED }) }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            ApiError::Internal(err) => {
                tracing::error!("internal error: {err}");
                server_error()
            }
            ApiError::NotFound => page_not_found(),
            ApiError::TooLarge => entity_too_large(),
            ApiError::MethodNotAllowed(method) => {
                detail(StatusCode::METHOD_NOT_ALLOWED, &format!("Method \"{method}\" not allowed."))
            }
            ApiError::Refused { challenge: Some(h), body } => {
                let mut r = json(StatusCode::UNAUTHORIZED, body);
                if let Ok(v) = HeaderValue::from_str(h) {
                    r.headers_mut().insert(header::WWW_AUTHENTICATE, v);
                }
                r
            }
            ApiError::Refused { challenge: None, body } => json(StatusCode::FORBIDDEN, body),
            ApiError::Detail(status, message) => detail(status, &message),
            ApiError::Throttled(wait) => {
                let unit = if wait == 1 { "second" } else { "seconds" };
                let mut r = detail(
                    StatusCode::TOO_MANY_REQUESTS,
                    &format!("Request was throttled. Expected available in {wait} {unit}."),
                );
                r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(wait));
                r
            }
            ApiError::Fields(errors) => json(StatusCode::BAD_REQUEST, errors.into_value()),
            ApiError::Response(r) => *r,
        }
    }
}

impl From<Response> for ApiError {
    fn from(r: Response) -> ApiError {
        ApiError::Response(Box::new(r))
    }
}

impl From<FieldErrors> for ApiError {
    fn from(errors: FieldErrors) -> ApiError {
        ApiError::Fields(errors)
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(err: rusqlite::Error) -> ApiError {
        ApiError::internal(err)
    }
}

pub const NOT_AUTHENTICATED: &str = "Authentication credentials were not provided.";

/// Field errors in DRF's shape: `{"field": ["message", …]}`, with nested
/// serializers as nested objects (`{"details": {"bio": […]}}`).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct FieldErrors(pub serde_json::Map<String, Value>);

impl FieldErrors {
    /// Just one message, at `path`.
    pub fn of(path: &str, message: impl Into<String>) -> FieldErrors {
        let mut e = FieldErrors::default();
        e.add(path, message);
        e
    }

    pub fn add(&mut self, path: &str, message: impl Into<String>) {
        let mut map = &mut self.0;
        let mut parts = path.split('.').peekable();
        while let Some(part) = parts.next() {
            if parts.peek().is_none() {
                let entry = map.entry(part.to_string()).or_insert_with(|| Value::Array(vec![]));
                if let Value::Array(list) = entry {
                    list.push(Value::String(message.into()));
                }
                return;
            }
            let entry = map.entry(part.to_string()).or_insert_with(|| Value::Object(Default::default()));
            if !entry.is_object() {
                *entry = Value::Object(Default::default());
            }
            map = entry.as_object_mut().expect("just made an object");
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn into_value(self) -> Value {
        Value::Object(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusal_is_401_only_with_a_challenge() {
        let r = ApiError::Refused { challenge: Some("Token"), body: json!({}) }.into_response();
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(r.headers()[header::WWW_AUTHENTICATE], "Token");
        let r = ApiError::Refused { challenge: None, body: json!({}) }.into_response();
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        assert!(r.headers().get(header::WWW_AUTHENTICATE).is_none());
    }

    #[test]
    fn nests_dotted_paths() {
        let mut e = FieldErrors::default();
        e.add("email", "a");
        e.add("details.bio", "b");
        e.add("details.bio", "c");
        assert_eq!(e.into_value(), json!({"email": ["a"], "details": {"bio": ["b", "c"]}}));
    }
}

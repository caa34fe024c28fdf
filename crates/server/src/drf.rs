//! Responses shaped as Django and Django REST Framework send them: JSON
//! `{"detail": …}` and field-error maps, and Django's own HTML error pages
//! (what a client sees on a crash, an unknown path, or from a proxy).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

/// Handlers answer `Result<Response, Response>` so `?` can bail out with a
/// ready error response.
pub type Reply = Result<Response, Response>;

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

/// DRF's `MethodNotAllowed`.
pub fn method_not_allowed(method: &str) -> Response {
    detail(StatusCode::METHOD_NOT_ALLOWED, &format!("Method \"{method}\" not allowed."))
}

/// Logs a storage failure and answers as Django would on an unhandled
/// exception.
pub fn internal(err: impl std::fmt::Display) -> Response {
    eprintln!("reference-server: internal error: {err}");
    server_error()
}

/// A DRF authentication or permission refusal. DRF answers 401 with a
/// `WWW-Authenticate` header when the view's *first* authentication class
/// defines one, and 403 otherwise.
pub fn auth_refusal(www_authenticate: Option<&str>, body: Value) -> Response {
    match www_authenticate {
        Some(h) => {
            let mut r = json(StatusCode::UNAUTHORIZED, body);
            if let Ok(v) = HeaderValue::from_str(h) {
                r.headers_mut().insert(header::WWW_AUTHENTICATE, v);
            }
            r
        }
        None => json(StatusCode::FORBIDDEN, body),
    }
}

pub const NOT_AUTHENTICATED: &str = "Authentication credentials were not provided.";

/// Field errors in DRF's shape: `{"field": ["message", …]}`, with nested
/// serializers as nested objects (`{"details": {"bio": […]}}`).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct FieldErrors(pub serde_json::Map<String, Value>);

impl FieldErrors {
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
        let r = auth_refusal(Some("Token"), json!({}));
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(r.headers()[header::WWW_AUTHENTICATE], "Token");
        let r = auth_refusal(None, json!({}));
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

//! One parser for every failed answer the five backends can give: DRF field
//! errors (flat, nested, per list item), `non_field_errors`, bare lists,
//! `{"detail"}`, `{"error": "..."}`, letraz's envelope, HTML and empty
//! bodies. Server text is kept verbatim; where the server said nothing
//! usable, a rule message for the kind of failure stands in.

use crate::config::ReadJson;
use crate::{FieldErrors, Message};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What went wrong, for the UI to decide what to do (sign in again, retry…).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum ErrorKind {
    /// 400/422: the server rejected some values.
    Validation,
    /// 401.
    Unauthorized,
    /// 403.
    Forbidden,
    /// 403 whose message says "CSRF Failed": reload for a fresh token.
    Csrf,
    /// 404.
    NotFound,
    /// 413: the upload is too large.
    TooLarge,
    /// 415.
    Unsupported,
    /// 429, with the Retry-After seconds when the server sent them.
    RateLimited { retry_after: Option<u64> },
    /// 500 and other 5xx not below.
    Server,
    /// 502, 503, 504: a proxy or a restarting server; retry later.
    Unavailable,
    /// A 400 whose body says nothing we understand, or a success answer
    /// that does not parse.
    Malformed,
    /// Any other status.
    Other { status: u16 },
}

impl ErrorKind {
    /// From the status alone (CSRF needs the body, see [`parse_error`]).
    pub fn from_status(status: u16, retry_after: Option<u64>) -> ErrorKind {
        match status {
            400 | 422 => ErrorKind::Validation,
            401 => ErrorKind::Unauthorized,
            403 => ErrorKind::Forbidden,
            404 => ErrorKind::NotFound,
            413 => ErrorKind::TooLarge,
            415 => ErrorKind::Unsupported,
            429 => ErrorKind::RateLimited { retry_after },
            502..=504 => ErrorKind::Unavailable,
            500..=599 => ErrorKind::Server,
            _ => ErrorKind::Other { status },
        }
    }

    /// The rule message describing this kind.
    pub fn message(self) -> Message {
        match self {
            ErrorKind::Validation => Message::rule("error.http.validation"),
            ErrorKind::Unauthorized => Message::rule("error.http.unauthorized"),
            ErrorKind::Forbidden => Message::rule("error.http.forbidden"),
            ErrorKind::Csrf => Message::rule("error.http.csrf"),
            ErrorKind::NotFound => Message::rule("error.http.not_found"),
            ErrorKind::TooLarge => Message::rule("error.http.too_large"),
            ErrorKind::Unsupported => Message::rule("error.http.unsupported"),
            ErrorKind::RateLimited { retry_after: Some(s) } => {
                Message::rule("error.http.rate_limited").with("seconds", s)
            }
            ErrorKind::RateLimited { retry_after: None } => Message::rule("error.http.rate_limited_later"),
            ErrorKind::Server => Message::rule("error.http.server"),
            ErrorKind::Unavailable => Message::rule("error.http.unavailable"),
            ErrorKind::Malformed => Message::rule("error.http.malformed"),
            ErrorKind::Other { status } => Message::rule("error.http.other").with("status", status),
        }
    }

    /// Worth retrying the same request later.
    pub fn is_transient(self) -> bool {
        matches!(self, ErrorKind::RateLimited { .. } | ErrorKind::Unavailable)
    }
}

/// A failed answer, parsed: its kind and every message, field and form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    pub status: u16,
    pub kind: ErrorKind,
    /// Field messages by path, and form-level messages (never both empty).
    pub errors: FieldErrors,
    /// letraz's error `code` or `uuid`, for support requests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

impl ApiError {
    /// A 403 the same credential also gets when reading the current user:
    /// the backend no longer knows the person (DRF's 403 for a lost
    /// credential), handled as a 401. The server's words stay.
    pub fn credential_lost(mut self) -> ApiError {
        self.kind = ErrorKind::Unauthorized;
        self
    }

    /// What the status alone says: the error [`parse_error_with`] makes of
    /// an answer with nothing readable in its body (the app's own 401
    /// before asking, or when the code that reads bodies cannot arrive).
    pub fn status_only(status: u16, retry_after: Option<u64>) -> ApiError {
        let kind = match ErrorKind::from_status(status, retry_after) {
            // A refusal of the data that says nothing about it.
            ErrorKind::Validation => ErrorKind::Malformed,
            kind => kind,
        };
        let mut errors = FieldErrors::new();
        errors.add_form(kind.message());
        ApiError { status, kind, errors, reference: None }
    }

    /// For an answer whose body could not be read as expected (a 200 that
    /// is not the JSON the dialect promises).
    pub fn malformed(status: u16) -> ApiError {
        let mut errors = FieldErrors::new();
        errors.add_form(ErrorKind::Malformed.message());
        ApiError { status, kind: ErrorKind::Malformed, errors, reference: None }
    }
}

/// Parses an error answer. `content_type` is the header as sent (may be
/// absent); `retry_after` is the Retry-After header in seconds (see
/// [`parse_retry_after`]).
pub fn parse_error(status: u16, content_type: Option<&str>, body: &str, retry_after: Option<u64>) -> ApiError {
    parse_error_in(DEFAULT_ENVELOPE, status, content_type, body, retry_after)
}

/// The key of an error envelope (`{"error": {message, details}}`) unless a
/// dialect file names another.
pub const DEFAULT_ENVELOPE: &str = "error";

/// [`parse_error`] for a backend whose exception handler wraps errors as
/// `{"<envelope>": {"message", "details", …}}` (the dialect file's
/// `error_envelope`).
pub fn parse_error_in(
    envelope: &str,
    status: u16,
    content_type: Option<&str>,
    body: &str,
    retry_after: Option<u64>,
) -> ApiError {
    parse_error_with(crate::config::serde_json_text, envelope, status, content_type, body, retry_after)
}

/// [`parse_error_in`] with JSON text read by `read`.
pub fn parse_error_with(
    read: ReadJson,
    envelope: &str,
    status: u16,
    content_type: Option<&str>,
    body: &str,
    retry_after: Option<u64>,
) -> ApiError {
    let mut kind = ErrorKind::from_status(status, retry_after);
    let mut errors = FieldErrors::new();
    let mut reference = None;
    let trimmed = body.trim();
    let ct = content_type.unwrap_or("").to_ascii_lowercase();
    let looks_html = ct.contains("html") || trimmed.starts_with('<');

    match parse_json_with(trimmed, read) {
        Some(json) if !looks_html || trimmed.starts_with(['{', '[']) => {
            reference = collect_top(&json, &mut errors, Some(read), envelope);
        }
        _ if !trimmed.is_empty() && !looks_html && trimmed.chars().count() <= 500 => {
            // A short plain-text answer is a message in itself.
            errors.add_form(Message::server(trimmed));
        }
        _ => {}
    }

    if kind == ErrorKind::Forbidden && mentions_csrf(&errors) {
        kind = ErrorKind::Csrf;
        // Django's reason names the token, not the remedy: say that first.
        let said = errors.form().to_vec();
        errors.clear_form();
        errors.add_form(kind.message());
        said.into_iter().for_each(|m| errors.add_form(m));
    }
    if errors.is_empty() {
        return ApiError { reference, ..ApiError::status_only(status, retry_after) };
    }
    ApiError { status, kind, errors, reference }
}

/// The most nesting a body may have; deeper ones are not read as JSON.
/// serde_json stops at 128 too, but checking here first keeps the
/// recursion below (and serde_json's own) bounded even if a build enables
/// serde_json's `unbounded_depth`: the browser's stack is 1 MiB.
pub const MAX_JSON_DEPTH: usize = 128;

/// JSON text into a value, if it is JSON no deeper than [`MAX_JSON_DEPTH`].
pub fn parse_json(text: &str) -> Option<Value> {
    parse_json_with(text, crate::config::serde_json_text)
}

fn parse_json_with(text: &str, read: ReadJson) -> Option<Value> {
    if !depth_within(text, MAX_JSON_DEPTH) {
        return None;
    }
    read(text).ok()
}

/// True when the brackets of `text` (outside strings) nest at most `max`
/// deep. One pass over the bytes, no recursion.
pub fn depth_within(text: &str, max: usize) -> bool {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for b in text.bytes() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    return false;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    true
}

/// `Retry-After` as delta-seconds (an HTTP date gives `None`).
pub fn parse_retry_after(header: &str) -> Option<u64> {
    header.trim().parse().ok()
}

fn mentions_csrf(errors: &FieldErrors) -> bool {
    errors.form().iter().any(|m| matches!(m, Message::Server { text } if text.contains("CSRF Failed")))
}

/// The top level: envelope keys first, then DRF field errors. An envelope
/// may carry its field errors as JSON text; that text is read only at the
/// top (`read_text`, the reader of that text), never again inside it, so
/// nothing recurses on strings within strings.
fn collect_top(json: &Value, errors: &mut FieldErrors, read_text: Option<ReadJson>, envelope: &str) -> Option<String> {
    let Value::Object(map) = json else {
        collect(json, "", errors);
        return None;
    };
    let mut reference = None;
    for (key, value) in map {
        match (key.as_str(), value) {
            ("detail" | "message" | "non_field_errors" | "__all__", v) => collect(v, "", errors),
            (key, Value::Object(env)) if key == envelope => {
                reference = collect_envelope(env, errors, read_text, envelope)
            }
            ("error" | "errors", v) => collect(v, "", errors),
            // Status echoes and codes that DRF-ish handlers add.
            ("code" | "status" | "status_code", _) => {}
            // simplejwt's 401 lists the token classes it tried under
            // `messages`, next to its `detail`: one failure, said once.
            ("messages", _) if map.contains_key("detail") => {}
            (field, v) => collect(v, field, errors),
        }
    }
    reference
}

/// letraz: `{uuid, code, message, details, extra}`. The message is for
/// people; `details` may carry field errors; `extra` never is shown.
fn collect_envelope(
    env: &serde_json::Map<String, Value>,
    errors: &mut FieldErrors,
    read_text: Option<ReadJson>,
    envelope: &str,
) -> Option<String> {
    let before = errors.len();
    if let Some(Value::Object(details)) = env.get("details") {
        for (k, v) in details {
            match k.as_str() {
                "non_field_errors" | "__all__" | "detail" => collect(v, "", errors),
                field => collect(v, field, errors),
            }
        }
    } else if let (Some(Value::String(s)), Some(read)) = (env.get("details"), read_text) {
        // Some handlers put the serializer errors there as JSON text.
        if let Some(inner @ Value::Object(_)) = parse_json_with(s, read) {
            collect_top(&inner, errors, None, envelope);
        }
    }
    if let Some(m) = env.get("message").and_then(Value::as_str).filter(|m| !m.trim().is_empty()) {
        if errors.len() == before || !m.eq_ignore_ascii_case("validation error") {
            errors.add_form(Message::server(m));
        }
    }
    let code = env.get("code").and_then(Value::as_str);
    let uuid = env.get("uuid").and_then(Value::as_str);
    uuid.or(code).map(str::to_string)
}

/// Messages at `path` (empty path: the form). Objects nest, lists of
/// lists or objects are per item (`skills.0`).
fn collect(value: &Value, path: &str, errors: &mut FieldErrors) {
    let mut add = |m: Message| {
        if path.is_empty() {
            errors.add_form(m)
        } else {
            errors.add(path, m)
        }
    };
    match value {
        Value::String(s) if !s.trim().is_empty() => add(Message::server(s.clone())),
        Value::Number(n) => add(Message::server(n.to_string())),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                match item {
                    Value::Array(_) | Value::Object(_) => collect(item, &join(path, &i.to_string()), errors),
                    _ => collect(item, path, errors),
                }
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                match k.as_str() {
                    // Nested serializer's own errors belong to its field.
                    "non_field_errors" | "__all__" => collect(v, path, errors),
                    // DRF ErrorDetail rendered as {"string": ..., "code": ...}.
                    "string" | "message" if map.contains_key("code") => collect(v, path, errors),
                    "code" if map.contains_key("string") || map.contains_key("message") => {}
                    _ => collect(v, &join(path, k), errors),
                }
            }
        }
        _ => {}
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn json(status: u16, body: &str) -> ApiError {
        parse_error(status, Some("application/json"), body, None)
    }

    #[test]
    fn drf_flat_field_errors() {
        let e = json(
            400,
            r#"{"email":["This field must be a valid email address."],"username":["A user with that username already exists."]}"#,
        );
        assert_eq!(e.kind, ErrorKind::Validation);
        assert_eq!(e.errors.get("email"), [Message::server("This field must be a valid email address.")]);
        assert_eq!(e.errors.get("username").len(), 1);
        assert!(e.errors.form().is_empty());
    }

    #[test]
    fn drf_nested_field_errors_become_dotted_paths() {
        let e = json(400, r#"{"details":{"bio":["Too long."],"non_field_errors":["Bad details."]}}"#);
        assert_eq!(e.errors.get("details.bio"), [Message::server("Too long.")]);
        assert_eq!(e.errors.get("details"), [Message::server("Bad details.")]);
    }

    #[test]
    fn drf_list_item_errors_as_object_or_list() {
        let e = json(400, r#"{"skills":{"0":["Not a valid string."]}}"#);
        assert_eq!(e.errors.get("skills.0").len(), 1);
        let e = json(400, r#"{"skills":[["Not a valid string."],[]]}"#);
        assert_eq!(e.errors.get("skills.0").len(), 1);
        assert_eq!(e.errors.for_field("skills").len(), 1);
        let e = json(400, r#"{"focus_area":[{},{"name":["Required."]}]}"#);
        assert_eq!(e.errors.get("focus_area.1.name").len(), 1);
    }

    #[test]
    fn non_field_errors_and_bare_list_are_form_level() {
        let e = json(400, r#"{"non_field_errors":["Passwords differ."]}"#);
        assert_eq!(e.errors.form(), [Message::server("Passwords differ.")]);
        let e = json(400, r#"["Something is off.", "And this."]"#);
        assert_eq!(e.errors.form().len(), 2);
    }

    #[test]
    fn detail_answers_keep_server_text() {
        let e = json(401, r#"{"detail":"Authentication credentials were not provided."}"#);
        assert_eq!(e.kind, ErrorKind::Unauthorized);
        assert_eq!(e.errors.form(), [Message::server("Authentication credentials were not provided.")]);
        let e = json(404, r#"{"detail":"Not found."}"#);
        assert_eq!(e.kind, ErrorKind::NotFound);
    }

    #[test]
    fn error_string_answers_keep_server_text() {
        let e = json(500, r#"{"error": "No Users matches the given query."}"#);
        assert_eq!(e.kind, ErrorKind::Server);
        assert_eq!(e.errors.form(), [Message::server("No Users matches the given query.")]);
        let e = json(403, r#"{"error": "Not authorized"}"#);
        assert_eq!(e.kind, ErrorKind::Forbidden);
    }

    #[test]
    fn simplejwt_invalid_token_says_its_detail_once() {
        let e = json(
            401,
            r#"{"detail":"Given token not valid for any token type","code":"token_not_valid",
                "messages":[{"token_class":"AccessToken","token_type":"access","message":"Token is invalid or expired"}]}"#,
        );
        assert_eq!(e.kind, ErrorKind::Unauthorized);
        assert_eq!(e.errors.form(), [Message::server("Given token not valid for any token type")]);
        assert_eq!(e.errors.paths().count(), 0);
    }

    #[test]
    fn csrf_failure_is_its_own_kind() {
        let e = json(403, r#"{"detail":"CSRF Failed: CSRF token missing."}"#);
        assert_eq!(e.kind, ErrorKind::Csrf);
        assert_eq!(
            e.errors.form(),
            [Message::rule("error.http.csrf"), Message::server("CSRF Failed: CSRF token missing.")]
        );
    }

    #[test]
    fn letraz_envelope_message_and_reference() {
        let e = json(
            400,
            r#"{"error":{"uuid":"6f1c","code":"INVALID_REQUEST","message":"Introduzca una dirección de correo electrónico válida.","details":"email","extra":"Traceback ..."}}"#,
        );
        assert_eq!(e.kind, ErrorKind::Validation);
        assert_eq!(e.errors.form(), [Message::server("Introduzca una dirección de correo electrónico válida.")]);
        assert_eq!(e.reference.as_deref(), Some("6f1c"));
        assert!(!format!("{:?}", e.errors).contains("Traceback"));
    }

    #[test]
    fn letraz_envelope_with_field_details() {
        let e = json(
            400,
            r#"{"error":{"uuid":"u","code":"c","message":"Validation error","details":{"email":["Enter a valid email address."]},"extra":""}}"#,
        );
        assert_eq!(e.errors.get("email").len(), 1);
        assert!(e.errors.form().is_empty());
        let e = json(
            400,
            r#"{"error":{"uuid":"u","code":"c","message":"Bad","details":"{\"phone\": [\"Too long\"]}","extra":""}}"#,
        );
        assert_eq!(e.errors.get("phone").len(), 1);
        assert_eq!(e.errors.form(), [Message::server("Bad")]);
    }

    #[test]
    fn html_body_gives_kind_message_only() {
        let e = parse_error(502, Some("text/html"), "<html><body><h1>502 Bad Gateway</h1></body></html>", None);
        assert_eq!(e.kind, ErrorKind::Unavailable);
        assert_eq!(e.errors.form(), [Message::rule("error.http.unavailable")]);
        let e = parse_error(413, None, "<html><title>413 Request Entity Too Large</title></html>", None);
        assert_eq!(e.kind, ErrorKind::TooLarge);
        let e = parse_error(500, Some("text/html; charset=utf-8"), "<!DOCTYPE html><h1>Server Error (500)</h1>", None);
        assert_eq!(e.kind, ErrorKind::Server);
    }

    #[test]
    fn empty_body_gives_kind_message() {
        let e = parse_error(401, None, "", None);
        assert_eq!(e.kind, ErrorKind::Unauthorized);
        assert_eq!(e.errors.form(), [Message::rule("error.http.unauthorized")]);
        let e = parse_error(400, None, "", None);
        assert_eq!(e.kind, ErrorKind::Malformed);
    }

    #[test]
    fn rate_limit_carries_retry_after() {
        let e = parse_error(
            429,
            Some("application/json"),
            r#"{"detail":"Request was throttled. Expected available in 12 seconds."}"#,
            parse_retry_after(" 12"),
        );
        assert_eq!(e.kind, ErrorKind::RateLimited { retry_after: Some(12) });
        assert!(e.kind.is_transient());
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), None);
    }

    #[test]
    fn status_classification() {
        for (s, k) in [
            (415, ErrorKind::Unsupported),
            (503, ErrorKind::Unavailable),
            (504, ErrorKind::Unavailable),
            (501, ErrorKind::Server),
            (418, ErrorKind::Other { status: 418 }),
        ] {
            assert_eq!(parse_error(s, None, "", None).kind, k);
        }
    }

    #[test]
    fn unknown_json_never_loses_the_failure() {
        let e = json(500, r#"{"weird": true}"#);
        assert_eq!(e.kind, ErrorKind::Server);
        assert_eq!(e.errors.form(), [Message::rule("error.http.server")]);
        let e = json(400, "42");
        assert_eq!(e.errors.form(), [Message::server("42")]);
    }

    #[test]
    fn nesting_deeper_than_the_limit_is_not_read_as_json() {
        let deep = |n: usize| format!("{}\"m\"{}", "{\"a\":".repeat(n), "}".repeat(n));
        let e = json(400, &deep(MAX_JSON_DEPTH - 1));
        assert_eq!(e.errors.len(), 1);
        assert_eq!(e.kind, ErrorKind::Validation);
        let e = json(400, &deep(MAX_JSON_DEPTH + 1));
        assert_eq!(e.kind, ErrorKind::Malformed);
        assert!(depth_within(r#"["[[[[", "\"{{{{"]"#, 1));
        assert!(!depth_within("[[]]", 1));
    }

    #[test]
    fn an_envelope_inside_envelope_details_text_is_read_once() {
        let inner = r#"{"error":{"uuid":"in","message":"Inner","details":"{\"email\":[\"Bad\"]}"}}"#;
        let outer = json!({"error": {"uuid": "out", "message": "Outer", "details": inner}}).to_string();
        let e = json(400, &outer);
        assert_eq!(e.reference.as_deref(), Some("out"));
        // The inner envelope's message is kept; its own details text is
        // not parsed again.
        assert_eq!(e.errors.form(), [Message::server("Inner"), Message::server("Outer")]);
        assert!(e.errors.get("email").is_empty());
    }

    #[test]
    fn plain_text_body_is_kept() {
        let e = parse_error(400, Some("text/plain"), "Bad Request", None);
        assert_eq!(e.errors.form(), [Message::server("Bad Request")]);
    }
}

//! One fetch with a timeout: the thin layer over gloo-net that knows about
//! bodies, cookies, CSRF and `AbortController`, and nothing about dialects.

use std::time::Duration;

use gloo_net::http::{Method, RequestBuilder};
use leptos::prelude::{set_timeout_with_handle, TimeoutHandle};
use wasm_bindgen::{JsCast, UnwrapThrowExt};
use web_sys::{AbortController, FormData, RequestCredentials};

use super::ClientError;

/// What goes in a request. Clones share the same `FormData`, which fetch
/// may send more than once.
#[derive(Clone)]
pub enum Body {
    None,
    Json(serde_json::Value),
    /// Multipart: the browser writes the boundary, so no Content-Type here.
    Form(FormData),
}

/// A raw answer: status, the headers we use, and the text.
pub(super) struct Answer {
    pub status: u16,
    pub content_type: Option<String>,
    pub retry_after: Option<String>,
    pub body: String,
}

/// What each request says besides its body.
pub(super) struct Headers<'a> {
    pub authorization: Option<&'a str>,
    /// Django's `X-CSRFToken`, on unsafe methods of a cookie session.
    pub csrf: Option<&'a str>,
    /// A BCP 47 code; CORS-safelisted, so it costs no preflight.
    pub language: &'a str,
    /// Send and keep cookies across origins: only a cookie session needs
    /// them, and an API on another origin must then allow credentials
    /// (a Token or JWT API usually does not).
    pub with_cookies: bool,
}

pub(super) async fn send(
    method: &str,
    url: &str,
    body: Body,
    headers: Headers<'_>,
    timeout_ms: i32,
) -> Result<Answer, ClientError> {
    let timeout = Timeout::start(timeout_ms);
    let mut builder = RequestBuilder::new(url)
        .method(parse_method(method))
        .credentials(credentials(headers.with_cookies).0)
        .abort_signal(Some(&timeout.controller.signal()));
    for (name, value) in fixed_headers(&headers) {
        builder = builder.header(name, value);
    }
    if let Some(value) = headers.authorization {
        builder = builder.header("Authorization", value);
    }
    if let Some(token) = headers.csrf {
        builder = builder.header("X-CSRFToken", token);
    }
    let request = match body {
        Body::None => builder.build(),
        Body::Json(value) => builder.header("Content-Type", "application/json").body(crate::json::text(&value)),
        Body::Form(form) => builder.body(form),
    }
    .map_err(|_| ClientError::Network)?;

    let response = match request.send().await {
        Ok(response) => response,
        Err(_) if timeout.fired() => return Err(ClientError::Timeout),
        Err(_) => return Err(ClientError::Network),
    };
    read(response, &|| timeout.fired()).await
}

/// The headers every request carries besides the credential and CSRF
/// token: the early read's recipe lists the same (`early_read.rs`).
pub(super) fn fixed_headers<'a>(headers: &Headers<'a>) -> [(&'static str, &'a str); 2] {
    [("Accept", "application/json"), ("Accept-Language", headers.language)]
}

/// fetch's `credentials` mode, and its name in a recipe.
pub(super) fn credentials(with_cookies: bool) -> (RequestCredentials, &'static str) {
    if with_cookies {
        (RequestCredentials::Include, "include")
    } else {
        (RequestCredentials::SameOrigin, "same-origin")
    }
}

/// Status, the headers we use, and the text of an answer.
async fn read(response: gloo_net::http::Response, timed_out: &dyn Fn() -> bool) -> Result<Answer, ClientError> {
    let status = response.status();
    let content_type = response.headers().get("content-type");
    let retry_after = response.headers().get("retry-after");
    let body = match response.text().await {
        Ok(text) => text,
        Err(_) if timed_out() => return Err(ClientError::Timeout),
        Err(_) => return Err(ClientError::Network),
    };
    Ok(Answer { status, content_type, retry_after, body })
}

/// Method names as fetch wants them: upper case (it only normalises the
/// classic ones, so `patch` would go out lower-case).
fn parse_method(method: &str) -> Method {
    match method.to_ascii_uppercase().as_str() {
        "GET" => Method::GET,
        "POST" => Method::POST,
        "PUT" => Method::PUT,
        "DELETE" => Method::DELETE,
        "HEAD" => Method::HEAD,
        "OPTIONS" => Method::OPTIONS,
        _ => Method::PATCH,
    }
}

/// Django's CSRF secret, readable by scripts by design (`csrftoken`), when
/// the API is on this site.
pub(super) fn csrf_cookie() -> Option<String> {
    let document = web_sys::window()?.document()?;
    let cookies = document.dyn_into::<web_sys::HtmlDocument>().ok()?.cookie().ok()?;
    cookies.split(';').find_map(|pair| {
        let (name, value) = pair.trim().split_once('=')?;
        (name == "csrftoken" && !value.is_empty()).then(|| value.to_string())
    })
}

/// Aborts the request after `ms`; clears its timer when dropped so a
/// finished request leaves nothing behind.
struct Timeout {
    controller: AbortController,
    timer: Option<TimeoutHandle>,
}

impl Timeout {
    fn start(ms: i32) -> Timeout {
        let controller = AbortController::new().expect_throw("AbortController exists in every supported browser");
        let to_abort = controller.clone();
        let after = Duration::from_millis(u64::try_from(ms).unwrap_or(0));
        let timer = set_timeout_with_handle(move || to_abort.abort(), after).ok();
        Timeout { controller, timer }
    }

    fn fired(&self) -> bool {
        self.controller.signal().aborted()
    }
}

impl Drop for Timeout {
    fn drop(&mut self) {
        if let Some(timer) = self.timer {
            timer.clear();
        }
    }
}

//! Test hooks (only with `--test-hooks`): make the next request(s) to a path
//! answer a canned status/body, or arrive late, so browser tests can produce
//! every failure on demand.
//!
//! `POST /_ref/hooks` `{"method":"PATCH","path":"/api/users/me/","status":502,
//! "body":"…","content_type":"text/html","headers":{},"delay_ms":0,"times":1}`;
//! `DELETE /_ref/hooks` clears them all; `GET /_ref/hooks` lists them,
//! each with the number of requests it has met (`hits`): a hook with no
//! status, no delay and `"times": 0` only counts. `"request_content_type"`
//! limits a hook to requests whose `Content-Type` starts with it, so a
//! counting hook can tell a multipart upload from a JSON patch.
//!
//! `POST /_ref/users` `{"dialect": "users-me", "password"?, "fields"?}`
//! creates a throwaway account, so a test that changes a password or
//! deletes an account never touches the demo accounts other tests and
//! people sign in with.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::AppState;

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Hook {
    /// Any method when absent.
    #[serde(default)]
    pub method: Option<String>,
    /// Exact path (query ignored), or a prefix ending in `*`.
    pub path: String,
    /// Only requests whose `Content-Type` starts with this (any when absent).
    #[serde(default)]
    pub request_content_type: Option<String>,
    /// Absent: only delay, then let the real handler answer.
    #[serde(default)]
    pub status: Option<u16>,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub content_type: Option<String>,
    /// Extra response headers, e.g. `{"Retry-After": "30"}` with a 429.
    #[serde(default)]
    pub headers: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    pub delay_ms: u64,
    /// How many requests it applies to; 0 means until cleared.
    #[serde(default = "one")]
    pub times: u32,
    /// Requests it has met so far (answered by the server, not the client).
    #[serde(default)]
    pub hits: u32,
}

fn one() -> u32 {
    1
}

impl Hook {
    fn matches(&self, method: &str, path: &str, content_type: &str) -> bool {
        let method_ok = self.method.as_deref().is_none_or(|m| m.eq_ignore_ascii_case(method));
        let type_ok = self.request_content_type.as_deref().is_none_or(|t| content_type.starts_with(t));
        let path_ok = match self.path.strip_suffix('*') {
            Some(prefix) => path.starts_with(prefix),
            None => self.path == path,
        };
        method_ok && path_ok && type_ok
    }
}

#[derive(Clone, Default)]
pub struct Hooks(Arc<Mutex<Vec<Hook>>>);

impl Hooks {
    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Hook>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The first matching hook, used up once.
    pub fn take(&self, method: &str, path: &str, content_type: &str) -> Option<Hook> {
        let mut hooks = self.lock();
        let i = hooks.iter().position(|h| h.matches(method, path, content_type))?;
        hooks[i].hits += 1;
        let hook = hooks[i].clone();
        if hook.times == 1 {
            hooks.remove(i);
        } else if hook.times > 1 {
            hooks[i].times -= 1;
        }
        Some(hook)
    }
}

/// Middleware: answers from a matching hook before routing.
pub async fn intercept(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    if !state.config.test_hooks || path.starts_with("/_ref/") || req.method() == axum::http::Method::OPTIONS {
        return next.run(req).await;
    }
    let content_type = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let Some(hook) = state.hooks.take(req.method().as_str(), path, content_type) else {
        return next.run(req).await;
    };
    if hook.delay_ms > 0 {
        tokio::time::sleep(Duration::from_millis(hook.delay_ms)).await;
    }
    let Some(status) = hook.status else {
        return next.run(req).await;
    };
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut resp = (status, hook.body).into_response();
    let ct = hook.content_type.as_deref().unwrap_or("text/html; charset=utf-8");
    if let Ok(v) = HeaderValue::from_str(ct) {
        resp.headers_mut().insert(header::CONTENT_TYPE, v);
    }
    for (k, v) in &hook.headers {
        if let (Ok(k), Ok(v)) = (header::HeaderName::try_from(k.as_str()), HeaderValue::from_str(v)) {
            resp.headers_mut().insert(k, v);
        }
    }
    resp
}

pub async fn add(State(state): State<Arc<AppState>>, Json(hook): Json<Hook>) -> Response {
    state.hooks.lock().push(hook);
    (StatusCode::CREATED, Json(json!({ "hooks": state.hooks.lock().len() }))).into_response()
}

pub async fn clear(State(state): State<Arc<AppState>>) -> StatusCode {
    state.hooks.lock().clear();
    StatusCode::NO_CONTENT
}

pub async fn list(State(state): State<Arc<AppState>>) -> Json<Vec<Hook>> {
    Json(state.hooks.lock().clone())
}

#[derive(Deserialize)]
pub struct NewAccount {
    dialect: String,
    /// The demo password when absent.
    #[serde(default)]
    password: Option<String>,
    /// Profile fields over the defaults (a fresh `email` and `username`).
    #[serde(default)]
    fields: serde_json::Map<String, serde_json::Value>,
}

/// `POST /_ref/users`: 201 `{"id", "public_id", "email", "username",
/// "password"}`; 400 for an unknown dialect or an email already taken.
pub async fn create_user(State(state): State<Arc<AppState>>, Json(new): Json<NewAccount>) -> Response {
    let Some(dialect) = crate::Backend::from_name(&new.dialect) else {
        return (StatusCode::BAD_REQUEST, Json(json!({ "dialect": ["unknown dialect"] }))).into_response();
    };
    let tag = crate::secret::random_string(10, crate::secret::LOWER_ALNUM);
    let mut data = serde_json::Map::new();
    data.insert("email".into(), json!(format!("throwaway-{tag}@example.com")));
    data.insert("username".into(), json!(format!("throwaway_{tag}")));
    if dialect == crate::Backend::UsersMe {
        data.insert("groups".into(), json!([]));
    }
    data.extend(new.fields);
    let email = data["email"].as_str().unwrap_or_default().to_string();
    match state.db.user_by_field(dialect, "email", &email) {
        Ok(None) => {}
        Ok(Some(_)) => {
            return (StatusCode::BAD_REQUEST, Json(json!({ "email": ["already taken"] }))).into_response();
        }
        Err(e) => return crate::drf::ApiError::from(e).into_response(),
    }
    let password = new.password.unwrap_or_else(|| crate::seed::DEMO_PASSWORD.to_string());
    let user = crate::db::NewUser {
        dialect,
        // letraz shows string ids such as `user_demo_ada`.
        public_id: (dialect == crate::Backend::Letraz).then(|| format!("user_{tag}")),
        password: crate::password::make_password(&password),
        data: data.clone(),
        avatar: None,
    };
    let id = match state.db.insert_user(&user) {
        Ok(id) => id,
        Err(e) => return crate::drf::ApiError::from(e).into_response(),
    };
    let public_id = user.public_id.unwrap_or_else(|| id.to_string());
    let body = json!({ "id": id, "public_id": public_id, "email": email, "username": data.get("username"),
                       "password": password });
    (StatusCode::CREATED, Json(body)).into_response()
}

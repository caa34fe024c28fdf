//! Starts a real server in-process on a free port, with its own temporary
//! database and media dir, and gives a plain HTTP client for it.
#![allow(dead_code)]

use std::future::Future;
use std::path::PathBuf;

use reference_server::{Config, Server};
use serde_json::Value;

pub const PASSWORD: &str = "demo-pass-123";

/// The demo user's sign-in body.
pub fn demo_credentials() -> Value {
    serde_json::json!({"email": "demo@example.com", "password": PASSWORD})
}

/// The `Set-Cookie` values of an answer, attributes and all.
pub fn set_cookies(headers: &reqwest::header::HeaderMap) -> Vec<String> {
    headers.get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_string()).collect()
}

pub struct Ref {
    pub server: Option<Server>,
    pub base: String,
    pub http: reqwest::Client,
    pub dir: tempfile::TempDir,
    pub config: Config,
}

pub fn config_in(dir: &std::path::Path) -> Config {
    let mut c = Config::new(dir.join("ref.sqlite3"), dir.join("media"));
    c.addr = "127.0.0.1:0".into();
    c.test_hooks = true;
    c.max_upload_bytes = 256 * 1024;
    c
}

impl Ref {
    pub async fn start() -> Ref {
        Self::start_with(|_| {}).await
    }

    pub async fn start_with(tweak: impl FnOnce(&mut Config)) -> Ref {
        let dir = tempfile::tempdir().unwrap();
        let mut config = config_in(dir.path());
        tweak(&mut config);
        let server = reference_server::start(config.clone()).await.unwrap();
        let base = format!("http://{}", server.addr);
        let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        Ref { server: Some(server), base, http, dir, config }
    }

    /// Stops and starts again on the same database and media dir (a new port).
    pub async fn restart(&mut self) {
        if let Some(s) = self.server.take() {
            s.stop().await;
        }
        let server = reference_server::start(self.config.clone()).await.unwrap();
        self.base = format!("http://{}", server.addr);
        self.server = Some(server);
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub fn media_dir(&self) -> PathBuf {
        self.config.media_dir.clone()
    }

    pub fn req(&self, method: &str, path: &str) -> reqwest::RequestBuilder {
        self.http.request(method.parse().unwrap(), self.url(path))
    }

    /// A throwaway account of `dialect` with `fields` over a fresh email and
    /// username (`POST /_ref/users`): `{"id", "public_id", "email",
    /// "username", "password"}`. Tests that change or delete an account use
    /// one, so the demo accounts stay as they are.
    pub async fn throwaway(&self, dialect: &str, fields: Value) -> Value {
        let body = serde_json::json!({"dialect": dialect, "fields": fields});
        self.req("POST", "/_ref/users").json(&body).expect(201).await
    }

    /// pwgen sign-in: `(access, user)`.
    pub async fn pwgen_sign_in(&self, email: &str) -> (String, Value) {
        let body = serde_json::json!({"email": email, "password": PASSWORD});
        let v = self.req("POST", "/api/sign-in/").json(&body).expect(200).await;
        (v["access"].as_str().unwrap().to_string(), v["user"].clone())
    }
}

/// Sends a built request and reads the answer in one step, so a test
/// states only what it asserts.
pub trait Ask {
    /// Status, headers and body (see [`answer`]).
    fn answer(self) -> impl Future<Output = (u16, reqwest::header::HeaderMap, Value)>;
    /// Status and body.
    fn reply(self) -> impl Future<Output = (u16, Value)>;
    /// The body, once the status is `status` (the body is in the failure).
    fn expect(self, status: u16) -> impl Future<Output = Value>;
    /// Only the status.
    fn status(self) -> impl Future<Output = u16>;
}

impl Ask for reqwest::RequestBuilder {
    async fn answer(self) -> (u16, reqwest::header::HeaderMap, Value) {
        answer(self.send().await.unwrap()).await
    }

    async fn reply(self) -> (u16, Value) {
        let (status, _, body) = self.answer().await;
        (status, body)
    }

    async fn expect(self, status: u16) -> Value {
        let (got, _, body) = self.answer().await;
        assert_eq!(got, status, "{body}");
        body
    }

    async fn status(self) -> u16 {
        self.send().await.unwrap().status().as_u16()
    }
}

/// Status, headers and body (JSON when it parses, else a string).
pub async fn answer(r: reqwest::Response) -> (u16, reqwest::header::HeaderMap, Value) {
    let status = r.status().as_u16();
    let headers = r.headers().clone();
    let text = r.text().await.unwrap();
    let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
    (status, headers, body)
}

/// A 1×1 PNG.
pub const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49,
    0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0, 0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D,
    0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

pub fn file_part(bytes: &[u8], name: &str, mime: &str) -> reqwest::multipart::Part {
    reqwest::multipart::Part::bytes(bytes.to_vec()).file_name(name.to_string()).mime_str(mime).unwrap()
}

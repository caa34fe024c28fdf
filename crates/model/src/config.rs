//! The runtime app config (a JSON file the app fetches at startup): which
//! dialect, where the API is, how to authenticate, avatar limits and
//! optional method/path overrides. Errors name the offending key and say
//! what was expected, because a person edits this file by hand.

use crate::{Dialect, Message};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::fmt;

/// How requests are authenticated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthMode {
    /// Django session cookie (`sessionid`) plus CSRF token.
    Session,
    /// HTTP Basic.
    Basic,
    /// `Authorization: Bearer <jwt>`.
    Bearer,
    /// `Authorization: Token <key>` (DRF TokenAuthentication).
    Token,
    None,
}

impl AuthMode {
    pub const ALL: [AuthMode; 5] = [AuthMode::Session, AuthMode::Basic, AuthMode::Bearer, AuthMode::Token, AuthMode::None];

    pub fn name(self) -> &'static str {
        match self {
            AuthMode::Session => "session",
            AuthMode::Basic => "basic",
            AuthMode::Bearer => "bearer",
            AuthMode::Token => "token",
            AuthMode::None => "none",
        }
    }

    /// The `Authorization` header for a credential, if this mode uses one
    /// (Basic expects `user:password` already base64-encoded).
    pub fn header(self, credential: &str) -> Option<String> {
        match self {
            AuthMode::Basic => Some(format!("Basic {credential}")),
            AuthMode::Bearer => Some(format!("Bearer {credential}")),
            AuthMode::Token => Some(format!("Token {credential}")),
            AuthMode::Session | AuthMode::None => None,
        }
    }
}

/// One HTTP call: method (upper case, as fetch wants it) and path, which
/// may hold `{id}` (pwgen's update).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Endpoint {
    pub method: String,
    pub path: String,
}

impl Endpoint {
    fn new(method: &str, path: &str) -> Endpoint {
        Endpoint { method: method.to_string(), path: path.to_string() }
    }

    /// The path with `{id}` filled in.
    pub fn path_for(&self, id: Option<&str>) -> String {
        match id {
            Some(id) => self.path.replace("{id}", id),
            None => self.path.clone(),
        }
    }

    /// True when the path needs an id (`{id}`).
    pub fn needs_id(&self) -> bool {
        self.path.contains("{id}")
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Endpoints {
    /// Loads the current user.
    pub read: Endpoint,
    /// Saves changes.
    pub update: Endpoint,
    /// Exchanges email and password for tokens (pwgen).
    pub sign_in: Option<Endpoint>,
}

impl Endpoints {
    /// The documented calls of each dialect.
    pub fn defaults(dialect: Dialect) -> Endpoints {
        let same = |method: &str, path: &str| Endpoints {
            read: Endpoint::new("GET", path),
            update: Endpoint::new(method, path),
            sign_in: None,
        };
        match dialect {
            Dialect::Letraz => same("PATCH", "/api/v1/user/"),
            Dialect::AisquareProfile => same("PATCH", "/api/v1/iam/user/profile/"),
            Dialect::AisquareDetails => same("PATCH", "/api/v1/iam/iamuserdetails/me/"),
            Dialect::Pwgen => Endpoints {
                read: Endpoint::new("POST", "/api/profile/"),
                update: Endpoint::new("PUT", "/api/profile/{id}/update/"),
                sign_in: Some(Endpoint::new("POST", "/api/sign-in/")),
            },
            Dialect::UsersMe => same("PATCH", "/api/users/me/"),
        }
    }
}

/// What the avatar upload accepts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AvatarPolicy {
    pub max_bytes: u64,
    /// MIME types such as `image/png`; `image/*` accepts any image.
    pub accepted_types: Vec<String>,
}

impl Default for AvatarPolicy {
    fn default() -> Self {
        AvatarPolicy {
            max_bytes: 5 * 1024 * 1024,
            accepted_types: ["image/jpeg", "image/png", "image/gif", "image/webp"].map(String::from).to_vec(),
        }
    }
}

impl AvatarPolicy {
    /// Checks a chosen file before uploading it.
    pub fn check(&self, size_bytes: u64, mime: &str) -> Option<Message> {
        let mime = mime.trim().to_ascii_lowercase();
        let type_ok = self.accepted_types.iter().any(|t| {
            t == &mime || t.strip_suffix("/*").is_some_and(|top| mime.split('/').next() == Some(top))
        });
        if !type_ok {
            Some(Message::rule("error.file_type").with("accepted", self.accepted_types.join(", ")))
        } else if size_bytes > self.max_bytes {
            Some(Message::rule("error.file_too_large").with("max_bytes", self.max_bytes).with("size", size_bytes))
        } else {
            None
        }
    }

    /// The `accept` attribute of the file input.
    pub fn accept_attribute(&self) -> String {
        self.accepted_types.join(",")
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppConfig {
    pub dialect: Dialect,
    /// Origin (and optional prefix) of the API without a trailing slash;
    /// empty means the app's own origin (a dev proxy).
    pub api_base_url: String,
    pub auth: AuthMode,
    pub avatar: AvatarPolicy,
    pub endpoints: Endpoints,
}

impl AppConfig {
    /// The documented setup of a dialect.
    pub fn defaults(dialect: Dialect) -> AppConfig {
        AppConfig {
            dialect,
            api_base_url: String::new(),
            auth: match dialect {
                Dialect::Letraz => AuthMode::Session,
                Dialect::UsersMe => AuthMode::Token,
                _ => AuthMode::Bearer,
            },
            avatar: AvatarPolicy::default(),
            endpoints: Endpoints::defaults(dialect),
        }
    }

    /// Full URL of an endpoint.
    pub fn url(&self, endpoint: &Endpoint, id: Option<&str>) -> String {
        format!("{}{}", self.api_base_url, endpoint.path_for(id))
    }
}

/// Where the config is wrong and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfigError {
    /// Dotted key (`endpoints.update.method`); empty for the whole file.
    pub path: String,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "app config: {}", self.message)
        } else {
            write!(f, "app config, `{}`: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for ConfigError {}

fn err<T>(path: &str, message: impl Into<String>) -> Result<T, ConfigError> {
    Err(ConfigError { path: path.to_string(), message: message.into() })
}

/// Parses and checks the config text.
pub fn parse_config(text: &str) -> Result<AppConfig, ConfigError> {
    let json: Value = serde_json::from_str(text).or_else(|e| err("", format!("not valid JSON ({e})")))?;
    let obj = object(&json, "")?;
    known_keys(obj, "", &["dialect", "api_base_url", "auth", "avatar", "endpoints"])?;

    let dialect_name = match obj.get("dialect") {
        None => return err("dialect", format!("missing; expected one of {}", dialect_names())),
        Some(v) => string(v, "dialect")?,
    };
    let dialect = Dialect::from_name(dialect_name.trim())
        .ok_or_else(|| ConfigError { path: "dialect".into(), message: format!("unknown dialect {dialect_name:?}; expected one of {}", dialect_names()) })?;
    let mut config = AppConfig::defaults(dialect);

    if let Some(v) = obj.get("api_base_url") {
        config.api_base_url = base_url(string(v, "api_base_url")?)?;
    }
    if let Some(v) = obj.get("auth") {
        let name = string(v, "auth")?;
        config.auth = AuthMode::ALL.into_iter().find(|m| m.name() == name.trim().to_ascii_lowercase()).ok_or_else(|| {
            let all: Vec<_> = AuthMode::ALL.iter().map(|m| m.name()).collect();
            ConfigError { path: "auth".into(), message: format!("unknown auth mode {name:?}; expected one of {}", all.join(", ")) }
        })?;
    }
    if let Some(v) = obj.get("avatar") {
        config.avatar = avatar(v, config.avatar)?;
    }
    if let Some(v) = obj.get("endpoints") {
        let eps = object(v, "endpoints")?;
        known_keys(eps, "endpoints", &["read", "update", "sign_in"])?;
        if let Some(v) = eps.get("read") {
            config.endpoints.read = endpoint(v, "endpoints.read", config.endpoints.read)?;
        }
        if let Some(v) = eps.get("update") {
            config.endpoints.update = endpoint(v, "endpoints.update", config.endpoints.update)?;
        }
        if let Some(v) = eps.get("sign_in") {
            let base = config.endpoints.sign_in.take().unwrap_or_else(|| Endpoint::new("POST", ""));
            config.endpoints.sign_in = Some(endpoint(v, "endpoints.sign_in", base)?);
        }
    }
    Ok(config)
}

fn dialect_names() -> String {
    Dialect::ALL.map(|d| d.name()).join(", ")
}

fn object<'a>(v: &'a Value, path: &str) -> Result<&'a Map<String, Value>, ConfigError> {
    v.as_object().ok_or_else(|| ConfigError { path: path.into(), message: format!("expected an object, got {}", kind(v)) })
}

fn string<'a>(v: &'a Value, path: &str) -> Result<&'a str, ConfigError> {
    v.as_str().ok_or_else(|| ConfigError { path: path.into(), message: format!("expected a string, got {}", kind(v)) })
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn known_keys(obj: &Map<String, Value>, path: &str, known: &[&str]) -> Result<(), ConfigError> {
    match obj.keys().find(|k| !known.contains(&k.as_str())) {
        Some(k) => {
            let at = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
            err(&at, format!("unknown key; expected one of {}", known.join(", ")))
        }
        None => Ok(()),
    }
}

fn base_url(s: &str) -> Result<String, ConfigError> {
    let s = s.trim().trim_end_matches('/');
    if s.is_empty() || s.starts_with('/') && !s.starts_with("//") {
        return Ok(s.to_string());
    }
    let rest = s.strip_prefix("https://").or_else(|| s.strip_prefix("http://"));
    let host = rest.map(|r| r.split(['/', '?', '#']).next().unwrap_or_default());
    match (rest, host) {
        (Some(r), Some(h)) if !h.is_empty() && !r.contains(['?', '#']) && !r.chars().any(char::is_whitespace) => Ok(s.to_string()),
        _ => err(
            "api_base_url",
            format!("{s:?} is not an http(s) origin such as \"https://api.example.com\", a path such as \"/backend\", or empty for this origin"),
        ),
    }
}

fn avatar(v: &Value, mut policy: AvatarPolicy) -> Result<AvatarPolicy, ConfigError> {
    let obj = object(v, "avatar")?;
    known_keys(obj, "avatar", &["max_bytes", "accepted_types"])?;
    if let Some(v) = obj.get("max_bytes") {
        policy.max_bytes = v.as_u64().filter(|n| *n > 0).ok_or_else(|| ConfigError {
            path: "avatar.max_bytes".into(),
            message: format!("expected a whole number of bytes above 0, got {v}"),
        })?;
    }
    if let Some(v) = obj.get("accepted_types") {
        let list = v.as_array().ok_or_else(|| ConfigError { path: "avatar.accepted_types".into(), message: format!("expected a list of MIME types, got {}", kind(v)) })?;
        if list.is_empty() {
            return err("avatar.accepted_types", "expected at least one MIME type such as \"image/png\"");
        }
        policy.accepted_types = list
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let path = format!("avatar.accepted_types.{i}");
                let t = string(t, &path)?.trim().to_ascii_lowercase();
                match t.split_once('/') {
                    Some((a, b)) if is_token(a) && (b == "*" || is_token(b)) => Ok(t),
                    _ => err(&path, format!("{t:?} is not a MIME type such as \"image/png\" or \"image/*\"")),
                }
            })
            .collect::<Result<_, _>>()?;
    }
    Ok(policy)
}

fn is_token(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$&-^_.+".contains(&b))
}

const METHODS: [&str; 5] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

fn endpoint(v: &Value, path: &str, mut ep: Endpoint) -> Result<Endpoint, ConfigError> {
    let obj = object(v, path)?;
    known_keys(obj, path, &["method", "path"])?;
    if let Some(m) = obj.get("method") {
        let at = format!("{path}.method");
        let m = string(m, &at)?.trim().to_ascii_uppercase();
        if !METHODS.contains(&m.as_str()) {
            return err(&at, format!("unknown method {m:?}; expected one of {}", METHODS.join(", ")));
        }
        ep.method = m;
    }
    if let Some(p) = obj.get("path") {
        let at = format!("{path}.path");
        let p = string(p, &at)?.trim();
        if !p.starts_with('/') || p.starts_with("//") {
            return err(&at, format!("{p:?} must start with a single '/'; put the origin in api_base_url"));
        }
        if !p.ends_with('/') {
            return err(&at, format!("{p:?} must end with '/': Django answers paths without the trailing slash with a redirect or a 500"));
        }
        if p.chars().any(char::is_whitespace) || p.contains(['?', '#']) {
            return err(&at, format!("{p:?} must be a plain path without spaces, '?' or '#'"));
        }
        let without_id = p.replace("{id}", "");
        if without_id.contains(['{', '}']) {
            return err(&at, format!("{p:?}: the only placeholder is {{id}}"));
        }
        ep.path = p.to_string();
    }
    if ep.path.is_empty() {
        return err(&format!("{path}.path"), "missing; this dialect has no default for it");
    }
    Ok(ep)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_minimal_takes_dialect_defaults() {
        let c = parse_config(r#"{"dialect": "pwgen"}"#).unwrap();
        assert_eq!(c.auth, AuthMode::Bearer);
        assert_eq!(c.endpoints.update, Endpoint::new("PUT", "/api/profile/{id}/update/"));
        assert_eq!(c.url(&c.endpoints.update, Some("42")), "/api/profile/42/update/");
        assert!(c.endpoints.sign_in.is_some());
        assert_eq!(AppConfig::defaults(Dialect::UsersMe).auth, AuthMode::Token);
    }

    #[test]
    fn config_full_with_overrides() {
        let c = parse_config(
            r#"{"dialect": "users-me", "api_base_url": "https://api.example.com/", "auth": "Token",
                "avatar": {"max_bytes": 1000, "accepted_types": ["image/PNG", "image/*"]},
                "endpoints": {"update": {"method": "put"}, "read": {"path": "/api/users/me/"}}}"#,
        )
        .unwrap();
        assert_eq!(c.api_base_url, "https://api.example.com");
        assert_eq!(c.endpoints.update, Endpoint::new("PUT", "/api/users/me/"));
        assert_eq!(c.avatar.accepted_types, ["image/png", "image/*"]);
        assert_eq!(c.url(&c.endpoints.read, None), "https://api.example.com/api/users/me/");
    }

    #[test]
    fn config_errors_name_the_key() {
        let cases = [
            ("nope", ""),
            ("[]", ""),
            (r#"{}"#, "dialect"),
            (r#"{"dialect": "django"}"#, "dialect"),
            (r#"{"dialect": 3}"#, "dialect"),
            (r#"{"dialect": "letraz", "api_base": "x"}"#, "api_base"),
            (r#"{"dialect": "letraz", "api_base_url": "ftp://x"}"#, "api_base_url"),
            (r#"{"dialect": "letraz", "auth": "jwt"}"#, "auth"),
            (r#"{"dialect": "letraz", "avatar": {"max_bytes": -1}}"#, "avatar.max_bytes"),
            (r#"{"dialect": "letraz", "avatar": {"accepted_types": ["png"]}}"#, "avatar.accepted_types.0"),
            (r#"{"dialect": "letraz", "avatar": {"accepted_types": []}}"#, "avatar.accepted_types"),
            (r#"{"dialect": "letraz", "endpoints": {"update": {"method": "FETCH"}}}"#, "endpoints.update.method"),
            (r#"{"dialect": "users-me", "endpoints": {"update": {"path": "/api/users/me"}}}"#, "endpoints.update.path"),
            (r#"{"dialect": "letraz", "endpoints": {"read": {"path": "api/v1/user/"}}}"#, "endpoints.read.path"),
            (r#"{"dialect": "letraz", "endpoints": {"sign_in": {"method": "POST"}}}"#, "endpoints.sign_in.path"),
            (r#"{"dialect": "letraz", "endpoints": {"delete": {}}}"#, "endpoints.delete"),
        ];
        for (text, path) in cases {
            let e = parse_config(text).unwrap_err();
            assert_eq!(e.path, path, "{text}: {e}");
            assert!(!e.message.is_empty());
        }
        let e = parse_config(r#"{"dialect": "django"}"#).unwrap_err();
        assert_eq!(e.to_string(), "app config, `dialect`: unknown dialect \"django\"; expected one of letraz, aisquare-profile, aisquare-details, pwgen, users-me");
    }

    #[test]
    fn avatar_policy_checks_type_then_size() {
        let p = AvatarPolicy::default();
        assert_eq!(p.check(1000, "image/png"), None);
        assert_eq!(p.check(1000, "application/pdf").unwrap().key(), Some("error.file_type"));
        assert_eq!(p.check(p.max_bytes + 1, "image/jpeg").unwrap().key(), Some("error.file_too_large"));
        let any = AvatarPolicy { max_bytes: 10, accepted_types: vec!["image/*".into()] };
        assert_eq!(any.check(1, "image/avif"), None);
    }

    #[test]
    fn auth_header_per_mode() {
        assert_eq!(AuthMode::Token.header("k").as_deref(), Some("Token k"));
        assert_eq!(AuthMode::Session.header("k"), None);
    }
}

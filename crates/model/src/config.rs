//! The runtime app config (a JSON file the app fetches at startup): which
//! dialect, where the API is, how to authenticate, avatar limits and
//! optional method/path overrides. Errors name the offending key and say
//! what was expected, because a person edits this file by hand.

use crate::catalogue::{catalogue, FieldKind, FieldSpec, Section};
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
    pub const ALL: [AuthMode; 5] =
        [AuthMode::Session, AuthMode::Basic, AuthMode::Bearer, AuthMode::Token, AuthMode::None];

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

/// Every call the app makes, per dialect. Optional calls are `None` where
/// the backend has no such endpoint.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Endpoints {
    /// Loads the current user (pwgen `POST /api/profile/`; the others `GET`
    /// on the update path).
    pub read: Endpoint,
    /// Saves changes.
    pub update: Endpoint,
    /// Exchanges the person's login and password for a credential; see
    /// [`SignIn`] for the body and where the token is in the answer.
    pub sign_in: Option<Endpoint>,
    /// Ends the session: sent with the dialect's auth (header or session
    /// cookie plus CSRF) and, when [`SignIn::refresh_field`] is set, the
    /// body `{"<refresh_field>": "<refresh token>"}` (simplejwt's blacklist).
    #[serde(default)]
    pub sign_out: Option<Endpoint>,
    /// Trades a refresh token for a new access token (simplejwt):
    /// `{"refresh"}` → `{"access"}`.
    #[serde(default)]
    pub refresh: Option<Endpoint>,
    /// Session auth only: answers `{"csrftoken": "<token>"}` and sets the
    /// `csrftoken` cookie; send the token as `X-CSRFToken` on unsafe methods
    /// (a cross-origin app cannot read the cookie itself).
    #[serde(default)]
    pub csrf: Option<Endpoint>,
}

impl Endpoints {
    /// The calls of each dialect, as the documents and the reference server
    /// have them.
    pub fn defaults(dialect: Dialect) -> Endpoints {
        let ep = |method: &str, path: &str| Some(Endpoint::new(method, path));
        let same = |method: &str, path: &str| Endpoints {
            read: Endpoint::new("GET", path),
            update: Endpoint::new(method, path),
            sign_in: None,
            sign_out: None,
            refresh: None,
            csrf: None,
        };
        match dialect {
            Dialect::Letraz => Endpoints {
                sign_in: ep("POST", "/api/v1/auth/login/"),
                sign_out: ep("POST", "/api/v1/auth/logout/"),
                csrf: ep("GET", "/api/v1/auth/csrf/"),
                ..same("PATCH", "/api/v1/user/")
            },
            Dialect::AisquareProfile | Dialect::AisquareDetails => Endpoints {
                sign_in: ep("POST", "/api/v1/iam/token/"),
                sign_out: ep("POST", "/api/v1/iam/token/blacklist/"),
                refresh: ep("POST", "/api/v1/iam/token/refresh/"),
                ..same(
                    "PATCH",
                    if dialect == Dialect::AisquareProfile {
                        "/api/v1/iam/user/profile/"
                    } else {
                        "/api/v1/iam/iamuserdetails/me/"
                    },
                )
            },
            Dialect::Pwgen => Endpoints {
                read: Endpoint::new("POST", "/api/profile/"),
                update: Endpoint::new("PUT", "/api/profile/{id}/update/"),
                sign_in: ep("POST", "/api/sign-in/"),
                sign_out: ep("POST", "/api/token/blacklist/"),
                refresh: ep("POST", "/api/token/refresh/"),
                csrf: None,
            },
            Dialect::UsersMe => Endpoints {
                sign_in: ep("POST", "/api/auth/token/login/"),
                sign_out: ep("POST", "/api/auth/token/logout/"),
                ..same("PATCH", "/api/users/me/")
            },
        }
    }

    /// The optional endpoints by config key, for parsing and listing.
    fn optional_mut(&mut self, key: &str) -> Option<&mut Option<Endpoint>> {
        match key {
            "sign_in" => Some(&mut self.sign_in),
            "sign_out" => Some(&mut self.sign_out),
            "refresh" => Some(&mut self.refresh),
            "csrf" => Some(&mut self.csrf),
            _ => None,
        }
    }
}

/// What names the account in the sign-in body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LoginField {
    Email,
    Username,
}

impl LoginField {
    pub const ALL: [LoginField; 2] = [LoginField::Email, LoginField::Username];

    /// The body key, also the config spelling (`"email"`, `"username"`).
    pub fn name(self) -> &'static str {
        match self {
            LoginField::Email => "email",
            LoginField::Username => "username",
        }
    }

    /// Translation key of the sign-in form's label (`field.email`).
    pub fn label_key(self) -> &'static str {
        match self {
            LoginField::Email => "field.email",
            LoginField::Username => "field.username",
        }
    }
}

/// How signing in works: what the body holds and where the credential is
/// in the answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignIn {
    /// The body is `{"<login_field>": login, "password": password}` as JSON.
    pub login_field: LoginField,
    /// Top-level key of the token in the sign-in answer (`"access"` for
    /// simplejwt, `"auth_token"` for djoser); sent back as
    /// [`AuthMode::header`]. `None`: the answer sets a session cookie.
    pub token_field: Option<String>,
    /// Top-level key of the refresh token (`"refresh"`), if any; used with
    /// [`Endpoints::refresh`] and [`Endpoints::sign_out`].
    pub refresh_field: Option<String>,
}

impl SignIn {
    /// The documented sign-in of each dialect: letraz takes an email and
    /// sets `sessionid`; aisquare and pwgen take an email and answer
    /// `{access, refresh}` (pwgen adds `user`); users-me (djoser, whose
    /// `LOGIN_FIELD` defaults to the username) answers `{auth_token}`.
    pub fn defaults(dialect: Dialect) -> SignIn {
        let jwt = SignIn {
            login_field: LoginField::Email,
            token_field: Some("access".into()),
            refresh_field: Some("refresh".into()),
        };
        match dialect {
            Dialect::Letraz => SignIn { login_field: LoginField::Email, token_field: None, refresh_field: None },
            Dialect::AisquareProfile | Dialect::AisquareDetails | Dialect::Pwgen => jwt,
            Dialect::UsersMe => SignIn {
                login_field: LoginField::Username,
                token_field: Some("auth_token".into()),
                refresh_field: None,
            },
        }
    }

    /// The sign-in request body.
    pub fn body(&self, login: &str, password: &str) -> Value {
        let mut m = Map::new();
        m.insert(self.login_field.name().to_string(), Value::String(login.to_string()));
        m.insert("password".to_string(), Value::String(password.to_string()));
        Value::Object(m)
    }

    /// The token in a sign-in (or refresh) answer; `None` when this sign-in
    /// has no token or the answer lacks a non-empty string there.
    pub fn token(&self, answer: &Value) -> Option<String> {
        string_at(answer, self.token_field.as_deref()?)
    }

    /// The refresh token in a sign-in answer.
    pub fn refresh_token(&self, answer: &Value) -> Option<String> {
        string_at(answer, self.refresh_field.as_deref()?)
    }

    /// The sign-out body: `{"<refresh_field>": refresh}` where the dialect
    /// blacklists refresh tokens, else none.
    pub fn sign_out_body(&self, refresh: Option<&str>) -> Option<Value> {
        let key = self.refresh_field.as_deref()?;
        let mut m = Map::new();
        m.insert(key.to_string(), Value::String(refresh?.to_string()));
        Some(Value::Object(m))
    }
}

fn string_at(answer: &Value, key: &str) -> Option<String> {
    answer.get(key).and_then(Value::as_str).filter(|s| !s.is_empty()).map(str::to_string)
}

/// The person's photo: which field holds it and what an upload accepts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AvatarPolicy {
    /// Catalogue path of the photo (`avatar`; aisquare's read-only
    /// `details.profile_picture`); `None` when the dialect has no photo.
    /// Whether it can be uploaded or removed is the catalogue's say
    /// ([`AppConfig::avatar_field`]).
    #[serde(default)]
    pub field: Option<String>,
    pub max_bytes: u64,
    /// MIME types such as `image/png`; `image/*` accepts any image.
    pub accepted_types: Vec<String>,
}

impl Default for AvatarPolicy {
    /// No field (see [`AvatarPolicy::defaults`]), 5 MiB, JPEG/PNG/GIF/WebP.
    fn default() -> Self {
        AvatarPolicy {
            field: None,
            max_bytes: 5 * 1024 * 1024,
            accepted_types: ["image/jpeg", "image/png", "image/gif", "image/webp"].map(String::from).to_vec(),
        }
    }
}

impl AvatarPolicy {
    /// The photo field of a dialect with the default limits.
    pub fn defaults(dialect: Dialect) -> AvatarPolicy {
        let field = catalogue(dialect).iter().find(|f| f.kind == FieldKind::File && f.section == Section::Photo);
        AvatarPolicy { field: field.map(|f| f.path.to_string()), ..AvatarPolicy::default() }
    }

    /// Checks a chosen file before uploading it.
    pub fn check(&self, size_bytes: u64, mime: &str) -> Option<Message> {
        let mime = mime.trim().to_ascii_lowercase();
        let type_ok = self
            .accepted_types
            .iter()
            .any(|t| t == &mime || t.strip_suffix("/*").is_some_and(|top| mime.split('/').next() == Some(top)));
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
    /// Sign-in body and where the token is in its answer.
    pub sign_in: SignIn,
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
            sign_in: SignIn::defaults(dialect),
            avatar: AvatarPolicy::defaults(dialect),
            endpoints: Endpoints::defaults(dialect),
        }
    }

    /// The photo's catalogue entry, if the dialect shows one. It can be
    /// uploaded when it is editable, and removed when it is also nullable.
    pub fn avatar_field(&self) -> Option<&'static FieldSpec> {
        crate::catalogue::field(self.dialect, self.avatar.field.as_deref()?)
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
    let max = crate::parse_error::MAX_JSON_DEPTH;
    if !crate::parse_error::depth_within(text, max) {
        return err("", format!("not valid JSON (nested deeper than {max} levels)"));
    }
    let json: Value = serde_json::from_str(text).or_else(|e| err("", format!("not valid JSON ({e})")))?;
    let obj = object(&json, "")?;
    known_keys(obj, "", &["dialect", "api_base_url", "auth", "sign_in", "avatar", "endpoints"])?;

    let dialect_name = match obj.get("dialect") {
        None => return err("dialect", format!("missing; expected one of {}", dialect_names())),
        Some(v) => string(v, "dialect")?,
    };
    let dialect = Dialect::from_name(dialect_name.trim()).ok_or_else(|| ConfigError {
        path: "dialect".into(),
        message: format!("unknown dialect {dialect_name:?}; expected one of {}", dialect_names()),
    })?;
    let mut config = AppConfig::defaults(dialect);

    if let Some(v) = obj.get("api_base_url") {
        config.api_base_url = base_url(string(v, "api_base_url")?)?;
    }
    if let Some(v) = obj.get("auth") {
        let name = string(v, "auth")?;
        config.auth =
            AuthMode::ALL.into_iter().find(|m| m.name() == name.trim().to_ascii_lowercase()).ok_or_else(|| {
                let all: Vec<_> = AuthMode::ALL.iter().map(|m| m.name()).collect();
                ConfigError {
                    path: "auth".into(),
                    message: format!("unknown auth mode {name:?}; expected one of {}", all.join(", ")),
                }
            })?;
    }
    if let Some(v) = obj.get("sign_in") {
        config.sign_in = sign_in(v, config.sign_in)?;
    }
    if let Some(v) = obj.get("avatar") {
        config.avatar = avatar(v, dialect, config.avatar)?;
    }
    if let Some(v) = obj.get("endpoints") {
        let eps = object(v, "endpoints")?;
        known_keys(eps, "endpoints", &["read", "update", "sign_in", "sign_out", "refresh", "csrf"])?;
        if let Some(v) = eps.get("read") {
            config.endpoints.read = endpoint(v, "endpoints.read", config.endpoints.read)?;
        }
        if let Some(v) = eps.get("update") {
            config.endpoints.update = endpoint(v, "endpoints.update", config.endpoints.update)?;
        }
        for key in ["sign_in", "sign_out", "refresh", "csrf"] {
            let Some(v) = eps.get(key) else { continue };
            let slot = config.endpoints.optional_mut(key).expect("known optional endpoint");
            let path = format!("endpoints.{key}");
            // `null` turns an optional call off (no sign-out endpoint, say).
            *slot = match v {
                Value::Null => None,
                v => {
                    let method = if key == "csrf" { "GET" } else { "POST" };
                    Some(endpoint(v, &path, slot.take().unwrap_or_else(|| Endpoint::new(method, "")))?)
                }
            };
        }
    }
    check_auth(&config)?;
    Ok(config)
}

/// The auth mode must have what it needs to get its credential.
fn check_auth(c: &AppConfig) -> Result<(), ConfigError> {
    let mode = c.auth.name();
    match c.auth {
        // Bearer and Token without a sign-in endpoint: the token comes from
        // elsewhere (an identity provider such as Clerk) and is pasted.
        AuthMode::Session if c.endpoints.sign_in.is_none() => {
            err("endpoints.sign_in", format!("auth {mode:?} needs a sign-in endpoint (method and path)"))
        }
        AuthMode::Bearer | AuthMode::Token if c.endpoints.sign_in.is_some() && c.sign_in.token_field.is_none() => err(
            "sign_in.token_field",
            format!(
                "auth {mode:?} needs the key of the token in the sign-in answer, such as \"access\" or \"auth_token\""
            ),
        ),
        _ => Ok(()),
    }
}

fn sign_in(v: &Value, mut s: SignIn) -> Result<SignIn, ConfigError> {
    let obj = object(v, "sign_in")?;
    known_keys(obj, "sign_in", &["login_field", "token_field", "refresh_field"])?;
    if let Some(v) = obj.get("login_field") {
        let name = string(v, "sign_in.login_field")?;
        s.login_field =
            LoginField::ALL.into_iter().find(|f| f.name() == name.trim().to_ascii_lowercase()).ok_or_else(|| {
                ConfigError {
                    path: "sign_in.login_field".into(),
                    message: format!("unknown login field {name:?}; expected \"email\" or \"username\""),
                }
            })?;
    }
    for key in ["token_field", "refresh_field"] {
        let Some(v) = obj.get(key) else { continue };
        let path = format!("sign_in.{key}");
        let value = match v {
            Value::Null => None,
            v => {
                let k = string(v, &path)?.trim();
                if k.is_empty() || !k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-') {
                    return err(&path, format!("{k:?} is not a top-level key of the sign-in answer such as \"access\" (letters, digits, '_' and '-'); use null for none"));
                }
                Some(k.to_string())
            }
        };
        match key {
            "token_field" => s.token_field = value,
            _ => s.refresh_field = value,
        }
    }
    Ok(s)
}

fn dialect_names() -> String {
    Dialect::ALL.map(|d| d.name()).join(", ")
}

fn object<'a>(v: &'a Value, path: &str) -> Result<&'a Map<String, Value>, ConfigError> {
    v.as_object()
        .ok_or_else(|| ConfigError { path: path.into(), message: format!("expected an object, got {}", kind(v)) })
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

fn avatar(v: &Value, dialect: Dialect, mut policy: AvatarPolicy) -> Result<AvatarPolicy, ConfigError> {
    let obj = object(v, "avatar")?;
    known_keys(obj, "avatar", &["field", "max_bytes", "accepted_types"])?;
    if let Some(v) = obj.get("field") {
        let files: Vec<&str> =
            catalogue(dialect).iter().filter(|f| f.kind == FieldKind::File).map(|f| f.path).collect();
        let expected = if files.is_empty() {
            format!("{} has no file field, so only null", dialect.name())
        } else {
            format!("one of {} or null", files.join(", "))
        };
        policy.field = match v {
            Value::Null => None,
            v => {
                let p = string(v, "avatar.field")?.trim();
                if !files.contains(&p) {
                    return err(
                        "avatar.field",
                        format!("{p:?} is not a file field of {}; expected {expected}", dialect.name()),
                    );
                }
                Some(p.to_string())
            }
        };
    }
    if let Some(v) = obj.get("max_bytes") {
        policy.max_bytes = v.as_u64().filter(|n| *n > 0).ok_or_else(|| ConfigError {
            path: "avatar.max_bytes".into(),
            message: format!("expected a whole number of bytes above 0, got {v}"),
        })?;
    }
    if let Some(v) = obj.get("accepted_types") {
        let list = v.as_array().ok_or_else(|| ConfigError {
            path: "avatar.accepted_types".into(),
            message: format!("expected a list of MIME types, got {}", kind(v)),
        })?;
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
            return err(
                &at,
                format!(
                    "{p:?} must end with '/': Django answers paths without the trailing slash with a redirect or a 500"
                ),
            );
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
            (r#"{"dialect": "users-me", "endpoints": {"refresh": {"method": "POST"}}}"#, "endpoints.refresh.path"),
            (r#"{"dialect": "letraz", "endpoints": {"sign_out": []}}"#, "endpoints.sign_out"),
            (r#"{"dialect": "letraz", "endpoints": {"sign_in": null}}"#, "endpoints.sign_in"),
            (r#"{"dialect": "letraz", "auth": "bearer"}"#, "sign_in.token_field"),
            (r#"{"dialect": "pwgen", "sign_in": {"token_field": null}}"#, "sign_in.token_field"),
            (r#"{"dialect": "pwgen", "sign_in": {"token_field": "user.token"}}"#, "sign_in.token_field"),
            (r#"{"dialect": "pwgen", "sign_in": {"token_field": ""}}"#, "sign_in.token_field"),
            (r#"{"dialect": "pwgen", "sign_in": {"login_field": "phone"}}"#, "sign_in.login_field"),
            (r#"{"dialect": "pwgen", "sign_in": {"password_field": "pw"}}"#, "sign_in.password_field"),
            (r#"{"dialect": "pwgen", "sign_in": "email"}"#, "sign_in"),
            (r#"{"dialect": "pwgen", "avatar": {"field": "photo"}}"#, "avatar.field"),
            (r#"{"dialect": "letraz", "avatar": {"field": "avatar"}}"#, "avatar.field"),
            (r#"{"dialect": "pwgen", "avatar": {"field": 1}}"#, "avatar.field"),
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
    fn every_dialect_signs_in_where_the_reference_server_does() {
        let ep = |m: &str, p: &str| Some(Endpoint::new(m, p));
        let c = AppConfig::defaults(Dialect::Letraz);
        assert_eq!((c.auth, &c.endpoints.sign_in), (AuthMode::Session, &ep("POST", "/api/v1/auth/login/")));
        assert_eq!(c.endpoints.sign_out, ep("POST", "/api/v1/auth/logout/"));
        assert_eq!(c.endpoints.csrf, ep("GET", "/api/v1/auth/csrf/"));
        assert_eq!(c.endpoints.read, Endpoint::new("GET", "/api/v1/user/"));
        assert_eq!((c.sign_in.login_field, c.sign_in.token_field.as_deref()), (LoginField::Email, None));
        assert_eq!(c.avatar_field(), None);

        for d in [Dialect::AisquareProfile, Dialect::AisquareDetails] {
            let c = AppConfig::defaults(d);
            assert_eq!(c.endpoints.sign_in, ep("POST", "/api/v1/iam/token/"));
            assert_eq!(c.endpoints.sign_out, ep("POST", "/api/v1/iam/token/blacklist/"));
            assert_eq!(c.endpoints.refresh, ep("POST", "/api/v1/iam/token/refresh/"));
            assert_eq!(c.endpoints.read, Endpoint::new("GET", &c.endpoints.update.path));
            assert_eq!(c.sign_in.token_field.as_deref(), Some("access"));
            let photo = c.avatar_field().unwrap();
            assert!(photo.name() == "profile_picture" && photo.read_only);
        }
        assert_eq!(
            AppConfig::defaults(Dialect::AisquareProfile).avatar.field.as_deref(),
            Some("details.profile_picture")
        );

        let c = AppConfig::defaults(Dialect::Pwgen);
        assert_eq!(c.endpoints.read, Endpoint::new("POST", "/api/profile/"));
        assert_eq!(c.endpoints.sign_in, ep("POST", "/api/sign-in/"));
        assert_eq!(c.endpoints.sign_out, ep("POST", "/api/token/blacklist/"));
        assert_eq!(c.endpoints.refresh, ep("POST", "/api/token/refresh/"));
        assert_eq!(c.sign_in.body("a@b.co", "pw"), serde_json::json!({"email": "a@b.co", "password": "pw"}));
        let answer = serde_json::json!({"access": "A", "refresh": "R", "user": {"id": 1}});
        assert_eq!((c.sign_in.token(&answer), c.sign_in.refresh_token(&answer)), (Some("A".into()), Some("R".into())));
        assert_eq!(c.sign_in.sign_out_body(Some("R")), Some(serde_json::json!({"refresh": "R"})));
        let photo = c.avatar_field().unwrap();
        assert!(photo.path == "avatar" && photo.editable() && photo.nullable);

        let c = AppConfig::defaults(Dialect::UsersMe);
        assert_eq!(c.endpoints.sign_in, ep("POST", "/api/auth/token/login/"));
        assert_eq!(c.endpoints.sign_out, ep("POST", "/api/auth/token/logout/"));
        assert_eq!(c.endpoints.refresh, None);
        assert_eq!(c.sign_in.login_field, LoginField::Username);
        assert_eq!(
            c.sign_in.body("BehroozGhorbani", "pw"),
            serde_json::json!({"username": "BehroozGhorbani", "password": "pw"})
        );
        assert_eq!(c.sign_in.token(&serde_json::json!({"auth_token": "k"})), Some("k".into()));
        assert_eq!(c.sign_in.token(&serde_json::json!({"auth_token": ""})), None);
        assert_eq!(c.sign_in.sign_out_body(None), None);
        assert_eq!(c.avatar_field().map(|f| f.path), Some("avatar"));
    }

    #[test]
    fn config_sign_in_and_optional_endpoints_are_configurable() {
        let c = parse_config(
            r#"{"dialect": "users-me", "sign_in": {"login_field": "Email", "token_field": "key"},
                "endpoints": {"sign_out": null, "sign_in": {"path": "/api/auth/login/"}}}"#,
        )
        .unwrap();
        assert_eq!(c.sign_in.login_field, LoginField::Email);
        assert_eq!(c.sign_in.token_field.as_deref(), Some("key"));
        assert_eq!(c.endpoints.sign_out, None);
        assert_eq!(c.endpoints.sign_in, Some(Endpoint::new("POST", "/api/auth/login/")));
        let c = parse_config(r#"{"dialect": "letraz", "auth": "bearer", "endpoints": {"sign_in": null}}"#).unwrap();
        assert_eq!((c.auth, c.endpoints.sign_in.is_none()), (AuthMode::Bearer, true), "a token from elsewhere");
        let c = parse_config(r#"{"dialect": "letraz", "auth": "basic", "endpoints": {"sign_in": null}}"#).unwrap();
        assert_eq!(c.endpoints.sign_in, None);
        let c = parse_config(
            r#"{"dialect": "letraz", "endpoints": {"refresh": {"path": "/r/"}, "csrf": {"path": "/c/"}}}"#,
        )
        .unwrap();
        assert_eq!(c.endpoints.refresh, Some(Endpoint::new("POST", "/r/")));
        assert_eq!(c.endpoints.csrf, Some(Endpoint::new("GET", "/c/")));
        let c = parse_config(r#"{"dialect": "pwgen", "avatar": {"field": null}}"#).unwrap();
        assert_eq!(c.avatar_field(), None);
        assert_eq!(c.avatar.max_bytes, AvatarPolicy::default().max_bytes);
    }

    #[test]
    fn config_written_before_sign_in_settings_still_parses() {
        // The keys that existed before: dialect, api_base_url, auth, avatar
        // {max_bytes, accepted_types}, endpoints {read, update, sign_in}.
        let c = parse_config(
            r#"{"dialect": "pwgen", "api_base_url": "/backend", "auth": "bearer",
                "avatar": {"max_bytes": 1024, "accepted_types": ["image/png"]},
                "endpoints": {"read": {"method": "POST", "path": "/api/profile/"},
                              "update": {"method": "PUT", "path": "/api/profile/{id}/update/"},
                              "sign_in": {"method": "POST", "path": "/api/sign-in/"}}}"#,
        )
        .unwrap();
        assert_eq!(c.sign_in, SignIn::defaults(Dialect::Pwgen));
        assert_eq!(c.avatar.field.as_deref(), Some("avatar"));
        assert_eq!(c.avatar.max_bytes, 1024);
    }

    #[test]
    fn avatar_policy_checks_type_then_size() {
        let p = AvatarPolicy::default();
        assert_eq!(p.check(1000, "image/png"), None);
        assert_eq!(p.check(1000, "application/pdf").unwrap().key(), Some("error.file_type"));
        assert_eq!(p.check(p.max_bytes + 1, "image/jpeg").unwrap().key(), Some("error.file_too_large"));
        let any = AvatarPolicy { max_bytes: 10, accepted_types: vec!["image/*".into()], field: None };
        assert_eq!(any.check(1, "image/avif"), None);
    }

    #[test]
    fn auth_header_per_mode() {
        assert_eq!(AuthMode::Token.header("k").as_deref(), Some("Token k"));
        assert_eq!(AuthMode::Session.header("k"), None);
    }
}

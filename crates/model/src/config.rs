//! The runtime app config (a JSON file the app fetches at startup): which
//! dialect file, where the API is, and overrides of the dialect's auth,
//! sign-in, photo limits and endpoints. Errors name the offending key and
//! say what was expected, because a person edits this file by hand. The
//! readers here serve the dialect file too ([`crate::dialect`]).

use crate::catalogue::{FieldKind, FieldSpec};
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
    /// (Basic expects `user:password` already base64-encoded): the
    /// [scheme](Self::scheme) and the credential.
    pub fn header(self, credential: &str) -> Option<String> {
        self.scheme().map(|scheme| format!("{scheme}{credential}"))
    }

    /// What precedes the credential in the `Authorization` header (with
    /// its space), if this mode sends one. The boot script's early read
    /// puts the kept secret after it (the app's `api::early_read`).
    pub fn scheme(self) -> Option<&'static str> {
        match self {
            AuthMode::Basic => Some("Basic "),
            AuthMode::Bearer => Some("Bearer "),
            AuthMode::Token => Some("Token "),
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
    pub fn new(method: &str, path: &str) -> Endpoint {
        Endpoint { method: method.to_string(), path: path.to_string() }
    }

    /// The path with `{id}` filled in.
    pub fn path_for(&self, id: Option<&str>) -> String {
        match id {
            Some(id) => self.path.replace("{id}", id),
            None => self.path.clone(),
        }
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
    /// Changes the signed-in person's password (djoser's `POST
    /// …/users/set_password/`); the body's keys are the dialect's
    /// [`crate::PasswordChange`]. Read it through [`AppConfig::password_change`].
    #[serde(default)]
    pub password_change: Option<Endpoint>,
    /// Deletes the signed-in person's account (djoser's `DELETE
    /// …/users/me/`; pwgen's path holds `{id}`); the body is the dialect's
    /// [`crate::DeleteAccount`]. Read it through [`AppConfig::delete_account`].
    #[serde(default)]
    pub delete_account: Option<Endpoint>,
}

impl Endpoints {
    /// The optional endpoints by config key, for parsing and listing.
    fn optional_mut(&mut self, key: &str) -> Option<&mut Option<Endpoint>> {
        match key {
            "sign_in" => Some(&mut self.sign_in),
            "sign_out" => Some(&mut self.sign_out),
            "refresh" => Some(&mut self.refresh),
            "csrf" => Some(&mut self.csrf),
            "password_change" => Some(&mut self.password_change),
            "delete_account" => Some(&mut self.delete_account),
            _ => None,
        }
    }

    /// The optional endpoints' keys, in the README's order.
    pub(crate) const OPTIONAL: [&'static str; 6] =
        ["sign_in", "sign_out", "refresh", "csrf", "password_change", "delete_account"];

    /// The method an optional call has when the file names only its path.
    pub(crate) fn default_method(key: &str) -> &'static str {
        match key {
            "csrf" => "GET",
            "delete_account" => "DELETE",
            _ => "POST",
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

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AppConfig {
    /// The dialect file, read once per page load.
    pub dialect: &'static Dialect,
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
    /// The dialect file's setup, on this origin.
    pub fn defaults(dialect: &'static Dialect) -> AppConfig {
        AppConfig {
            dialect,
            api_base_url: String::new(),
            auth: dialect.auth,
            sign_in: dialect.sign_in.clone(),
            avatar: dialect.photo.clone(),
            endpoints: dialect.endpoints.clone(),
        }
    }

    /// The photo's catalogue entry, if the dialect shows one. It can be
    /// uploaded when it is editable, and removed when it is also nullable.
    pub fn avatar_field(&self) -> Option<&'static FieldSpec> {
        let dialect: &'static Dialect = self.dialect;
        crate::catalogue::field(dialect, self.avatar.field.as_deref()?)
    }

    /// The password change call and its body's keys, where the backend has
    /// one (and the config has not turned it off).
    pub fn password_change(&self) -> Option<(&Endpoint, &'static crate::PasswordChange)> {
        let dialect: &'static Dialect = self.dialect;
        Some((self.endpoints.password_change.as_ref()?, dialect.password_change.as_ref()?))
    }

    /// The account deletion call and its body, where the backend has one.
    pub fn delete_account(&self) -> Option<(&Endpoint, &'static crate::DeleteAccount)> {
        let dialect: &'static Dialect = self.dialect;
        Some((self.endpoints.delete_account.as_ref()?, dialect.delete_account.as_ref()?))
    }

    /// Full URL of an endpoint.
    pub fn url(&self, endpoint: &Endpoint, id: Option<&str>) -> String {
        format!("{}{}", self.api_base_url, endpoint.path_for(id))
    }
}

/// Which hand-written file is wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConfigFile {
    AppConfig,
    Dialect,
}

/// Where the config or dialect file is wrong and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfigError {
    pub file: ConfigFile,
    /// Dotted key (`endpoints.update.method`); empty for the whole file.
    pub path: String,
    pub message: String,
}

impl ConfigError {
    pub fn new(file: ConfigFile, path: &str, message: impl Into<String>) -> ConfigError {
        ConfigError { file, path: path.to_string(), message: message.into() }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = match self.file {
            ConfigFile::AppConfig => "app config",
            ConfigFile::Dialect => "dialect file",
        };
        match (self.path.is_empty(), self.message.is_empty()) {
            (true, true) => write!(f, "{file}: not as this app reads it"),
            (true, false) => write!(f, "{file}: {}", self.message),
            (false, true) => write!(f, "{file}, `{}`: not as this app reads it", self.path),
            (false, false) => write!(f, "{file}, `{}`: {}", self.path, self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

/// Whether a reader of the hand-written files says why one is wrong. The
/// app reads them [`Unexplained`] on every start: an error then names its
/// file and key only, and the messages, with the formatting behind them,
/// stay out of the first screen's code (#28). Only when a file is wrong
/// does it read it again [`Explained`], with code that arrives then. Both
/// run the same rules, so both stop at the same key.
pub trait Explain {
    const EXPLAINS: bool;
}

/// Errors with their messages: the server, the tests, and the app once a
/// file turned out wrong.
pub enum Explained {}
/// Errors with their file and key only.
pub enum Unexplained {}

impl Explain for Explained {
    const EXPLAINS: bool = true;
}
impl Explain for Unexplained {
    const EXPLAINS: bool = false;
}

/// The file being read, and how its errors are written.
pub(crate) struct Reading<E> {
    pub file: ConfigFile,
    explain: std::marker::PhantomData<E>,
}

impl<E> Clone for Reading<E> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<E> Copy for Reading<E> {}

impl<E: Explain> Reading<E> {
    pub fn of(file: ConfigFile) -> Self {
        Reading { file, explain: std::marker::PhantomData }
    }

    pub fn error(self, path: &str, message: &'static str) -> ConfigError {
        self.error_with(path, || message.to_string())
    }

    /// `message` is called only by an [`Explained`] reading; in the other
    /// it is dead code, and the compiler drops it.
    pub fn error_with(self, path: &str, message: impl FnOnce() -> String) -> ConfigError {
        ConfigError::new(self.file, path, if E::EXPLAINS { message() } else { String::new() })
    }
}

pub(crate) fn err<T, E: Explain>(file: Reading<E>, path: &str, message: &'static str) -> Result<T, ConfigError> {
    Err(file.error(path, message))
}

pub(crate) fn err_with<T, E: Explain>(
    file: Reading<E>,
    path: &str,
    message: impl FnOnce() -> String,
) -> Result<T, ConfigError> {
    Err(file.error_with(path, message))
}

/// Reads JSON text into a value, or says what is wrong with it: [`serde_json_text`]
/// natively; the app passes the browser's own parser (`JSON.parse`), which
/// keeps serde_json's text parser out of its wasm (#28 part 4). Every rule
/// reads the value, so both read a file alike.
pub type ReadJson = fn(&str) -> Result<Value, String>;

/// serde_json's reader of JSON text.
pub fn serde_json_text(text: &str) -> Result<Value, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}

/// JSON text read by `read`, depth-checked first (serde_json, or the
/// browser, is then never asked to go deeper than the rules below do).
pub(crate) fn json_with<E: Explain>(text: &str, file: Reading<E>, read: ReadJson) -> Result<Value, ConfigError> {
    let max = crate::parse_error::MAX_JSON_DEPTH;
    if !crate::parse_error::depth_within(text, max) {
        return err_with(file, "", || format!("not valid JSON (nested deeper than {max} levels)"));
    }
    read(text).or_else(|e| err_with(file, "", || format!("not valid JSON ({e})")))
}

/// A value as JSON text (serde_json's writer), for a message, and natively
/// for an answer's value that is not text (`values::from_answer`).
pub(crate) fn json_text(v: &Value) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

/// A name from a closed list, case-insensitively.
pub(crate) fn one_of<T: Copy, E: Explain>(
    name: &str,
    at: &str,
    all: &[(&str, T)],
    file: Reading<E>,
) -> Result<T, ConfigError> {
    let wanted = name.trim().to_ascii_lowercase();
    all.iter().find(|(n, _)| *n == wanted).map(|(_, v)| *v).ok_or_else(|| {
        let names: Vec<String> = all.iter().map(|(n, _)| format!("\"{n}\"")).collect();
        file.error_with(at, || format!("unknown value \"{name}\"; expected one of {}", names.join(", ")))
    })
}

pub(crate) fn auth_mode<E: Explain>(v: &Value, at: &str, file: Reading<E>) -> Result<AuthMode, ConfigError> {
    let name = string(v, at, file)?;
    AuthMode::ALL.into_iter().find(|m| m.name() == name.trim().to_ascii_lowercase()).ok_or_else(|| {
        let all: Vec<_> = AuthMode::ALL.iter().map(|m| m.name()).collect();
        file.error_with(at, || format!("unknown auth mode \"{name}\"; expected one of {}", all.join(", ")))
    })
}

/// Parses and checks the config text, over the defaults of the dialect file
/// its `dialect` names ([`crate::dialect_source`] says where that is).
pub fn parse_config(text: &str, dialect: &'static Dialect) -> Result<AppConfig, ConfigError> {
    parse_config_with(text, dialect, serde_json_text)
}

/// [`parse_config`] with the text read by `read`.
pub fn parse_config_with(text: &str, dialect: &'static Dialect, read: ReadJson) -> Result<AppConfig, ConfigError> {
    parse_config_as::<Explained>(text, dialect, read)
}

/// [`parse_config_with`] whose errors name the key only ([`Unexplained`]).
pub fn parse_config_unexplained(
    text: &str,
    dialect: &'static Dialect,
    read: ReadJson,
) -> Result<AppConfig, ConfigError> {
    parse_config_as::<Unexplained>(text, dialect, read)
}

fn parse_config_as<E: Explain>(
    text: &str,
    dialect: &'static Dialect,
    read: ReadJson,
) -> Result<AppConfig, ConfigError> {
    let file = Reading::<E>::of(ConfigFile::AppConfig);
    let json = json_with(text, file, read)?;
    let obj = object(&json, "", file)?;
    known_keys(obj, "", &["dialect", "api_base_url", "auth", "sign_in", "avatar", "endpoints"], file)?;
    crate::dialect::source_of(&json, file)?;
    let mut config = AppConfig::defaults(dialect);

    if let Some(v) = obj.get("api_base_url") {
        config.api_base_url = base_url(string(v, "api_base_url", file)?, file)?;
    }
    if let Some(v) = obj.get("auth") {
        config.auth = auth_mode(v, "auth", file)?;
    }
    if let Some(v) = obj.get("sign_in") {
        config.sign_in = sign_in(v, config.sign_in, file)?;
    }
    if let Some(v) = obj.get("avatar") {
        config.avatar = avatar_policy(v, &AVATAR_KEYS, &dialect.fields, config.avatar, "avatar", file)?;
    }
    if let Some(v) = obj.get("endpoints") {
        let eps = object(v, "endpoints", file)?;
        known_keys(eps, "endpoints", &crate::dialect::ENDPOINT_KEYS, file)?;
        if let Some(v) = eps.get("read") {
            config.endpoints.read = endpoint(v, "endpoints.read", config.endpoints.read, file)?;
        }
        if let Some(v) = eps.get("update") {
            config.endpoints.update = endpoint(v, "endpoints.update", config.endpoints.update, file)?;
        }
        for key in Endpoints::OPTIONAL {
            let Some(v) = eps.get(key) else { continue };
            let slot = config.endpoints.optional_mut(key).expect("known optional endpoint");
            let path = format!("endpoints.{key}");
            // The body's keys of these two live in the dialect file only: the
            // config may move or drop the call, not invent it.
            let body_block = match key {
                "password_change" => Some(dialect.password_change.is_some()),
                "delete_account" => Some(dialect.delete_account.is_some()),
                _ => None,
            };
            if body_block == Some(false) && !v.is_null() {
                return err_with(file, &path, || {
                    format!("the dialect file has no {key} block naming the body's keys; add the call there")
                });
            }
            // `null` turns an optional call off (no sign-out endpoint, say).
            *slot = match v {
                Value::Null => None,
                v => {
                    let start = slot.take().unwrap_or_else(|| Endpoint::new(Endpoints::default_method(key), ""));
                    Some(endpoint(v, &path, start, file)?)
                }
            };
        }
    }
    check_auth(config.auth, &config.endpoints, &config.sign_in, file)?;
    Ok(config)
}

/// The auth mode must have what it needs to get its credential.
pub(crate) fn check_auth<E: Explain>(
    auth: AuthMode,
    endpoints: &Endpoints,
    sign_in: &SignIn,
    file: Reading<E>,
) -> Result<(), ConfigError> {
    let mode = auth.name();
    match auth {
        // Bearer and Token without a sign-in endpoint: the token comes from
        // elsewhere (an identity provider such as Clerk) and is pasted.
        AuthMode::Session if endpoints.sign_in.is_none() => err_with(file, "endpoints.sign_in", || {
            format!("auth \"{mode}\" needs a sign-in endpoint (method and path)")
        }),
        AuthMode::Bearer | AuthMode::Token if endpoints.sign_in.is_some() && sign_in.token_field.is_none() => {
            err_with(file, "sign_in.token_field", || {
                format!(
                "auth \"{mode}\" needs the key of the token in the sign-in answer, such as \"access\" or \"auth_token\""
            )
            })
        }
        _ => Ok(()),
    }
}

pub(crate) fn sign_in<E: Explain>(v: &Value, mut s: SignIn, file: Reading<E>) -> Result<SignIn, ConfigError> {
    let obj = object(v, "sign_in", file)?;
    known_keys(obj, "sign_in", &["login_field", "token_field", "refresh_field"], file)?;
    if let Some(v) = obj.get("login_field") {
        let name = string(v, "sign_in.login_field", file)?;
        s.login_field =
            LoginField::ALL.into_iter().find(|f| f.name() == name.trim().to_ascii_lowercase()).ok_or_else(|| {
                file.error_with("sign_in.login_field", || {
                    format!("unknown login field \"{name}\"; expected \"email\" or \"username\"")
                })
            })?;
    }
    for key in ["token_field", "refresh_field"] {
        let Some(v) = obj.get(key) else { continue };
        let path = format!("sign_in.{key}");
        let value = match v {
            Value::Null => None,
            v => {
                let k = string(v, &path, file)?.trim();
                if k.is_empty() || !k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-') {
                    return err_with(file, &path, || {
                        format!("\"{k}\" is not a top-level key of the sign-in answer such as \"access\" (letters, digits, '_' and '-'); use null for none")
                    });
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

pub(crate) fn object<'a, E: Explain>(
    v: &'a Value,
    path: &str,
    file: Reading<E>,
) -> Result<&'a Map<String, Value>, ConfigError> {
    v.as_object().ok_or_else(|| file.error_with(path, || format!("expected an object, got {}", kind(v))))
}

pub(crate) fn string<'a, E: Explain>(v: &'a Value, path: &str, file: Reading<E>) -> Result<&'a str, ConfigError> {
    v.as_str().ok_or_else(|| file.error_with(path, || format!("expected a string, got {}", kind(v))))
}

pub(crate) fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

pub(crate) fn known_keys<E: Explain>(
    obj: &Map<String, Value>,
    path: &str,
    known: &[&str],
    file: Reading<E>,
) -> Result<(), ConfigError> {
    match obj.keys().find(|k| !known.contains(&k.as_str())) {
        Some(k) => {
            let at = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
            err_with(file, &at, || format!("unknown key; expected one of {}", known.join(", ")))
        }
        None => Ok(()),
    }
}

fn base_url<E: Explain>(s: &str, file: Reading<E>) -> Result<String, ConfigError> {
    let s = s.trim().trim_end_matches('/');
    if s.is_empty() || s.starts_with('/') && !s.starts_with("//") {
        return Ok(s.to_string());
    }
    let rest = s.strip_prefix("https://").or_else(|| s.strip_prefix("http://"));
    let host = rest.map(|r| r.split(['/', '?', '#']).next().unwrap_or_default());
    match (rest, host) {
        (Some(r), Some(h)) if !h.is_empty() && !r.contains(['?', '#']) && !r.chars().any(char::is_whitespace) => {
            Ok(s.to_string())
        }
        _ => err_with(file, "api_base_url", || {
            format!("\"{s}\" is not an http(s) origin such as \"https://api.example.com\", a path such as \"/backend\", or empty for this origin")
        }),
    }
}

/// The keys of the config's `avatar` block.
const AVATAR_KEYS: [&str; 3] = ["field", "max_bytes", "accepted_types"];

/// The photo block (`avatar` in the config, `photo` in a dialect file,
/// named by `at`, whose `known` keys it reads or lets by): which file
/// field, how large, which types.
pub(crate) fn avatar_policy<E: Explain>(
    v: &Value,
    known: &[&str],
    fields: &[FieldSpec],
    mut policy: AvatarPolicy,
    at: &str,
    file: Reading<E>,
) -> Result<AvatarPolicy, ConfigError> {
    let obj = object(v, at, file)?;
    known_keys(obj, at, known, file)?;
    let key = |k: &str| format!("{at}.{k}");
    if let Some(v) = obj.get("field") {
        let files: Vec<&str> = fields.iter().filter(|f| f.kind == FieldKind::File).map(|f| f.path.as_str()).collect();
        let expected = || match files.is_empty() {
            true => "the dialect has no file field, so only null".to_string(),
            false => format!("one of {} or null", files.join(", ")),
        };
        policy.field = match v {
            Value::Null => None,
            v => {
                let p = string(v, &key("field"), file)?.trim();
                if !files.contains(&p) {
                    return err_with(file, &key("field"), || {
                        format!("\"{p}\" is not a file field of the dialect; expected {}", expected())
                    });
                }
                Some(p.to_string())
            }
        };
    }
    if let Some(v) = obj.get("max_bytes") {
        policy.max_bytes = v.as_u64().filter(|n| *n > 0).ok_or_else(|| {
            file.error_with(&key("max_bytes"), || {
                format!("expected a whole number of bytes above 0, got {}", json_text(v))
            })
        })?;
    }
    if let Some(v) = obj.get("accepted_types") {
        let list = v.as_array().ok_or_else(|| {
            file.error_with(&key("accepted_types"), || format!("expected a list of MIME types, got {}", kind(v)))
        })?;
        if list.is_empty() {
            return err(file, &key("accepted_types"), "expected at least one MIME type such as \"image/png\"");
        }
        policy.accepted_types = list
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let path = format!("{at}.accepted_types.{i}");
                let t = string(t, &path, file)?.trim().to_ascii_lowercase();
                match t.split_once('/') {
                    Some((a, b)) if is_token(a) && (b == "*" || is_token(b)) => Ok(t),
                    _ => err_with(file, &path, || {
                        format!("\"{t}\" is not a MIME type such as \"image/png\" or \"image/*\"")
                    }),
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

pub(crate) fn endpoint<E: Explain>(
    v: &Value,
    path: &str,
    mut ep: Endpoint,
    file: Reading<E>,
) -> Result<Endpoint, ConfigError> {
    let obj = object(v, path, file)?;
    known_keys(obj, path, &["method", "path"], file)?;
    if let Some(m) = obj.get("method") {
        let at = format!("{path}.method");
        let m = string(m, &at, file)?.trim().to_ascii_uppercase();
        if !METHODS.contains(&m.as_str()) {
            return err_with(file, &at, || format!("unknown method \"{m}\"; expected one of {}", METHODS.join(", ")));
        }
        ep.method = m;
    }
    if let Some(p) = obj.get("path") {
        let at = format!("{path}.path");
        let p = string(p, &at, file)?.trim();
        if !p.starts_with('/') || p.starts_with("//") {
            return err_with(file, &at, || {
                format!("\"{p}\" must start with a single '/'; put the origin in api_base_url")
            });
        }
        if !p.ends_with('/') {
            return err_with(file, &at, || {
                format!(
                    "\"{p}\" must end with '/': Django answers paths without the trailing slash with a redirect or a 500"
                )
            });
        }
        if p.chars().any(char::is_whitespace) || p.contains(['?', '#']) {
            return err_with(file, &at, || format!("\"{p}\" must be a plain path without spaces, '?' or '#'"));
        }
        let without_id = p.replace("{id}", "");
        if without_id.contains(['{', '}']) {
            return err_with(file, &at, || format!("\"{p}\": the only placeholder is {{id}}"));
        }
        ep.path = p.to_string();
    }
    if ep.path.is_empty() {
        return err(file, &format!("{path}.path"), "missing; the dialect file has none to start from");
    }
    Ok(ep)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shipped;

    #[test]
    fn config_minimal_takes_dialect_defaults() {
        let c = shipped::config(r#"{"dialect": "pwgen"}"#).unwrap();
        assert_eq!(c.auth, AuthMode::Bearer);
        assert_eq!(c.endpoints.update, Endpoint::new("PUT", "/api/profile/{id}/update/"));
        assert_eq!(c.url(&c.endpoints.update, Some("42")), "/api/profile/42/update/");
        assert!(c.endpoints.sign_in.is_some());
        assert_eq!(AppConfig::defaults(shipped::users_me()).auth, AuthMode::Token);
    }

    #[test]
    fn config_full_with_overrides() {
        let c = shipped::config(
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
            let e = shipped::config(text).unwrap_err();
            assert_eq!(e.path, path, "{text}: {e}");
            assert!(!e.message.is_empty());
            // The app's first reading stops at the same key, with no message
            // (#28: the message comes with a second reading).
            let read = serde_json_text;
            let quiet = match crate::dialect::dialect_source_unexplained(text, read) {
                Ok(crate::DialectSource::Shipped(name)) => {
                    parse_config_unexplained(text, shipped::by_name(&name).unwrap(), read).unwrap_err()
                }
                Ok(other) => panic!("{text}: {other:?}"),
                Err(quiet) => quiet,
            };
            assert_eq!((quiet.file, quiet.path.as_str(), quiet.message.as_str()), (e.file, path, ""), "{text}");
        }
        let e = shipped::config(r#"{"dialect": "django"}"#).unwrap_err();
        assert_eq!(e.to_string(), "app config, `dialect`: unknown dialect \"django\"; expected one of letraz, aisquare-profile, aisquare-details, pwgen, users-me, or the URL of a dialect file ending in .json");
    }

    #[test]
    fn every_dialect_signs_in_where_the_reference_server_does() {
        let ep = |m: &str, p: &str| Some(Endpoint::new(m, p));
        let c = AppConfig::defaults(shipped::letraz());
        assert_eq!((c.auth, &c.endpoints.sign_in), (AuthMode::Session, &ep("POST", "/api/v1/auth/login/")));
        assert_eq!(c.endpoints.sign_out, ep("POST", "/api/v1/auth/logout/"));
        assert_eq!(c.endpoints.csrf, ep("GET", "/api/v1/auth/csrf/"));
        assert_eq!(c.endpoints.read, Endpoint::new("GET", "/api/v1/user/"));
        assert_eq!((c.sign_in.login_field, c.sign_in.token_field.as_deref()), (LoginField::Email, None));
        assert_eq!(c.avatar_field(), None);

        for d in [shipped::aisquare_profile(), shipped::aisquare_details()] {
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
            AppConfig::defaults(shipped::aisquare_profile()).avatar.field.as_deref(),
            Some("details.profile_picture")
        );

        let c = AppConfig::defaults(shipped::pwgen());
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

        let c = AppConfig::defaults(shipped::users_me());
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
        assert_eq!(c.avatar_field().map(|f| f.path.as_str()), Some("avatar"));
    }

    #[test]
    fn account_calls_where_the_seeds_or_their_real_backends_have_them() {
        // users-me: djoser's set_password and DELETE me under the seed's /api/.
        let c = AppConfig::defaults(shipped::users_me());
        let (ep, change) = c.password_change().unwrap();
        assert_eq!(ep, &Endpoint::new("POST", "/api/users/set_password/"));
        assert_eq!(
            change.body("old", "new", "new"),
            serde_json::json!({"current_password": "old", "new_password": "new", "re_new_password": "new"})
        );
        let (ep, delete) = c.delete_account().unwrap();
        assert_eq!(ep, &Endpoint::new("DELETE", "/api/users/me/"));
        assert_eq!(delete.body("pw"), Some(serde_json::json!({"current_password": "pw"})));
        // pwgen: its real backend's delete view, by id, no body; no password change.
        let c = AppConfig::defaults(shipped::pwgen());
        assert_eq!(c.password_change(), None);
        let (ep, delete) = c.delete_account().unwrap();
        assert_eq!(c.url(ep, Some("7")), "/api/profile/7/delete/");
        assert_eq!((ep.method.as_str(), delete.body("pw")), ("DELETE", None));
        // None is invented for the seeds that document neither.
        for d in [shipped::letraz(), shipped::aisquare_profile(), shipped::aisquare_details()] {
            let c = AppConfig::defaults(d);
            assert!(c.password_change().is_none() && c.delete_account().is_none(), "{}", d.name);
        }
    }

    #[test]
    fn config_sign_in_and_optional_endpoints_are_configurable() {
        let c = shipped::config(
            r#"{"dialect": "users-me", "sign_in": {"login_field": "Email", "token_field": "key"},
                "endpoints": {"sign_out": null, "sign_in": {"path": "/api/auth/login/"}}}"#,
        )
        .unwrap();
        assert_eq!(c.sign_in.login_field, LoginField::Email);
        assert_eq!(c.sign_in.token_field.as_deref(), Some("key"));
        assert_eq!(c.endpoints.sign_out, None);
        assert_eq!(c.endpoints.sign_in, Some(Endpoint::new("POST", "/api/auth/login/")));
        let c = shipped::config(r#"{"dialect": "letraz", "auth": "bearer", "endpoints": {"sign_in": null}}"#).unwrap();
        assert_eq!((c.auth, c.endpoints.sign_in.is_none()), (AuthMode::Bearer, true), "a token from elsewhere");
        let c = shipped::config(r#"{"dialect": "letraz", "auth": "basic", "endpoints": {"sign_in": null}}"#).unwrap();
        assert_eq!(c.endpoints.sign_in, None);
        let c = shipped::config(
            r#"{"dialect": "letraz", "endpoints": {"refresh": {"path": "/r/"}, "csrf": {"path": "/c/"}}}"#,
        )
        .unwrap();
        assert_eq!(c.endpoints.refresh, Some(Endpoint::new("POST", "/r/")));
        assert_eq!(c.endpoints.csrf, Some(Endpoint::new("GET", "/c/")));
        let c = shipped::config(r#"{"dialect": "pwgen", "avatar": {"field": null}}"#).unwrap();
        assert_eq!(c.avatar_field(), None);
        assert_eq!(c.avatar.max_bytes, AvatarPolicy::default().max_bytes);
    }

    #[test]
    fn config_written_before_sign_in_settings_still_parses() {
        // The keys that existed before: dialect, api_base_url, auth, avatar
        // {max_bytes, accepted_types}, endpoints {read, update, sign_in}.
        let c = shipped::config(
            r#"{"dialect": "pwgen", "api_base_url": "/backend", "auth": "bearer",
                "avatar": {"max_bytes": 1024, "accepted_types": ["image/png"]},
                "endpoints": {"read": {"method": "POST", "path": "/api/profile/"},
                              "update": {"method": "PUT", "path": "/api/profile/{id}/update/"},
                              "sign_in": {"method": "POST", "path": "/api/sign-in/"}}}"#,
        )
        .unwrap();
        assert_eq!(c.sign_in, shipped::pwgen().sign_in);
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

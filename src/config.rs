//! The runtime configuration: which backend this deployment talks to.
//! Read from `config.json` served next to the app, unless the person set an
//! override in this browser (Settings > Connection), so one build serves
//! any backend. The config names a dialect file (one of those shipped in
//! `dialects/`, or a URL), fetched next: only that one backend's
//! description is ever downloaded.

use profile_model::{
    dialect_source_unexplained, dialect_source_with, parse_config_unexplained, parse_config_with,
    parse_dialect_unexplained, parse_dialect_with, AppConfig, ConfigError, Dialect, ReadJson,
};

use wasm_bindgen::JsCast;

use crate::storage::{NotStored, Store};

const OVERRIDE_KEY: &str = "profile-app.config-override";
/// Absolute: a deep link (`/a/b`) must not look for `/a/config.json`.
const CONFIG_URL: &str = "/config.json";

/// Where the config in use came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConfigSource {
    Served,
    BrowserOverride,
}

/// Why the app cannot start: shown as a page, never a blank screen.
#[derive(Clone, Debug, PartialEq)]
pub struct ConfigProblem {
    pub source: ConfigSource,
    pub detail: String,
}

pub async fn load() -> Result<(AppConfig, ConfigSource), ConfigProblem> {
    let (text, source) = match override_text() {
        Some(text) => (text, ConfigSource::BrowserOverride),
        None => {
            let text = served_text().await.map_err(|detail| ConfigProblem { source: ConfigSource::Served, detail })?;
            (text, ConfigSource::Served)
        }
    };
    resolve(&text).await.map(|c| (c, source)).map_err(|detail| ConfigProblem { source, detail })
}

/// The config text with its dialect file fetched and both checked (both
/// read by the browser's JSON parser, `crate::json`). They are read
/// unexplained (#28): a wrong file is read again by `explaining`, which
/// comes then, for the message a deployer needs.
pub async fn resolve(text: &str) -> Result<AppConfig, String> {
    let source = match dialect_source_unexplained(text, crate::json::parse) {
        Ok(source) => source,
        Err(e) => return Err(explained(text, None, e.to_string()).await),
    };
    let url = source.url();
    let dialect_text = dialect_text(&url).await?;
    match over_dialect(text, &url, &dialect_text, parse_dialect_unexplained, parse_config_unexplained) {
        Ok(config) => Ok(config),
        Err(key_only) => Err(explained(text, Some((url, dialect_text)), key_only).await),
    }
}

/// The config over its dialect file (fetched from `url`), each read by the
/// reader given: the unexplained ones on start, the explained ones for the
/// message. A dialect file's error says which file.
fn over_dialect(
    config: &str,
    url: &str,
    dialect: &str,
    parse_dialect: fn(&str, ReadJson) -> Result<Dialect, ConfigError>,
    parse_config: fn(&str, &'static Dialect, ReadJson) -> Result<AppConfig, ConfigError>,
) -> Result<AppConfig, String> {
    let read = crate::json::parse;
    let dialect = parse_dialect(dialect, read).map_err(|e| format!("{url}: {e}"))?.leak();
    parse_config(config, dialect, read).map_err(|e| e.to_string())
}

/// Why the config (or its dialect file, fetched from `url`) is wrong: the
/// explained reading's message, or `key_only` (the first reading's file
/// and key) should its code not arrive.
async fn explained(config: &str, dialect: Option<(String, String)>, key_only: String) -> String {
    explaining(config.to_string(), dialect).await.unwrap_or(key_only)
}

// The messages of a wrong config or dialect file, and the formatting
// behind them, come only with a wrong file, off every first screen.
on_demand!(config_errors: fn explaining(config: String, dialect: Option<(String, String)>) -> String {
    let error = match dialect {
        None => dialect_source_with(&config, crate::json::parse).err().map(|e| e.to_string()),
        Some((url, text)) => over_dialect(&config, &url, &text, parse_dialect_with, parse_config_with).err(),
    };
    // Both readings run the same rules; an explained reading that finds
    // nothing wrong would be a bug in the model, not in the file.
    error.unwrap_or_else(|| "the config could not be read".to_string())
});

/// `config.json`: the text the boot script already asked for (release
/// builds start it beside the wasm), else a fetch of our own.
async fn served_text() -> Result<String, String> {
    if let Some(text) = early_text(take_early("__profileConfig")).await {
        return Ok(text);
    }
    fetch_text(CONFIG_URL).await
}

/// The dialect file at `url`: the text the boot script already asked for
/// when it asked for that URL (`{url, text}`), else a fetch of our own.
async fn dialect_text(url: &str) -> Result<String, String> {
    let early = take_early("__profileDialect").filter(|early| {
        js_sys::Reflect::get(early, &"url".into()).ok().and_then(|u| u.as_string()).as_deref() == Some(url)
    });
    let text = early.and_then(|early| js_sys::Reflect::get(&early, &"text".into()).ok());
    if let Some(text) = early_text(text).await {
        return Ok(text);
    }
    fetch_text(url).await
}

/// What the boot script (src/route-preload.js) left under `window[key]`,
/// taken once: a later start reads the file afresh.
fn take_early(key: &str) -> Option<wasm_bindgen::JsValue> {
    let window = web_sys::window()?;
    let key = wasm_bindgen::JsValue::from_str(key);
    let early = js_sys::Reflect::get(&window, &key).ok().filter(|v| !v.is_undefined())?;
    let _ = js_sys::Reflect::delete_property(&window, &key);
    Some(early)
}

/// The text a boot script's promise gave, or None where it had none (an
/// error, a status other than 200-299): the app then asks itself.
async fn early_text(promise: Option<wasm_bindgen::JsValue>) -> Option<String> {
    let promise = promise?.dyn_into::<js_sys::Promise>().ok()?;
    wasm_bindgen_futures::JsFuture::from(promise).await.ok()?.as_string()
}

/// The words the API client uses for a failed connection.
fn network_problem() -> String {
    crate::i18n::english(&profile_model::Message::rule("error.network"))
}

async fn fetch_text(url: &str) -> Result<String, String> {
    let response = gloo_net::http::Request::get(url).send().await.map_err(|_| network_problem())?;
    if !response.ok() {
        return Err(format!("{url} answered HTTP {}", response.status()));
    }
    response.text().await.map_err(|_| network_problem())
}

pub fn override_text() -> Option<String> {
    Store::Local.read(OVERRIDE_KEY).filter(|t| !t.trim().is_empty())
}

/// Sets this browser's override once it and its dialect file check out;
/// the app reloads to apply it.
pub async fn set_override(text: &str) -> Result<(), String> {
    resolve(text).await?;
    Store::Local.write(OVERRIDE_KEY, text).map_err(|why| match why {
        NotStored::Unavailable => "this browser has no local storage".to_string(),
        NotStored::Refused => "could not store the override".to_string(),
    })
}

pub fn clear_override() {
    Store::Local.remove(OVERRIDE_KEY);
}

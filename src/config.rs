//! The runtime configuration: which backend this deployment talks to.
//! Read from `config.json` served next to the app, unless the person set an
//! override in this browser (Settings > Connection), so one build serves
//! any of the five backends.

use profile_model::{parse_config, AppConfig};

use crate::api::ClientError;

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
    if let Some(text) = override_text() {
        return parse_config(&text)
            .map(|c| (c, ConfigSource::BrowserOverride))
            .map_err(|e| ConfigProblem { source: ConfigSource::BrowserOverride, detail: e.to_string() });
    }
    let problem = |detail: String| ConfigProblem { source: ConfigSource::Served, detail };
    let response =
        gloo_net::http::Request::get(CONFIG_URL).send().await.map_err(|_| problem(ClientError::Network.to_string()))?;
    if !response.ok() {
        return Err(problem(format!("{CONFIG_URL} answered HTTP {}", response.status())));
    }
    let text = response.text().await.map_err(|_| problem(ClientError::Network.to_string()))?;
    parse_config(&text).map(|c| (c, ConfigSource::Served)).map_err(|e| problem(e.to_string()))
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn override_text() -> Option<String> {
    storage()?.get_item(OVERRIDE_KEY).ok().flatten().filter(|t| !t.trim().is_empty())
}

/// Sets (checked first) or clears this browser's override; the app
/// reloads to apply it.
pub fn set_override(text: Option<&str>) -> Result<(), String> {
    let storage = storage().ok_or("this browser has no local storage")?;
    match text {
        Some(text) => {
            parse_config(text).map_err(|e| e.to_string())?;
            storage.set_item(OVERRIDE_KEY, text).map_err(|_| "could not store the override".to_string())
        }
        None => storage.remove_item(OVERRIDE_KEY).map_err(|_| "could not clear the override".to_string()),
    }
}

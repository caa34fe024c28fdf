//! Preferences remembered in this browser (theme, language): the storage
//! keys and how they land on `<html>`. `src/theme-boot.js` reads the
//! same keys and sets the same attributes before the first paint, so the
//! two must change together.

use wasm_bindgen::JsCast;

use crate::storage::Store;

/// `light`, `dark` or `system`; read by `theme-boot.js`.
pub const THEME_KEY: &str = "profile-app.theme";
/// A language code (`en`, `fa`); read by `theme-boot.js`.
pub const LOCALE_KEY: &str = "profile-app.locale";

pub fn load(key: &str) -> Option<String> {
    Store::Local.read(key)
}

/// Best effort: private modes may refuse storage; the choice then lasts
/// for this page only.
pub fn store(key: &str, value: &str) {
    let _ = Store::Local.write(key, value);
}

/// Sets an attribute on `<html>` (`data-theme`, `lang`, `dir`).
pub fn set_root_attribute(name: &str, value: &str) {
    if let Some(root) = root_element() {
        let _ = root.set_attribute(name, value);
    }
}

pub fn root_attribute(name: &str) -> Option<String> {
    root_element()?.get_attribute(name)
}

fn root_element() -> Option<web_sys::HtmlElement> {
    web_sys::window()?.document()?.document_element()?.dyn_into().ok()
}

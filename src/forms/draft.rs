//! Unsaved edits survive a reload or a failed save: the changed fields (not
//! files) are kept in `sessionStorage`, per dialect and page, and dropped
//! after a successful save or on sign-out.

use profile_model::{Dialect, FormValues};

const PREFIX: &str = "profile-app.draft.";

fn key(dialect: Dialect, page: &str) -> String {
    format!("{PREFIX}{}.{page}", dialect.name())
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// Keeps `changes`; an empty set removes the draft.
pub fn keep(dialect: Dialect, page: &str, changes: &FormValues) {
    let Some(s) = storage() else { return };
    if changes.iter().next().is_none() {
        let _ = s.remove_item(&key(dialect, page));
    } else if let Ok(json) = serde_json::to_string(changes) {
        let _ = s.set_item(&key(dialect, page), &json);
    }
}

pub fn load(dialect: Dialect, page: &str) -> Option<FormValues> {
    let json = storage()?.get_item(&key(dialect, page)).ok()??;
    serde_json::from_str::<FormValues>(&json).ok().filter(|d| d.iter().next().is_some())
}

pub fn forget(dialect: Dialect, page: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(&key(dialect, page));
    }
}

/// Drops every draft (sign-out: the next person must not see them).
pub fn forget_all() {
    let Some(s) = storage() else { return };
    let keys: Vec<String> = (0..s.length().unwrap_or(0))
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(PREFIX))
        .collect();
    for k in keys {
        let _ = s.remove_item(&k);
    }
}

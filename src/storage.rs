//! The browser's key-value stores, in one place. Every use is best
//! effort: private modes and full quotas refuse storage, and the app then
//! keeps the value for this page only.

/// Which store: `Local` lasts across tabs and restarts (preferences, a
/// remembered sign-in, the config override); `Session` lasts for this tab
/// and its reloads (drafts, a sign-in not remembered). Which one a sign-in
/// goes to is `session::kept_in`'s rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Store {
    Local,
    Session,
}

/// Why a write did not happen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotStored {
    /// The browser has no such store (or refuses access to it).
    Unavailable,
    /// The store refused the value (quota, private mode).
    Refused,
}

impl Store {
    fn storage(self) -> Option<web_sys::Storage> {
        let window = web_sys::window()?;
        match self {
            Store::Local => window.local_storage(),
            Store::Session => window.session_storage(),
        }
        .ok()
        .flatten()
    }

    pub fn read(self, key: &str) -> Option<String> {
        self.storage()?.get_item(key).ok().flatten()
    }

    pub fn write(self, key: &str, value: &str) -> Result<(), NotStored> {
        let storage = self.storage().ok_or(NotStored::Unavailable)?;
        storage.set_item(key, value).map_err(|_| NotStored::Refused)
    }

    pub fn remove(self, key: &str) {
        if let Some(storage) = self.storage() {
            let _ = storage.remove_item(key);
        }
    }

    /// Removes every key `doomed` picks.
    pub fn remove_where(self, doomed: &dyn Fn(&str) -> bool) {
        let Some(storage) = self.storage() else { return };
        let keys: Vec<String> = (0..storage.length().unwrap_or(0))
            .filter_map(|i| storage.key(i).ok().flatten())
            .filter(|k| doomed(k))
            .collect();
        for key in keys {
            let _ = storage.remove_item(&key);
        }
    }
}

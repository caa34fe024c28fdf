//! Who is signed in. Tokens live in memory unless the person ticks
//! "remember me"; only then are they written to `localStorage`.

use leptos::prelude::*;

const REMEMBERED_TOKEN_KEY: &str = "profile-app.token";

#[derive(Clone, Copy)]
pub struct Session {
    token: RwSignal<Option<String>>,
}

impl Session {
    /// A session with no token, for tests and first visits.
    pub fn signed_out() -> Self {
        Session { token: RwSignal::new(None) }
    }

    /// Picks up a token the person asked us to remember.
    pub fn restore() -> Self {
        let remembered = local_storage().and_then(|s| s.get_item(REMEMBERED_TOKEN_KEY).ok().flatten());
        Session { token: RwSignal::new(remembered) }
    }

    pub fn token(&self) -> Option<String> {
        self.token.get_untracked()
    }

    pub fn is_signed_in(&self) -> bool {
        self.token.with(Option::is_some)
    }

    pub fn sign_in(&self, token: String, remember: bool) {
        if let Some(storage) = local_storage() {
            let _ = if remember {
                storage.set_item(REMEMBERED_TOKEN_KEY, &token)
            } else {
                storage.remove_item(REMEMBERED_TOKEN_KEY)
            };
        }
        self.token.set(Some(token));
    }

    pub fn sign_out(&self) {
        if let Some(storage) = local_storage() {
            let _ = storage.remove_item(REMEMBERED_TOKEN_KEY);
        }
        self.token.set(None);
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

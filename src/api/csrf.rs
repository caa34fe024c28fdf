//! Django's CSRF token for cookie sessions. On the API's own site the
//! `csrftoken` cookie is readable and is the token; from another site it
//! is not, and the `csrf` endpoint answers it in the body instead. Asking
//! the endpoint is code that arrives on first use: only a person's action
//! (save, sign-in, sign-out) sends an unsafe method.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use profile_model::AuthMode;

use super::{fetch, ApiClient, Body};

impl ApiClient {
    /// The token to send with `method`, if it needs one: the cookie, else
    /// the one the endpoint gave earlier, else a new one from it. `fresh`
    /// asks the endpoint again (Django rotates the token on sign-in).
    pub(super) async fn csrf_for(&self, method: &str, fresh: bool) -> Option<String> {
        if matches!(method, "GET" | "HEAD" | "OPTIONS") {
            return None;
        }
        if !fresh {
            if let Some(token) = fetch::csrf_cookie().or_else(|| self.csrf_token.get_value()) {
                return Some(token);
            }
        }
        if self.config.auth != AuthMode::Session || self.config.endpoints.csrf.is_none() {
            return None;
        }
        asking_csrf(self.clone()).await.ok()?.await
    }

    async fn ask_csrf(&self) -> Option<String> {
        let endpoint = self.config.endpoints.csrf.clone()?;
        let url = self.config.url(&endpoint, None);
        let answer = self.exchange(None, &endpoint.method, &url, Body::None, None).await.ok()?;
        let token = answer.get("csrftoken").and_then(|t| t.as_str()).map(str::to_string).or_else(fetch::csrf_cookie)?;
        self.csrf_token.set_value(Some(token.clone()));
        Some(token)
    }
}

// With the token renewal: both keep a session going, after an action.
on_demand!(session_upkeep: fn asking_csrf(client: ApiClient) -> Pin<Box<dyn Future<Output = Option<String>>>> {
    Box::pin(async move { client.ask_csrf().await })
});

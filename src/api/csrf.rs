//! Django's CSRF token for cookie sessions. On the API's own site the
//! `csrftoken` cookie is readable and is the token; from another site it
//! is not, and the `csrf` endpoint answers it in the body instead.

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
        if self.config.auth != AuthMode::Session {
            return None;
        }
        let endpoint = self.config.endpoints.csrf.clone()?;
        let url = self.config.url(&endpoint, None);
        let answer = self.exchange(None, &endpoint.method, &url, Body::None, None).await.ok()?;
        let token = answer.get("csrftoken").and_then(|t| t.as_str()).map(str::to_string).or_else(fetch::csrf_cookie)?;
        self.csrf_token.set_value(Some(token.clone()));
        Some(token)
    }
}

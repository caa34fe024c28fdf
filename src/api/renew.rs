//! simplejwt: an access token the backend refuses is traded for a new one
//! with the refresh token, once for all the requests that found it
//! refused together, and only then is the person asked to sign in. The
//! trade itself is code that arrives on first use (a module of its own:
//! most visits never renew); a failed download counts as not renewed.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use serde_json::{Map, Value};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

use super::{ApiClient, Body};

/// A renewal under way; resolves to whether the session has a new token.
/// A promise, because any number of requests may await the same one (and
/// the browser already has that machinery: no shared-future code in the
/// wasm).
pub(super) type Renewal = js_sys::Promise;

impl ApiClient {
    pub(super) fn can_renew(&self) -> bool {
        self.config.endpoints.refresh.is_some() && self.session.refresh_token().is_some()
    }

    /// Renews the access token that `stale` carried. A request that comes
    /// back refused after another one renewed it just uses the new token;
    /// one that comes back while a renewal runs waits for it.
    pub(super) async fn renew(&self, stale: Option<&str>) -> bool {
        if self.session.auth_header(self.config.auth).as_deref() != stale {
            return self.session.is_signed_in_untracked();
        }
        let renewal = match self.renewal.get_value() {
            Some(running) => running,
            None => {
                let client = self.clone();
                let renewal = future_to_promise(async move {
                    let renewed = match renewing(client.clone()).await {
                        Ok(renewing) => renewing.await,
                        Err(_) => false,
                    };
                    client.renewal.set_value(None);
                    Ok(JsValue::from_bool(renewed))
                });
                self.renewal.set_value(Some(renewal.clone()));
                renewal
            }
        };
        JsFuture::from(renewal).await.is_ok_and(|renewed| renewed.is_truthy())
    }

    async fn renew_now(&self) -> bool {
        let (Some(endpoint), Some(refresh)) = (self.config.endpoints.refresh.clone(), self.session.refresh_token())
        else {
            return false;
        };
        let field = self.config.sign_in.refresh_field.clone().unwrap_or_else(|| "refresh".into());
        let body = Value::Object(Map::from_iter([(field, Value::String(refresh.clone()))]));
        let url = self.config.url(&endpoint, None);
        let Ok(answer) = self.send_as(None, &endpoint.method, &url, Body::Json(body)).await else {
            return false;
        };
        // Signed out meanwhile: the new token is not wanted.
        if self.session.refresh_token().as_deref() != Some(&refresh) {
            return false;
        }
        match self.config.sign_in.token(&answer) {
            Some(access) => {
                self.session.renew(access, self.config.sign_in.refresh_token(&answer));
                true
            }
            None => false,
        }
    }
}

on_demand!(session_upkeep: fn renewing(client: ApiClient) -> Pin<Box<dyn Future<Output = bool>>> {
    Box::pin(async move { client.renew_now().await })
});

//! The profile read sent by the boot script (`src/route-preload.js`)
//! while the app is still downloading, so the data arrives before the code.
//!
//! The boot script knows no rule of ours: after each read it sends, the app
//! writes a *recipe* of that read beside the kept credential: method, URL,
//! headers, `credentials` mode and timeout exactly as [`fetch::send`] sends
//! them, and instead of the secret, where it is kept and what precedes it
//! in its header. The boot script replays the recipe with the kept secret
//! and leaves `window.__profileRead = {recipe, answer, signal}`, the answer
//! read whole. The app's first read takes that answer only when the recipe
//! is, to the byte, the one it would write for the read it is about to
//! send (the config, dialect, language or session may have changed
//! since); otherwise it drops it and reads as always. Either way the answer goes
//! down the one path every answer takes (renewal, sign-in, Retry).

use wasm_bindgen::{JsCast, JsValue};
use web_sys::AbortSignal;

use super::fetch::{self, Answer, Headers};
use super::ClientError;
use crate::session::KeptAt;

/// The global the boot script leaves its read in.
const GLOBAL: &str = "__profileRead";

/// The recipe of a bodiless request with `headers`, or `None` when the
/// boot script could not send it as the app would: a CSRF token (not
/// kept), or a credential that is not where `kept` says. Its keys are the
/// boot script's: change them together. Written by the browser's own
/// `JSON.stringify` (keys in the order set here), which costs the main
/// module less than a serde serializer.
pub(super) fn recipe(
    method: &str,
    url: &str,
    headers: &Headers<'_>,
    scheme: Option<&'static str>,
    timeout_ms: i32,
    kept: KeptAt,
) -> Option<String> {
    if headers.csrf.is_some() {
        return None;
    }
    let recipe = js_sys::Object::new();
    let put = |key: &str, value: &JsValue| {
        let _ = js_sys::Reflect::set(&recipe, &JsValue::from_str(key), value);
    };
    put("method", &JsValue::from_str(&method.to_ascii_uppercase()));
    put("url", &JsValue::from_str(url));
    // Name and value pairs, as fetch takes them.
    let fixed: js_sys::Array = fetch::fixed_headers(headers).iter().map(|(n, v)| strings(&[n, v])).collect();
    put("headers", &fixed);
    put("credentials", &JsValue::from_str(fetch::credentials(headers.with_cookies).1));
    put("timeout", &JsValue::from(timeout_ms));
    // The storage key the session is kept under: no read without it.
    put("key", &JsValue::from_str(kept.key));
    match (kept.secret, scheme, headers.authorization) {
        // Where the secret is in that key's JSON; the header it goes in,
        // and what precedes it there.
        (Some(at), Some(scheme), Some(_)) => {
            put("secret", &strings(at));
            put("auth", &strings(&["Authorization", scheme]));
        }
        (None, _, None) => {}
        _ => return None,
    }
    js_sys::JSON::stringify(&recipe).ok().map(String::from)
}

fn strings(items: &[&str]) -> js_sys::Array {
    items.iter().map(|s| JsValue::from_str(s)).collect()
}

/// The boot script's read, if it left one: removed either way, and its
/// answer given only when it followed `recipe` (`None`: a read the boot
/// script cannot send, such as one with a CSRF token).
pub(super) fn take(recipe: Option<&str>) -> Option<EarlyRead> {
    let window = web_sys::window()?;
    let global = JsValue::from_str(GLOBAL);
    let early = js_sys::Reflect::get(&window, &global).ok().filter(JsValue::is_object)?;
    let _ = js_sys::Reflect::delete_property(&window, &global);
    let field = |name: &str| js_sys::Reflect::get(&early, &JsValue::from_str(name)).ok();
    if field("recipe")?.as_string().as_deref() != Some(recipe?) {
        return None;
    }
    Some(EarlyRead { answer: field("answer")?.dyn_into().ok()?, signal: field("signal")?.dyn_into().ok()? })
}

/// A read already on its way.
pub(super) struct EarlyRead {
    /// `{status, contentType, retryAfter, body}`: the boot script reads
    /// the body too.
    answer: js_sys::Promise,
    signal: AbortSignal,
}

impl EarlyRead {
    pub(super) async fn answer(self) -> Result<Answer, ClientError> {
        let answer = match wasm_bindgen_futures::JsFuture::from(self.answer).await {
            Ok(answer) => answer,
            Err(_) if self.signal.aborted() => return Err(ClientError::Timeout),
            Err(_) => return Err(ClientError::Network),
        };
        let field = |name: &str| js_sys::Reflect::get(&answer, &JsValue::from_str(name)).ok();
        let text = |name: &str| field(name).and_then(|v| v.as_string());
        Ok(Answer {
            status: field("status").and_then(|v| v.as_f64()).map_or(0, |s| s as u16),
            content_type: text("contentType"),
            retry_after: text("retryAfter"),
            body: text("body").unwrap_or_default(),
        })
    }
}

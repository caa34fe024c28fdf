//! The profile read sent by the boot script (`src/route-preload.js`)
//! while the app is still downloading, so the data arrives before the code.
//!
//! The boot script knows no rule of ours: after each read it sends, the app
//! writes a *recipe* of that read beside the kept credential: method, URL,
//! headers, `credentials` mode and timeout exactly as [`fetch::send`] sends
//! them, and instead of the secret, where it is kept and what precedes it
//! in its header. The boot script replays the recipe with the kept secret
//! and leaves `window.__profileRead = {recipe, response, signal}`. The
//! app's first read takes that answer only when the recipe is, to the
//! byte, the one it would write for the read it is about to send (the
//! config, dialect, language or session may have changed since);
//! otherwise it drops it and reads as always. Either way the answer goes
//! down the one path every answer takes (renewal, sign-in, Retry).

use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::AbortSignal;

use super::fetch::{self, Answer, Headers};
use super::ClientError;
use crate::session::Kept;

/// The global the boot script leaves its read in.
const GLOBAL: &str = "__profileRead";

/// One read, replayable by the boot script. Field names are the boot
/// script's: change them together.
#[derive(Serialize)]
struct Recipe<'a> {
    method: String,
    url: &'a str,
    /// Name and value pairs, as fetch takes them.
    headers: [(&'static str, &'a str); 2],
    credentials: &'static str,
    timeout: i32,
    /// The storage key the session is kept under; no read without it.
    key: &'static str,
    /// Where the secret is in that key's JSON (object keys, in order).
    #[serde(skip_serializing_if = "Option::is_none")]
    secret: Option<&'static [&'static str]>,
    /// The header the secret goes in, and what precedes it there.
    #[serde(skip_serializing_if = "Option::is_none")]
    auth: Option<(&'static str, &'static str)>,
}

/// The recipe of a bodiless request with `headers`, or `None` when the
/// boot script could not send it as the app would: a CSRF token (not
/// kept), or a credential that is not where `kept` says.
pub(super) fn recipe(
    method: &str,
    url: &str,
    headers: &Headers<'_>,
    scheme: Option<&'static str>,
    timeout_ms: i32,
    kept: Kept,
) -> Option<String> {
    if headers.csrf.is_some() || headers.authorization.is_some() != kept.secret.is_some() {
        return None;
    }
    let auth = match (scheme, headers.authorization) {
        (Some(scheme), Some(_)) => Some(("Authorization", scheme)),
        (None, None) => None,
        _ => return None,
    };
    let recipe = Recipe {
        method: method.to_ascii_uppercase(),
        url,
        headers: fetch::fixed_headers(headers),
        credentials: fetch::credentials(headers.with_cookies).1,
        timeout: timeout_ms,
        key: kept.key,
        secret: kept.secret,
        auth,
    };
    serde_json::to_string(&recipe).ok()
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
    Some(EarlyRead { response: field("response")?.dyn_into().ok()?, signal: field("signal")?.dyn_into().ok()? })
}

/// A read already on its way.
pub(super) struct EarlyRead {
    response: js_sys::Promise,
    signal: AbortSignal,
}

impl EarlyRead {
    pub(super) async fn answer(self) -> Result<Answer, ClientError> {
        fetch::receive(self.response, self.signal).await
    }
}

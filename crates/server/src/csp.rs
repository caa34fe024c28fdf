//! Security headers on the served app: a Content Security Policy whose
//! `script-src` allows our own files, WebAssembly compilation and, by
//! SHA-256 hash, exactly the inline scripts of the `index.html` on disk
//! (Trunk writes one, the module loader). The hashes are recomputed
//! whenever that file changes, so a rebuild needs no hand-edited policy.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use axum::http::{header, HeaderMap, HeaderValue};
use base64::Engine;
use sha2::{Digest, Sha256};

/// Everything except `script-src`. Other directives (`connect-src`,
/// `img-src` …) stay open on purpose: the API base URL is chosen per
/// browser and may be another origin, and photo previews are `blob:` URLs.
const FIXED_DIRECTIVES: &str = "object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/// The policy for one static dir, cached until its `index.html` changes.
pub struct StaticHeaders {
    index: PathBuf,
    cached: Mutex<Option<(FileStamp, HeaderValue)>>,
}

/// Enough to notice that a rebuild replaced the file.
type FileStamp = Option<(SystemTime, u64)>;

impl StaticHeaders {
    pub fn new(static_dir: &Path) -> StaticHeaders {
        StaticHeaders { index: static_dir.join("index.html"), cached: Mutex::new(None) }
    }

    /// Adds the headers to a static-dir response: `nosniff` to every one,
    /// the policy and the others to what a browser runs as a document or a
    /// worker (HTML, JavaScript). Wasm, CSS and JSON go without them: no
    /// browser reads a policy there, and each would carry ~200 bytes.
    pub fn apply(&self, headers: &mut HeaderMap) {
        headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
        let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
        if !(content_type.starts_with("text/html") || content_type.contains("javascript")) {
            return;
        }
        headers.insert(header::CONTENT_SECURITY_POLICY, self.policy());
        // Origin only to other sites: Django's CSRF check on HTTPS may
        // need a Referer when the API is on another origin.
        headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("strict-origin-when-cross-origin"));
        // For browsers that predate `frame-ancestors`.
        headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    }

    /// The policy for the `index.html` currently on disk.
    pub fn policy(&self) -> HeaderValue {
        let stamp = std::fs::metadata(&self.index).ok().and_then(|m| Some((m.modified().ok()?, m.len())));
        let mut cached = self.cached.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, value)) = cached.as_ref().filter(|(seen, _)| *seen == stamp) {
            return value.clone();
        }
        // A missing file still gets a policy: one that allows no inline script.
        let html = std::fs::read_to_string(&self.index).unwrap_or_default();
        let value = HeaderValue::from_str(&policy_for(&html)).expect("the policy is ASCII: quoted keywords and base64");
        *cached = Some((stamp, value.clone()));
        value
    }
}

/// The Content Security Policy for a page whose HTML is `html`.
pub fn policy_for(html: &str) -> String {
    let hashes: String = inline_scripts(html).iter().map(|script| format!(" '{}'", hash_source(script))).collect();
    format!("script-src 'self' 'wasm-unsafe-eval'{hashes}; {FIXED_DIRECTIVES}")
}

/// CSP's hash source for a script's text: `sha256-<base64>`.
pub fn hash_source(script: &str) -> String {
    let digest = Sha256::digest(script.as_bytes());
    format!("sha256-{}", base64::engine::general_purpose::STANDARD.encode(digest))
}

/// The text of every `<script>` without a `src` attribute, exactly as the
/// browser hashes it (everything up to `</script`). Comments are skipped.
pub fn inline_scripts(html: &str) -> Vec<&str> {
    let lower = html.to_ascii_lowercase();
    let mut scripts = Vec::new();
    let mut at = 0;
    while let Some(found) = lower[at..].find('<') {
        let start = at + found;
        let rest = &lower[start..];
        if rest.starts_with("<!--") {
            at = match rest.find("-->") {
                Some(end) => start + end + 3,
                None => break,
            };
            continue;
        }
        let is_script = rest.starts_with("<script")
            && rest[7..].starts_with(|c: char| c == '>' || c.is_ascii_whitespace() || c == '/');
        if !is_script {
            at = start + 1;
            continue;
        }
        let Some(tag_len) = open_tag_len(&rest[7..]) else {
            break;
        };
        let body_start = start + 7 + tag_len;
        let body_len = lower[body_start..].find("</script").unwrap_or(lower.len() - body_start);
        if !has_attribute(&lower[start + 7..body_start - 1], "src") {
            scripts.push(&html[body_start..body_start + body_len]);
        }
        at = body_start + body_len;
    }
    scripts
}

/// Length of an open tag's attributes up to and including its `>`,
/// honouring quotes (a `>` inside a quoted value does not end the tag).
fn open_tag_len(attributes: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in attributes.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '>') => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// Whether an open tag's attribute text (lower case) names `name`.
fn has_attribute(attributes: &str, name: &str) -> bool {
    let mut rest = attributes;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        if rest.is_empty() {
            return false;
        }
        let end = rest.find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '/').unwrap_or(rest.len());
        if &rest[..end] == name {
            return true;
        }
        rest = rest[end..].trim_start();
        if let Some(value) = rest.strip_prefix('=') {
            rest = skip_value(value.trim_start());
        }
    }
}

/// What follows an attribute value (quoted or not).
fn skip_value(value: &str) -> &str {
    match value.chars().next() {
        Some(q @ ('"' | '\'')) => value[1..].find(q).map_or("", |end| &value[end + 2..]),
        _ => value.find(|c: char| c.is_ascii_whitespace()).map_or("", |end| &value[end..]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_inline_scripts_only() {
        let html = r#"<!doctype html><head>
<!-- <script>not this</script> -->
<script src="/theme-boot.js"></script>
<SCRIPT type="module" data-x="a>b">import init from '/app.js';
await init();</SCRIPT>
<script data-src="x">two()</script>
<script src=/unquoted.js defer></script>
<scripted>not a script</scripted>
</head>"#;
        assert_eq!(inline_scripts(html), vec!["import init from '/app.js';\nawait init();", "two()"]);
    }

    #[test]
    fn hash_matches_the_csp_spec_example() {
        // The CSP Level 3 spec's example: `alert('Hello, world.');`.
        assert_eq!(hash_source("alert('Hello, world.');"), "sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng=");
    }

    #[test]
    fn policy_lists_each_hash_and_no_unsafe_keyword() {
        let p = policy_for("<script>a()</script><script>b()</script>");
        assert_eq!(
            p,
            format!(
                "script-src 'self' 'wasm-unsafe-eval' '{}' '{}'; {FIXED_DIRECTIVES}",
                hash_source("a()"),
                hash_source("b()")
            )
        );
        assert!(!p.contains("'unsafe-inline'") && !p.contains("'unsafe-eval'"));
    }
}

//! The served app's Content Security Policy: sent on the page, deep links
//! and scripts (not wasm, CSS or JSON: static_files.rs), with `script-src` allowing exactly the
//! inline script of the `index.html` on disk, by its SHA-256 (recomputed
//! after a rebuild rewrites the file).

mod common;

use base64::Engine;
use common::Ref;
use sha2::{Digest, Sha256};

/// What Trunk writes: an external script and the inline module loader.
const LOADER: &str = "\nimport init from '/app-1.js';\nawait init({ module_or_path: '/app-1_bg.wasm' });\n";

fn index_html(loader: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><script src=\"/theme-boot.js\"></script>\
         <script type=\"module\">{loader}</script></head><body></body></html>"
    )
}

/// `'sha256-<base64>'`, computed here independently of the server.
fn hash_of(script: &str) -> String {
    let digest = Sha256::digest(script.as_bytes());
    format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(digest))
}

fn expected_policy(loader: &str) -> String {
    format!(
        "script-src 'self' 'wasm-unsafe-eval' {}; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
        hash_of(loader)
    )
}

async fn headers_of(s: &Ref, path: &str, accept: &str) -> reqwest::header::HeaderMap {
    let r = s.req("GET", path).header("Accept", accept).send().await.unwrap();
    assert_eq!(r.status(), 200, "GET {path}");
    r.headers().clone()
}

#[tokio::test]
async fn served_app_carries_the_policy_with_the_loader_hash() {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(dist.path().join("index.html"), index_html(LOADER)).unwrap();
    std::fs::write(dist.path().join("theme-boot.js"), "void 0").unwrap();
    let d = dist.path().to_path_buf();
    let s = Ref::start_with(move |c| c.static_dir = Some(d)).await;

    for (path, accept) in
        [("/", "text/html"), ("/profile", "text/html,application/xhtml+xml"), ("/theme-boot.js", "*/*")]
    {
        let h = headers_of(&s, path, accept).await;
        let policy = h["content-security-policy"].to_str().unwrap();
        assert_eq!(policy, expected_policy(LOADER), "{path}");
        assert!(!policy.contains("'unsafe-inline'") && !policy.contains("'unsafe-eval'"));
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["referrer-policy"], "strict-origin-when-cross-origin");
        assert_eq!(h["x-frame-options"], "DENY");
    }
    // The API is not a document: no policy there.
    let r = s.req("GET", "/_ref/health").send().await.unwrap();
    assert!(r.headers().get("content-security-policy").is_none());
}

#[tokio::test]
async fn a_rebuilt_index_gets_the_new_hash_without_a_restart() {
    let dist = tempfile::tempdir().unwrap();
    let index = dist.path().join("index.html");
    std::fs::write(&index, index_html(LOADER)).unwrap();
    let d = dist.path().to_path_buf();
    let s = Ref::start_with(move |c| c.static_dir = Some(d)).await;
    let before = headers_of(&s, "/", "text/html").await;
    assert_eq!(before["content-security-policy"], expected_policy(LOADER).as_str());

    // Longer than before, so the change shows even on a coarse-mtime filesystem.
    let rebuilt = LOADER.replace("app-1", "app-22");
    std::fs::write(&index, index_html(&rebuilt)).unwrap();
    let after = headers_of(&s, "/profile", "text/html").await;
    assert_eq!(after["content-security-policy"], expected_policy(&rebuilt).as_str());
}

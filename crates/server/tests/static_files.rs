//! The app's files as a static host should serve them: the brotli or gzip
//! copy the build writes beside each file goes to browsers that accept it
//! (brotli first, with `Vary: Accept-Encoding`), the plain file to those
//! that accept neither; content-hashed names are cached for good, the
//! rest revalidated.

mod common;

use common::Ref;

const WASM: &[u8] = b"\0asm\x01\0\0\0 the module";
const GZIPPED: &[u8] = b"pretend-gzip-bytes";
const BROTLI: &[u8] = b"pretend-brotli-bytes";
const MODULE: &str = "/app_bg-0123456789.wasm";

async fn serving_a_build() -> (Ref, tempfile::TempDir) {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(dist.path().join("index.html"), "<!DOCTYPE html><html></html>").unwrap();
    std::fs::write(dist.path().join("index.html.br"), "pretend-brotli-html").unwrap();
    let file = dist.path().join(MODULE.trim_start_matches('/'));
    std::fs::write(&file, WASM).unwrap();
    std::fs::write(file.with_extension("wasm.gz"), GZIPPED).unwrap();
    std::fs::write(file.with_extension("wasm.br"), BROTLI).unwrap();
    let d = dist.path().to_path_buf();
    (Ref::start_with(move |c| c.static_dir = Some(d)).await, dist)
}

async fn get(s: &Ref, path: &str, accept_encoding: Option<&str>) -> reqwest::Response {
    let mut req = s.req("GET", path);
    if let Some(encodings) = accept_encoding {
        req = req.header("Accept-Encoding", encodings);
    }
    let r = req.send().await.unwrap();
    assert_eq!(r.status(), 200, "GET {path}");
    r
}

#[tokio::test]
async fn brotli_then_gzip_then_plain_by_what_the_browser_accepts() {
    let (s, _dist) = serving_a_build().await;

    let r = get(&s, MODULE, Some("gzip, deflate, br")).await;
    assert_eq!(r.headers()["content-encoding"], "br");
    assert_eq!(r.headers()["content-type"], "application/wasm", "streaming compilation needs the wasm type");
    let vary: Vec<String> =
        r.headers().get_all("vary").iter().map(|v| v.to_str().unwrap().to_ascii_lowercase()).collect();
    assert!(vary.iter().any(|v| v.contains("accept-encoding")), "caches must key on the encoding: {vary:?}");
    assert_eq!(&r.bytes().await.unwrap()[..], BROTLI);

    let r = get(&s, MODULE, Some("gzip")).await;
    assert_eq!(r.headers()["content-encoding"], "gzip");
    assert_eq!(&r.bytes().await.unwrap()[..], GZIPPED);

    let r = get(&s, MODULE, None).await;
    assert!(r.headers().get("content-encoding").is_none());
    assert_eq!(&r.bytes().await.unwrap()[..], WASM);
}

#[tokio::test]
async fn hashed_files_are_immutable_and_pages_revalidate() {
    let (s, _dist) = serving_a_build().await;
    let r = get(&s, MODULE, None).await;
    assert_eq!(r.headers()["cache-control"], "public, max-age=31536000, immutable");
    for page in ["/", "/profile"] {
        let r = s.req("GET", page).header("Accept", "text/html").header("Accept-Encoding", "br").send().await.unwrap();
        assert_eq!(r.status(), 200, "GET {page}");
        assert_eq!(r.headers()["cache-control"], "no-cache", "{page}");
        assert_eq!(r.headers()["content-encoding"], "br", "{page}: index.html's brotli copy");
    }
}

#[tokio::test]
async fn the_apps_files_carry_only_the_headers_a_browser_reads_there() {
    let (s, _dist) = serving_a_build().await;
    // An allowed origin (the defaults allow 127.0.0.1 on any port).
    let origin = "http://127.0.0.1:43123";
    let r = s.req("GET", MODULE).header("Origin", origin).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let h = r.headers();
    assert_eq!(h["x-content-type-options"], "nosniff");
    // No document runs from a wasm file: no policy, no framing rules, and
    // no CORS, since the app fetches its own files from its own origin.
    for name in ["content-security-policy", "x-frame-options", "referrer-policy"] {
        assert!(h.get(name).is_none(), "{name} on {MODULE}");
    }
    assert!(!h.keys().any(|k| k.as_str().starts_with("access-control-")), "CORS on {MODULE}: {h:?}");
    let vary: Vec<&str> = h.get_all("vary").iter().map(|v| v.to_str().unwrap()).collect();
    assert!(!vary.iter().any(|v| v.contains("origin")), "{vary:?}");
    // The page keeps its document headers, and the API its CORS.
    let page = s.req("GET", "/profile").header("Accept", "text/html").send().await.unwrap();
    assert!(page.headers().get("content-security-policy").is_some());
    assert_eq!(page.headers()["x-frame-options"], "DENY");
    let api = s.req("GET", "/_ref/health").header("Origin", origin).send().await.unwrap();
    assert_eq!(api.headers()["access-control-allow-origin"], origin);
}

#[tokio::test]
async fn json_the_build_leaves_plain_is_gzipped_as_it_is_sent() {
    use std::io::Read;
    let (s, dist) = serving_a_build().await;
    std::fs::create_dir(dist.path().join("dialects")).unwrap();
    let file = dist.path().join("dialects/mine.json");
    let text = format!(r#"{{"format": 2, "fields": [{}]}}"#, r#""a repeated field name","#.repeat(40));
    std::fs::write(&file, &text).unwrap();
    let gunzip = |bytes: &[u8]| {
        let mut plain = String::new();
        flate2::read::GzDecoder::new(bytes).read_to_string(&mut plain).unwrap();
        plain
    };

    let r = get(&s, "/dialects/mine.json", Some("gzip, deflate, br")).await;
    assert_eq!(r.headers()["content-encoding"], "gzip");
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("application/json"));
    assert!(r.headers().get("accept-ranges").is_none(), "no ranges of what is not the file");
    let vary: Vec<String> = r.headers().get_all("vary").iter().map(|v| v.to_str().unwrap().to_string()).collect();
    assert!(vary.iter().any(|v| v.contains("accept-encoding")), "{vary:?}");
    let sent = r.bytes().await.unwrap();
    assert!(sent.len() < text.len() / 4, "{} bytes sent for {}", sent.len(), text.len());
    assert_eq!(gunzip(&sent), text);

    // Edited in place: the next answer is the edit (no stale copy wins).
    let edited = text.replace("repeated", "renamed");
    std::fs::write(&file, &edited).unwrap();
    let r = get(&s, "/dialects/mine.json", Some("gzip")).await;
    assert_eq!(gunzip(&r.bytes().await.unwrap()), edited);

    // Too small for gzip to pay.
    std::fs::write(dist.path().join("config.json"), r#"{"dialect": "letraz"}"#).unwrap();
    let r = get(&s, "/config.json", Some("gzip")).await;
    assert!(r.headers().get("content-encoding").is_none());
    assert_eq!(r.text().await.unwrap(), r#"{"dialect": "letraz"}"#);

    for refusing in [None, Some("br"), Some("gzip;q=0, br"), Some("identity")] {
        let r = get(&s, "/dialects/mine.json", refusing).await;
        assert!(r.headers().get("content-encoding").is_none(), "{refusing:?}");
        assert_eq!(r.text().await.unwrap(), edited, "{refusing:?}");
    }
}

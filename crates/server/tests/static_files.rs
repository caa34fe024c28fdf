//! The app's files as a static host should serve them: the gzip copy the
//! build writes beside each file goes to browsers that accept it (with
//! `Vary: Accept-Encoding`), the plain file to those that do not.

mod common;

use common::Ref;

#[tokio::test]
async fn precompressed_files_go_to_browsers_that_accept_gzip() {
    let dist = tempfile::tempdir().unwrap();
    let wasm = b"\0asm\x01\0\0\0 the module";
    let gzipped = b"pretend-gzip-bytes";
    std::fs::write(
        dist.path().join("index.html"),
        "<!DOCTYPE html><html></html>",
    )
    .unwrap();
    std::fs::write(dist.path().join("app_bg.wasm"), wasm).unwrap();
    std::fs::write(dist.path().join("app_bg.wasm.gz"), gzipped).unwrap();
    let d = dist.path().to_path_buf();
    let s = Ref::start_with(move |c| c.static_dir = Some(d)).await;

    let r = s
        .req("GET", "/app_bg.wasm")
        .header("Accept-Encoding", "gzip, deflate, br")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-encoding"], "gzip");
    assert_eq!(
        r.headers()["content-type"],
        "application/wasm",
        "streaming compilation needs the wasm type"
    );
    let vary: Vec<String> = r
        .headers()
        .get_all("vary")
        .iter()
        .map(|v| v.to_str().unwrap().to_ascii_lowercase())
        .collect();
    assert!(
        vary.iter().any(|v| v.contains("accept-encoding")),
        "caches must key on the encoding: {vary:?}"
    );
    assert_eq!(&r.bytes().await.unwrap()[..], gzipped);

    let r = s.req("GET", "/app_bg.wasm").send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers().get("content-encoding").is_none());
    assert_eq!(&r.bytes().await.unwrap()[..], wasm);
}

//! The real binary: the one `listening on` line, `reset`, and that a server
//! killed with SIGKILL (mid-request, too) keeps everything it answered as
//! saved.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use common::PASSWORD;
use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_reference-server");

/// A spawned server that is killed (and reaped) when dropped, so a failing
/// assertion cannot leave it running with the test's stderr open (which
/// would keep `cargo test 2>&1 | head` waiting forever).
struct Server(Child);

impl Server {
    /// SIGKILL now, as a crash would.
    fn kill(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Spawns `serve` on a free port and returns it with its base URL, read
/// from the single line it prints.
fn spawn(dir: &Path) -> (Server, String) {
    let mut child = Server(
        Command::new(BIN)
            .args(["serve", "--addr", "127.0.0.1:0", "--db"])
            .arg(dir.join("ref.sqlite3"))
            .arg("--media-dir")
            .arg(dir.join("media"))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap(),
    );
    let mut line = String::new();
    BufReader::new(child.0.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let base = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_string();
    (child, base)
}

async fn sign_in(http: &reqwest::Client, base: &str) -> (String, i64) {
    let v: Value = http
        .post(format!("{base}/api/sign-in/"))
        .json(&json!({"email": "demo@example.com", "password": PASSWORD}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    (v["access"].as_str().unwrap().to_string(), v["user"]["id"].as_i64().unwrap())
}

#[tokio::test]
async fn sigkill_loses_nothing_answered_and_reset_restores_demo_data() {
    let dir = tempfile::tempdir().unwrap();
    let http = reqwest::Client::new();
    let (mut child, base) = spawn(dir.path());
    assert_eq!(http.get(format!("{base}/_ref/health")).send().await.unwrap().text().await.unwrap(), "ok");
    let (token, id) = sign_in(&http, &base).await;
    let r = http
        .put(format!("{base}/api/profile/{id}/update/"))
        .bearer_auth(&token)
        .json(&json!({"first_name": "Saved"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);

    // Start an upload that never finishes, then kill the server under it.
    let addr = base.strip_prefix("http://").unwrap().to_string();
    let mut stream = std::net::TcpStream::connect(&addr).unwrap();
    write!(
        stream,
        "PUT /api/profile/{id}/update/ HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{{\"first_name\": \"Half"
    )
    .unwrap();
    stream.flush().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(100));
    child.kill();

    let (mut child, base) = spawn(dir.path());
    let v: Value =
        http.post(format!("{base}/api/profile/")).bearer_auth(&token).send().await.unwrap().json().await.unwrap();
    assert_eq!(v["first_name"], "Saved");
    child.kill();

    let out = Command::new(BIN)
        .args(["reset", "--db"])
        .arg(dir.path().join("ref.sqlite3"))
        .arg("--media-dir")
        .arg(dir.path().join("media"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let (mut child, base) = spawn(dir.path());
    let (token, _) = sign_in(&http, &base).await;
    let v: Value =
        http.post(format!("{base}/api/profile/")).bearer_auth(&token).send().await.unwrap().json().await.unwrap();
    assert_eq!(v["first_name"], "Ada");
    child.kill();
}

#[cfg(target_os = "linux")]
#[test]
fn a_server_guard_kills_its_child_on_unwind() {
    let dir = tempfile::tempdir().unwrap();
    let pid = std::sync::Mutex::new(0);
    let unwound = std::panic::catch_unwind(|| {
        let (server, _) = spawn(dir.path());
        *pid.lock().unwrap() = server.0.id();
        panic!("a failing assertion");
    });
    assert!(unwound.is_err());
    let pid = *pid.lock().unwrap();
    assert!(pid > 0);
    // Killed and reaped: no process (not even a zombie) is left.
    assert!(!Path::new(&format!("/proc/{pid}")).exists());
}

#[test]
fn bad_arguments_exit_2_with_usage() {
    let out = Command::new(BIN).args(["serve", "--bogus"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("usage:"));
}

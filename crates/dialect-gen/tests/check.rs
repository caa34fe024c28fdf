//! `dialect-gen check` against the reference server (started in-process
//! on a free port with a temporary database), configured right and
//! configured wrong: each wrong setting fails the verdict (exit 1) and is
//! named; no password or token is ever printed.

use reference_server::Config;
use std::process::Command;

const PASSWORD: &str = "demo-pass-123";

/// The reference server running on its own runtime while the test runs
/// the binary; stops when dropped.
struct RefServer {
    base: String,
    runtime: tokio::runtime::Runtime,
    server: Option<reference_server::Server>,
    dir: tempfile::TempDir,
}

impl RefServer {
    fn start(tweak: impl FnOnce(&mut Config)) -> RefServer {
        let dir = tempfile::tempdir().unwrap();
        let mut config = Config::new(dir.path().join("ref.sqlite3"), dir.path().join("media"));
        config.addr = "127.0.0.1:0".into();
        tweak(&mut config);
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let server = runtime.block_on(reference_server::start(config)).unwrap();
        RefServer { base: format!("http://{}", server.addr), runtime, server: Some(server), dir }
    }
}

impl Drop for RefServer {
    fn drop(&mut self) {
        if let Some(server) = self.server.take() {
            self.runtime.block_on(server.stop());
        }
    }
}

struct Run {
    code: Option<i32>,
    stdout: String,
}

fn check(dialect: &str, api: &str, origin: &str, login: &str) -> Run {
    let file = format!("{}/../model/dialects/{dialect}.json", env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(env!("CARGO_BIN_EXE_dialect-gen"))
        .args(["check", &file, "--api", api, "--origin", origin, "--login", login, "--password", PASSWORD])
        .output()
        .unwrap();
    let run = Run { code: out.status.code(), stdout: String::from_utf8(out.stdout).unwrap() };
    assert!(!run.stdout.contains(PASSWORD), "the password is printed:\n{}", run.stdout);
    println!("{}", run.stdout);
    run
}

fn failures(run: &Run) -> Vec<&str> {
    run.stdout.lines().filter(|l| l.starts_with("FAIL")).collect()
}

/// users-me's DRF token for the demo person, fetched the way the app does.
fn users_me_token(base: &str) -> String {
    let mut answer = ureq::post(&format!("{base}/api/auth/token/login/"))
        .header("Content-Type", "application/json")
        .send(format!(r#"{{"username": "BehroozGhorbani", "password": "{PASSWORD}"}}"#))
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(&answer.body_mut().read_to_string().unwrap()).unwrap();
    v["auth_token"].as_str().unwrap().to_string()
}

#[test]
fn a_token_backend_that_allows_the_origin_passes_every_item_without_printing_the_token() {
    let server = RefServer::start(|_| {});
    let run = check("users-me", &server.base, "http://127.0.0.1:5555", "BehroozGhorbani");
    assert_eq!(run.code, Some(0), "{}", run.stdout);
    assert!(failures(&run).is_empty());
    for item in [
        "preflight update PATCH /api/users/me/",
        "sign-in POST",
        "read GET /api/users/me/",
        "update PATCH",
        // The account calls are preflighted only, never made.
        "preflight password_change POST /api/users/set_password/",
        "preflight delete_account DELETE /api/users/me/",
    ] {
        assert!(run.stdout.lines().any(|l| l.starts_with("ok") && l.contains(item)), "no ok {item}:\n{}", run.stdout);
    }
    assert!(!run.stdout.contains(&users_me_token(&server.base)), "the token is printed");
}

/// A 1×1 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49,
    0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0, 0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D,
    0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

/// Gives the users-me demo person a photo, as the app's upload does.
fn upload_avatar(base: &str) {
    let boundary = "dialect-gen-check-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"avatar\"; filename=\"me.png\"\r\nContent-Type: image/png\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(PNG);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let answer = ureq::patch(&format!("{base}/api/users/me/"))
        .header("Authorization", &format!("Token {}", users_me_token(base)))
        .header("Content-Type", &format!("multipart/form-data; boundary={boundary}"))
        .send(&body[..])
        .unwrap();
    assert_eq!(answer.status(), 200);
}

#[test]
fn the_photo_is_loaded_from_its_url_and_a_missing_file_names_media_url() {
    let server = RefServer::start(|_| {});
    upload_avatar(&server.base);
    let run = check("users-me", &server.base, "http://127.0.0.1:5555", "BehroozGhorbani");
    assert_eq!(run.code, Some(0), "{}", run.stdout);
    let photo = run.stdout.lines().find(|l| l.contains("photo")).unwrap();
    assert!(photo.starts_with("ok") && photo.contains("image/png"), "{photo}");
    // The file gone from MEDIA_ROOT, as when nothing serves MEDIA_URL.
    std::fs::remove_dir_all(server.dir.path().join("media/users")).unwrap();
    let run = check("users-me", &server.base, "http://127.0.0.1:5555", "BehroozGhorbani");
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    let photo = run.stdout.lines().find(|l| l.contains("photo")).unwrap();
    assert!(photo.starts_with("FAIL") && photo.contains("404") && photo.contains("MEDIA_URL"), "{photo}");
}

#[test]
fn a_simplejwt_backend_also_trades_its_refresh_token() {
    let server = RefServer::start(|_| {});
    let run = check("aisquare-profile", &server.base, "http://127.0.0.1:5555", "demo@example.com");
    assert_eq!(run.code, Some(0), "{}", run.stdout);
    let refresh = run.stdout.lines().find(|l| l.contains(" refresh POST") && !l.contains("preflight")).unwrap();
    assert!(refresh.starts_with("ok") && refresh.contains("new token"), "{}", run.stdout);
}

#[test]
fn an_origin_the_server_does_not_allow_fails_and_names_cors_allowed_origins() {
    let server = RefServer::start(|_| {});
    let run = check("users-me", &server.base, "http://app.example.test", "BehroozGhorbani");
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    let failed = failures(&run);
    assert!(failed.iter().any(|l| l.contains("preflight update") && l.contains("CORS_ALLOWED_ORIGINS")), "{failed:?}");
    assert!(failed.iter().all(|l| l.contains("\"http://app.example.test\"")), "{failed:?}");
}

#[test]
fn a_missing_allowed_header_fails_and_names_cors_allow_headers() {
    let server = RefServer::start(|c| c.cors_allow_headers = vec!["content-type".into(), "x-csrftoken".into()]);
    let run = check("users-me", &server.base, "http://127.0.0.1:5555", "BehroozGhorbani");
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    let failed = failures(&run);
    let read = failed.iter().find(|l| l.contains("preflight read")).unwrap_or_else(|| panic!("{failed:?}"));
    assert!(read.contains("authorization") && read.contains("CORS_ALLOW_HEADERS"), "{read}");
    assert!(!failed.iter().any(|l| l.contains("preflight sign_in")), "sign-in sends no authorization: {failed:?}");
}

#[test]
fn a_session_on_the_same_site_passes_with_its_csrf_round_trip() {
    let server = RefServer::start(|_| {});
    let run = check("letraz", &server.base, "http://127.0.0.1:5555", "demo@example.com");
    assert_eq!(run.code, Some(0), "{}", run.stdout);
    assert!(run.stdout.lines().any(|l| l.starts_with("ok") && l.starts_with("ok   csrf GET")), "{}", run.stdout);
    assert!(run.stdout.lines().any(|l| l.starts_with("ok") && l.contains("session cookie")), "{}", run.stdout);
}

#[test]
fn a_lax_session_cookie_across_sites_fails_and_names_session_cookie_samesite() {
    // The origin is allowed (CORS and CSRF), so only the cookie is wrong.
    let server = RefServer::start(|c| c.cors_origins.push("http://app.example.test".into()));
    let run = check("letraz", &server.base, "http://app.example.test", "demo@example.com");
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    let failed = failures(&run);
    let cookie = failed.iter().find(|l| l.contains("session cookie")).unwrap_or_else(|| panic!("{failed:?}"));
    assert!(
        cookie.contains("SESSION_COOKIE_SAMESITE = \"None\"") && cookie.contains("SESSION_COOKIE_SECURE"),
        "{cookie}"
    );
    assert!(!failed.iter().any(|l| l.contains("CORS_ALLOWED_ORIGINS")), "{failed:?}");
}

#[test]
fn without_a_login_only_the_preflights_run_and_the_verdict_is_not_a_pass() {
    let server = RefServer::start(|_| {});
    let file = format!("{}/../model/dialects/users-me.json", env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(env!("CARGO_BIN_EXE_dialect-gen"))
        .args(["check", &file, "--api", &server.base, "--origin", "http://127.0.0.1:5555"])
        .env_remove("DIALECT_CHECK_PASSWORD")
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("skip read") && stdout.contains("not proven"), "{stdout}");
}

/// A Django project of tests/ on a free port, with the dialect file
/// dialect-gen writes with no flags from its `manage.py spectacular`;
/// killed when dropped.
struct Django {
    child: std::process::Child,
    base: String,
    dialect: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

impl Drop for Django {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `None` (said on stderr) without the venv `.ci/bootstrap --test` makes
/// (or `DJANGO_PYTHON`), outside CI only: under `CI` a missing venv fails.
fn django(project: &str, db_var: &str, env: &[(&str, &str)], probe: &str) -> Option<Django> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let python = std::env::var_os("DJANGO_PYTHON")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| root.join("target/djoser-venv/bin/python"));
    if !python.exists() {
        // In CI the venv is part of the contract: a check that did not run
        // must not pass there.
        assert!(std::env::var_os("CI").is_none(), "CI without {}: run .ci/bootstrap --test", python.display());
        eprintln!("no {} (.ci/bootstrap --test makes it): the {project} checks did not run", python.display());
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let project_dir = root.join("tests").join(project);
    let manage = |args: &[&str]| {
        let mut c = Command::new(&python);
        c.current_dir(&project_dir).arg("manage.py").args(args).env(db_var, dir.path().join("db.sqlite3"));
        for (k, v) in env {
            c.env(k, v);
        }
        c
    };
    let schema = dir.path().join("schema.yaml");
    for args in
        [&["migrate", "--verbosity", "0"][..], &["seed_demo"], &["spectacular", "--file", schema.to_str().unwrap()]]
    {
        let status = manage(args).stderr(std::process::Stdio::null()).status().unwrap();
        assert!(status.success(), "{project}: manage.py {args:?}");
    }
    let generated = Command::new(env!("CARGO_BIN_EXE_dialect-gen")).arg("from-openapi").arg(&schema).output().unwrap();
    assert!(generated.status.success(), "{}", String::from_utf8_lossy(&generated.stderr));
    let dialect = dir.path().join("dialect.json");
    std::fs::write(&dialect, generated.stdout).unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let child = manage(&["runserver", &format!("127.0.0.1:{port}"), "--noreload", "--verbosity", "0"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let server = Django { child, base: format!("http://127.0.0.1:{port}"), dialect, _dir: dir };
    // Up when it answers at all (401/403 to no credential); a deadline, not a sleep.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while ureq::get(&format!("{}{probe}", server.base)).call().is_err_and(|e| !matches!(e, ureq::Error::StatusCode(_)))
    {
        assert!(std::time::Instant::now() < deadline, "{project} did not start within 60 s");
        std::thread::sleep(std::time::Duration::from_millis(50)); // the poll's interval
    }
    Some(server)
}

fn djoser(allow_headers: Option<&str>) -> Option<Django> {
    let mut env = vec![("DJOSER_CORS_ORIGINS", "http://127.0.0.1:5555")];
    if let Some(h) = allow_headers {
        env.push(("DJOSER_CORS_ALLOW_HEADERS", h));
    }
    django("djoser", "DJOSER_DB", &env, "/auth/users/me/")
}

/// tests/drf-stacks' dj-rest-auth with a Django session, `origins`
/// allowed, and `more` settings.
fn dj_rest_auth_session(origins: &str, more: &[(&str, &str)]) -> Option<Django> {
    let mut env = vec![("STACK", "dj-rest-auth-session"), ("STACK_CORS_ORIGINS", origins)];
    env.extend_from_slice(more);
    django("drf-stacks", "STACK_DB", &env, "/dj-rest-auth/user/")
}

fn check_file(dialect: &std::path::Path, api: &str, origin: &str, login: &str) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_dialect-gen"))
        .arg("check")
        .arg(dialect)
        .args(["--api", api, "--origin", origin, "--login", login, "--password", PASSWORD])
        .output()
        .unwrap();
    let run = Run { code: out.status.code(), stdout: String::from_utf8(out.stdout).unwrap() };
    assert!(!run.stdout.contains(PASSWORD), "the password is printed:\n{}", run.stdout);
    println!("{}", run.stdout);
    run
}

#[test]
fn the_djoser_project_passes_from_its_origin_and_fails_from_another_or_without_authorization_allowed() {
    let Some(server) = djoser(None) else { return };
    let good = check_file(&server.dialect, &server.base, "http://127.0.0.1:5555", "demo");
    assert_eq!(good.code, Some(0), "{}", good.stdout);
    let elsewhere = check_file(&server.dialect, &server.base, "https://app.example.com", "demo");
    assert_eq!(elsewhere.code, Some(1));
    assert!(failures(&elsewhere).iter().any(|l| l.contains("CORS_ALLOWED_ORIGINS")), "{}", elsewhere.stdout);
    drop(server);
    let Some(short) = djoser(Some("content-type")) else { return };
    let run = check_file(&short.dialect, &short.base, "http://127.0.0.1:5555", "demo");
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    let failed = failures(&run);
    assert!(
        failed
            .iter()
            .any(|l| l.contains("preflight read") && l.contains("authorization") && l.contains("CORS_ALLOW_HEADERS")),
        "{failed:?}"
    );
}

#[test]
fn a_dj_rest_auth_session_passes_on_its_site_and_names_each_missing_setting() {
    let app = "http://127.0.0.1:5555";
    let Some(good) = dj_rest_auth_session(app, &[]) else { return };
    let run = check_file(&good.dialect, &good.base, app, "demo");
    assert_eq!(run.code, Some(0), "{}", run.stdout);
    drop(good);

    let Some(untrusted) = dj_rest_auth_session(app, &[("STACK_CSRF_TRUSTED_ORIGINS", "http://elsewhere.test")]) else {
        return;
    };
    let run = check_file(&untrusted.dialect, &untrusted.base, app, "demo");
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    let failed = failures(&run);
    assert!(failed.iter().any(|l| l.contains("update") && l.contains("CSRF_TRUSTED_ORIGINS")), "{failed:?}");
    drop(untrusted);

    let Some(no_credentials) = dj_rest_auth_session(app, &[("STACK_CORS_ALLOW_CREDENTIALS", "0")]) else { return };
    let run = check_file(&no_credentials.dialect, &no_credentials.base, app, "demo");
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    assert!(failures(&run).iter().any(|l| l.contains("CORS_ALLOW_CREDENTIALS = True")), "{}", run.stdout);
    drop(no_credentials);

    // localhost and 127.0.0.1 are two sites to a browser.
    let other_site = "http://localhost:5555";
    let Some(lax) = dj_rest_auth_session(other_site, &[]) else { return };
    let run = check_file(&lax.dialect, &lax.base, other_site, "demo");
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    let failed = failures(&run);
    assert!(failed.iter().any(|l| l.contains("session cookie") && l.contains("SESSION_COOKIE_SAMESITE")), "{failed:?}");
    // No csrf endpoint and another host: the app has no token to send.
    assert!(failed.iter().any(|l| l.contains("csrf token") && l.contains("endpoints.csrf")), "{failed:?}");
    assert!(failed.iter().any(|l| l.starts_with("FAIL update") && l.contains("CSRF")), "{failed:?}");
}

//! `from-openapi` with no flags on the documents the common DRF stacks
//! write (tests/drf-stacks and tests/djoser, by drf-spectacular; see
//! tests/drf-stacks/schemas.sh): the calls, auth and sign-in keys each
//! stack really has. Where the document allows two answers, the error
//! names them and the flag that picks one; a flag overrides one decision.

use dialect_gen::{generate, Call, Options};
use profile_model::{parse_dialect, Dialect};
use serde_json::json;

fn zero_flags(file: &str, text: &str) -> (Dialect, Vec<String>) {
    let generated = generate(text, Some(file), &Options::default()).unwrap_or_else(|e| panic!("{file}: {e}"));
    let lines = generated.decisions.iter().map(|d| d.to_string()).collect();
    (parse_dialect(&generated.dialect.to_string()).expect("the generated file parses"), lines)
}

fn call(d: &Option<profile_model::Endpoint>) -> Option<String> {
    d.as_ref().map(|e| format!("{} {}", e.method, e.path))
}

/// (file, text, auth, read/update path, sign-in, sign-out, refresh, csrf, login field, token field, refresh field)
type Stack = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
);

#[test]
fn each_stack_gets_its_calls_auth_and_sign_in_keys_from_its_document_alone() {
    let stacks: [Stack; 7] = [
        (
            "djoser.yaml",
            include_str!("openapi/stacks/djoser.yaml"),
            "token",
            "/auth/users/me/",
            Some("POST /auth/token/login/"),
            Some("POST /auth/token/logout/"),
            None,
            None,
            "username",
            Some("auth_token"),
            None,
        ),
        (
            "djoser-jwt.yaml",
            include_str!("openapi/stacks/djoser-jwt.yaml"),
            "bearer",
            "/auth/users/me/",
            Some("POST /auth/jwt/create/"),
            None,
            Some("POST /auth/jwt/refresh/"),
            None,
            "username",
            Some("access"),
            Some("refresh"),
        ),
        (
            "authtoken.yaml",
            include_str!("openapi/stacks/authtoken.yaml"),
            "token",
            "/api/me/",
            Some("POST /api/token-auth/"),
            None,
            None,
            None,
            "username",
            Some("token"),
            None,
        ),
        (
            "simplejwt.yaml",
            include_str!("openapi/stacks/simplejwt.yaml"),
            "bearer",
            "/api/me/",
            Some("POST /api/token/"),
            Some("POST /api/token/blacklist/"),
            Some("POST /api/token/refresh/"),
            None,
            "username",
            Some("access"),
            Some("refresh"),
        ),
        (
            "dj-rest-auth-token.yaml",
            include_str!("openapi/stacks/dj-rest-auth-token.yaml"),
            "token",
            "/dj-rest-auth/user/",
            Some("POST /dj-rest-auth/login/"),
            Some("POST /dj-rest-auth/logout/"),
            None,
            None,
            "username",
            Some("key"),
            None,
        ),
        (
            "dj-rest-auth-jwt.yaml",
            include_str!("openapi/stacks/dj-rest-auth-jwt.yaml"),
            "bearer",
            "/dj-rest-auth/user/",
            Some("POST /dj-rest-auth/login/"),
            Some("POST /dj-rest-auth/logout/"),
            Some("POST /dj-rest-auth/token/refresh/"),
            None,
            "username",
            Some("access"),
            Some("refresh"),
        ),
        (
            "dj-rest-auth-session.yaml",
            include_str!("openapi/stacks/dj-rest-auth-session.yaml"),
            "session",
            "/dj-rest-auth/user/",
            Some("POST /dj-rest-auth/login/"),
            Some("POST /dj-rest-auth/logout/"),
            None,
            None,
            "username",
            None,
            None,
        ),
    ];
    for (file, text, auth, me, sign_in, sign_out, refresh, csrf, login, token, refresh_field) in stacks {
        let (d, lines) = zero_flags(file, text);
        let said = lines.join("\n");
        assert_eq!(d.auth.name(), auth, "{file}:\n{said}");
        assert_eq!(d.name, file.trim_end_matches(".yaml"), "{file}");
        assert_eq!(call(&Some(d.endpoints.read.clone())), Some(format!("GET {me}")), "{file}");
        assert_eq!(call(&Some(d.endpoints.update.clone())), Some(format!("PATCH {me}")), "{file}");
        assert_eq!(call(&d.endpoints.sign_in).as_deref(), sign_in, "{file}:\n{said}");
        assert_eq!(call(&d.endpoints.sign_out).as_deref(), sign_out, "{file}:\n{said}");
        assert_eq!(call(&d.endpoints.refresh).as_deref(), refresh, "{file}:\n{said}");
        assert_eq!(call(&d.endpoints.csrf).as_deref(), csrf, "{file}:\n{said}");
        assert_eq!(d.sign_in.login_field.name(), login, "{file}");
        assert_eq!(d.sign_in.token_field.as_deref(), token, "{file}:\n{said}");
        assert_eq!(d.sign_in.refresh_field.as_deref(), refresh_field, "{file}");
        // One line per decision, each with its reason.
        for key in ["name", "endpoints.update", "endpoints.read", "endpoints.sign_in", "auth"] {
            let line =
                lines.iter().find(|l| l.starts_with(key)).unwrap_or_else(|| panic!("{file}: no {key} line in\n{said}"));
            assert!(line.split_whitespace().count() > 3, "{file}: {key} has no reason: {line}");
        }
    }
}

#[test]
fn the_djoser_token_answer_is_known_although_its_document_describes_the_request() {
    let (_, lines) = zero_flags("djoser.yaml", include_str!("openapi/stacks/djoser.yaml"));
    let token = lines.iter().find(|l| l.starts_with("sign_in.token_field")).unwrap();
    assert!(token.contains("auth_token") && token.contains("djoser"), "{token}");
}

#[test]
fn a_generic_file_name_gives_way_to_the_title() {
    let g =
        generate(include_str!("openapi/stacks/djoser.yaml"), Some("/tmp/x/schema.yaml"), &Options::default()).unwrap();
    assert_eq!(g.dialect["name"], "djoser-demo", "from the title \"djoser demo\"");
}

/// A minimal document: `paths` and `schemes` as given, one User schema.
fn doc(paths: serde_json::Value, schemes: serde_json::Value) -> String {
    json!({
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": paths,
        "components": {
            "schemas": {"User": {"type": "object", "properties": {
                "username": {"type": "string"}, "email": {"type": "string", "format": "email"},
                "first_name": {"type": "string"}}}},
            "securitySchemes": schemes,
        }
    })
    .to_string()
}

fn user_path() -> serde_json::Value {
    let body = json!({"content": {"application/json": {"schema": {"$ref": "#/components/schemas/User"}}}});
    let answer = json!({"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/User"}}}}});
    json!({"get": {"responses": answer}, "patch": {"requestBody": body, "responses": answer}})
}

fn token_scheme() -> serde_json::Value {
    json!({"tokenAuth": {"type": "apiKey", "in": "header", "name": "Authorization", "description": "Token-based authentication with required prefix \"Token\""}})
}

#[test]
fn two_user_paths_are_ambiguous_and_the_error_names_both_and_the_flag() {
    let text = doc(json!({"/api/me/": user_path(), "/api/profile/": user_path()}), token_scheme());
    let err = generate(&text, None, &Options::default()).err().expect("ambiguous");
    assert!(err.contains("PATCH /api/me/") && err.contains("PATCH /api/profile/"), "{err}");
    assert!(err.contains("--update"), "{err}");
    let chosen = Options { update: Some(Call::parse("PATCH /api/profile/").unwrap()), ..Options::default() };
    let g = generate(&text, None, &chosen).expect("the flag picks one");
    assert_eq!(g.dialect["endpoints"]["read"]["path"], "/api/profile/");
}

#[test]
fn token_and_bearer_schemes_without_a_sign_in_are_ambiguous_until_auth_is_given() {
    let mut schemes = token_scheme();
    schemes["jwtAuth"] = json!({"type": "http", "scheme": "bearer", "bearerFormat": "JWT"});
    let text = doc(json!({"/api/me/": user_path()}), schemes);
    let err = generate(&text, None, &Options::default()).err().expect("ambiguous");
    assert!(err.contains("--auth token") && err.contains("--auth bearer"), "{err}");
    let g = generate(&text, None, &Options { auth: Some("bearer".into()), ..Options::default() }).unwrap();
    assert_eq!(g.dialect["auth"], "bearer");
    assert!(g.decisions.iter().any(|d| d.key == "auth" && d.why.contains("given")));
}

#[test]
fn a_flag_overrides_one_decision_and_leaves_the_others_inferred() {
    let options = Options { login_field: Some("email".into()), ..Options::default() };
    let g = generate(include_str!("openapi/stacks/dj-rest-auth-token.yaml"), Some("x.yaml"), &options).unwrap();
    assert_eq!(g.dialect["sign_in"]["login_field"], "email");
    assert_eq!(g.dialect["sign_in"]["token_field"], "key", "still inferred");
    assert_eq!(g.dialect["endpoints"]["sign_in"]["path"], "/dj-rest-auth/login/", "still inferred");
}

#[test]
fn the_binary_prints_the_file_on_stdout_and_one_decision_per_line_on_stderr() {
    let schema = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/openapi/stacks/simplejwt.yaml");
    let out =
        std::process::Command::new(env!("CARGO_BIN_EXE_dialect-gen")).args(["from-openapi", schema]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let d = parse_dialect(&String::from_utf8(out.stdout).unwrap()).expect("stdout is the dialect file");
    assert_eq!(d.auth.name(), "bearer");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.lines().any(|l| l.trim_start().starts_with("endpoints.sign_out") && l.contains("blacklist")),
        "{stderr}"
    );
    for sub in ["from-openapi", "check"] {
        let help =
            std::process::Command::new(env!("CARGO_BIN_EXE_dialect-gen")).args([sub, "--help"]).output().unwrap();
        assert!(help.status.success());
        let text = String::from_utf8(help.stdout).unwrap();
        assert!(text.contains("Usage: dialect-gen"), "{sub}: {text}");
    }
    let ambiguous = std::process::Command::new(env!("CARGO_BIN_EXE_dialect-gen"))
        .args(["from-openapi", concat!(env!("CARGO_MANIFEST_DIR"), "/tests/openapi/letraz.yaml"), "--auth", "session"])
        .output()
        .unwrap();
    assert_eq!(ambiguous.status.code(), Some(2), "a session without a sign-in call cannot be written");
    assert!(String::from_utf8_lossy(&ambiguous.stderr).contains("sign-in"));
}

#[test]
fn djosers_zero_flag_file_is_the_one_its_eight_flags_wrote() {
    // What .ci/djoser passed before it called the generator with no flags.
    let flags = Options {
        name: "djoser-demo".into(),
        read: Some(Call::parse("GET /auth/users/me/").unwrap()),
        update: Some(Call::parse("PATCH /auth/users/me/").unwrap()),
        auth: Some("token".into()),
        sign_in: Some(Call::parse("POST /auth/token/login/").unwrap()),
        sign_out: Some(Call::parse("POST /auth/token/logout/").unwrap()),
        login_field: Some("username".into()),
        token_field: Some("auth_token".into()),
        ..Options::default()
    };
    let text = include_str!("openapi/stacks/djoser.yaml");
    let with_flags = generate(text, Some("schema.yaml"), &flags).unwrap().dialect;
    let without = generate(text, Some("schema.yaml"), &Options::default()).unwrap().dialect;
    assert_eq!(without, with_flags);
}

#[test]
fn an_update_by_id_reads_from_the_one_get_without_parameters() {
    let user = user_path();
    let paths = json!({
        "/api/profile/": {"get": user["get"].clone()},
        "/api/profile/{id}/": {"get": user["get"].clone(), "patch": user["patch"].clone()},
    });
    let g = generate(&doc(paths, token_scheme()), None, &Options::default()).unwrap();
    assert_eq!(g.dialect["endpoints"]["update"], json!({"method": "PATCH", "path": "/api/profile/{id}/"}));
    assert_eq!(g.dialect["endpoints"]["read"], json!({"method": "GET", "path": "/api/profile/"}));
}

/// (file, text, password change, its keys (current, new, confirm), deletion, its current_field)
type Account = (
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<(Option<&'static str>, &'static str, Option<&'static str>)>,
    Option<&'static str>,
    Option<&'static str>,
);

#[test]
fn each_stack_gets_its_password_change_and_account_deletion_from_its_document_alone() {
    let djoser_keys = Some((Some("current_password"), "new_password", None));
    let dj_rest_auth_keys = Some((None, "new_password1", Some("new_password2")));
    let stacks: [Account; 7] = [
        (
            "djoser.yaml",
            include_str!("openapi/stacks/djoser.yaml"),
            Some("POST /auth/users/set_password/"),
            djoser_keys,
            Some("DELETE /auth/users/me/"),
            Some("current_password"),
        ),
        (
            "djoser-jwt.yaml",
            include_str!("openapi/stacks/djoser-jwt.yaml"),
            Some("POST /auth/users/set_password/"),
            djoser_keys,
            Some("DELETE /auth/users/me/"),
            Some("current_password"),
        ),
        (
            "dj-rest-auth-token.yaml",
            include_str!("openapi/stacks/dj-rest-auth-token.yaml"),
            Some("POST /dj-rest-auth/password/change/"),
            dj_rest_auth_keys,
            None,
            None,
        ),
        (
            "dj-rest-auth-jwt.yaml",
            include_str!("openapi/stacks/dj-rest-auth-jwt.yaml"),
            Some("POST /dj-rest-auth/password/change/"),
            dj_rest_auth_keys,
            None,
            None,
        ),
        (
            "dj-rest-auth-session.yaml",
            include_str!("openapi/stacks/dj-rest-auth-session.yaml"),
            Some("POST /dj-rest-auth/password/change/"),
            dj_rest_auth_keys,
            None,
            None,
        ),
        ("simplejwt.yaml", include_str!("openapi/stacks/simplejwt.yaml"), None, None, None, None),
        ("authtoken.yaml", include_str!("openapi/stacks/authtoken.yaml"), None, None, None, None),
    ];
    for (file, text, change, keys, delete, current) in stacks {
        let (d, lines) = zero_flags(file, text);
        let said = lines.join("\n");
        assert_eq!(call(&d.endpoints.password_change).as_deref(), change, "{file}:\n{said}");
        let got_keys = d
            .password_change
            .as_ref()
            .map(|p| (p.current_field.as_deref(), p.new_field.as_str(), p.confirm_field.as_deref()));
        assert_eq!(got_keys, keys, "{file}:\n{said}");
        assert_eq!(call(&d.endpoints.delete_account).as_deref(), delete, "{file}:\n{said}");
        assert_eq!(d.delete_account.as_ref().and_then(|a| a.current_field.as_deref()), current, "{file}:\n{said}");
        assert_eq!(d.delete_account.is_some(), delete.is_some(), "{file}");
        // Present or not, each call has its line with a reason.
        for key in ["endpoints.password_change", "endpoints.delete_account"] {
            let line =
                lines.iter().find(|l| l.starts_with(key)).unwrap_or_else(|| panic!("{file}: no {key} line in\n{said}"));
            assert!(line.split_whitespace().count() > 4, "{file}: {key} has no reason: {line}");
            if line.split_whitespace().nth(1) == Some("none") {
                assert!(line.contains("no POST takes a new password") || line.contains("no DELETE"), "{line}");
            }
        }
        assert_eq!(lines.iter().any(|l| l.starts_with("password_change ")), change.is_some(), "{file}:\n{said}");
        assert_eq!(
            lines.iter().any(|l| l.starts_with("delete_account.current_field")),
            delete.is_some(),
            "{file}:\n{said}"
        );
    }
}

#[test]
fn the_password_change_lines_say_why_the_reset_and_username_calls_are_passed_over() {
    let (_, lines) = zero_flags("djoser.yaml", include_str!("openapi/stacks/djoser.yaml"));
    let change = lines.iter().find(|l| l.starts_with("endpoints.password_change")).unwrap();
    assert!(change.contains("POST /auth/users/set_password/"), "{change}");
    assert!(change.contains("new_password, current_password"), "the keys it has: {change}");
    for (passed, why) in [("reset_password_confirm/", "uid and token"), ("set_username/", "new_username")] {
        let at = change.find(passed).unwrap_or_else(|| panic!("{passed} not named: {change}"));
        assert!(change[at..].contains(why), "{passed} without its reason: {change}");
    }
    let keys = lines.iter().find(|l| l.starts_with("password_change ")).unwrap();
    assert!(keys.contains("SET_PASSWORD_RETYPE"), "why there is no confirm key: {keys}");
    let current = lines.iter().find(|l| l.starts_with("delete_account.current_field")).unwrap();
    assert!(current.contains("current_password") && current.contains("no body"), "{current}");

    let (_, lines) = zero_flags("dj-rest-auth-token.yaml", include_str!("openapi/stacks/dj-rest-auth-token.yaml"));
    let change = lines.iter().find(|l| l.starts_with("endpoints.password_change")).unwrap();
    assert!(change.contains("password/reset/confirm/") && change.contains("uid and token"), "{change}");
    let keys = lines.iter().find(|l| l.starts_with("password_change ")).unwrap();
    assert!(keys.contains("OLD_PASSWORD_FIELD_ENABLED"), "{keys}");
}

#[test]
fn dj_rest_auth_with_old_password_field_enabled_asks_for_the_current_password() {
    // OLD_PASSWORD_FIELD_ENABLED = True: the serializer, and so the
    // document, gains old_password.
    let text = include_str!("openapi/stacks/dj-rest-auth-token.yaml").replace(
        "    PasswordChangeRequest:\n      type: object\n      properties:\n",
        "    PasswordChangeRequest:\n      type: object\n      properties:\n        old_password:\n          type: string\n          minLength: 1\n          maxLength: 128\n",
    );
    assert!(text.contains("old_password"), "the fixture's schema is where the test expects it");
    let (d, lines) = zero_flags("x.yaml", &text);
    let keys = d.password_change.expect("a password change");
    assert_eq!(keys.current_field.as_deref(), Some("old_password"));
    assert_eq!((keys.new_field.as_str(), keys.confirm_field.as_deref()), ("new_password1", Some("new_password2")));
    let line = lines.iter().find(|l| l.starts_with("endpoints.password_change")).unwrap();
    assert!(line.contains("new_password1, new_password2, old_password"), "{line}");
}

#[test]
fn flags_override_or_drop_the_account_calls() {
    let djoser = include_str!("openapi/stacks/djoser.yaml");
    let none = Options { no_password_change: true, no_delete_account: true, ..Options::default() };
    let g = generate(djoser, Some("x.yaml"), &none).unwrap();
    let d = parse_dialect(&g.dialect.to_string()).unwrap();
    assert!(d.endpoints.password_change.is_none() && d.password_change.is_none());
    assert!(d.endpoints.delete_account.is_none() && d.delete_account.is_none());
    for key in ["endpoints.password_change", "endpoints.delete_account"] {
        let line = g.decisions.iter().find(|l| l.key == key).unwrap();
        assert!(line.value == "none" && line.why.contains("given (--no-"), "{line}");
    }
    assert_eq!(d.endpoints.sign_in.unwrap().path, "/auth/token/login/", "the rest still inferred");

    // The deletion without a password, and a password change named by hand.
    let given = Options {
        delete_account_field: Some("none".into()),
        password_change: Some(Call::parse("POST /auth/users/set_password/").unwrap()),
        ..Options::default()
    };
    let g = generate(djoser, Some("x.yaml"), &given).unwrap();
    let d = parse_dialect(&g.dialect.to_string()).unwrap();
    assert_eq!(d.delete_account.unwrap().current_field, None);
    assert_eq!(d.endpoints.delete_account.unwrap().path, "/auth/users/me/", "still inferred");
    assert_eq!(d.password_change.unwrap().current_field.as_deref(), Some("current_password"), "keys from its schema");
    assert!(g.decisions.iter().any(|d| d.key == "endpoints.password_change" && d.why == "given (--password-change)"));

    // A call that takes no new password cannot be the password change.
    let wrong =
        Options { password_change: Some(Call::parse("POST /auth/users/set_username/").unwrap()), ..Options::default() };
    let err = generate(djoser, Some("x.yaml"), &wrong).err().expect("refused");
    assert!(
        err.contains("--password-change POST /auth/users/set_username/") && err.contains("no new password"),
        "{err}"
    );

    // dj-rest-auth has no deletion; a flag names one, with its key.
    let text = include_str!("openapi/stacks/dj-rest-auth-token.yaml");
    let given = Options {
        delete_account: Some(Call::parse("DELETE /dj-rest-auth/user/").unwrap()),
        delete_account_field: Some("password".into()),
        ..Options::default()
    };
    let d = parse_dialect(&generate(text, None, &given).unwrap().dialect.to_string()).unwrap();
    assert_eq!(d.endpoints.delete_account.unwrap(), profile_model::Endpoint::new("DELETE", "/dj-rest-auth/user/"));
    assert_eq!(d.delete_account.unwrap().current_field.as_deref(), Some("password"));
}

/// The minimal document with a DELETE on `/api/me/` whose body is `body`
/// (or none), and `components` added to its schemas.
fn with_delete(body: Option<serde_json::Value>, components: serde_json::Value) -> String {
    let mut me = user_path();
    me["delete"] = json!({"responses": {"204": {"description": "No response body"}}});
    if let Some(body) = body {
        me["delete"]["requestBody"] = json!({"content": {"application/json": {"schema": body}}});
    }
    let mut d: serde_json::Value = serde_json::from_str(&doc(json!({"/api/me/": me}), token_scheme())).unwrap();
    for (name, schema) in components.as_object().unwrap() {
        d["components"]["schemas"][name] = schema.clone();
    }
    d.to_string()
}

#[test]
fn the_deletion_password_key_comes_from_its_body_else_a_user_delete_component_else_none() {
    let current = |text: &str| {
        let g = generate(text, None, &Options::default()).unwrap();
        let d = parse_dialect(&g.dialect.to_string()).unwrap();
        assert_eq!(d.endpoints.delete_account.as_ref().map(|e| e.path.as_str()), Some("/api/me/"));
        let line = g.decisions.iter().find(|d| d.key == "delete_account.current_field").unwrap().to_string();
        (d.delete_account.unwrap().current_field, line)
    };
    let body = json!({"type": "object", "properties": {"current_password": {"type": "string"}}});
    let (key, line) = current(&with_delete(Some(body), json!({})));
    assert_eq!(key.as_deref(), Some("current_password"), "{line}");
    assert!(line.contains("request body takes current_password"), "{line}");

    let no_password = json!({"type": "object", "properties": {"reason": {"type": "string"}}});
    let (key, line) = current(&with_delete(Some(no_password), json!({})));
    assert_eq!(key, None, "{line}");

    let user_delete = json!({"UserDelete": {"type": "object", "properties": {"current_password": {"type": "string"}}}});
    let (key, line) = current(&with_delete(None, user_delete));
    assert_eq!(key.as_deref(), Some("current_password"), "{line}");
    assert!(line.contains("UserDelete"), "{line}");

    let (key, line) = current(&with_delete(None, json!({})));
    assert_eq!(key, None, "{line}");
    assert!(line.contains("unknowable") && line.contains("--delete-account-field"), "{line}");
}

#[test]
fn two_password_changes_are_ambiguous_and_the_error_names_both_and_the_flag() {
    let change = json!({"post": {
        "requestBody": {"content": {"application/json": {"schema": {"type": "object", "properties": {
            "old_password": {"type": "string"}, "new_password": {"type": "string"}}}}}},
        "responses": {"204": {"description": ""}}}});
    let text =
        doc(json!({"/api/me/": user_path(), "/api/a/password/": change, "/api/b/password/": change}), token_scheme());
    let err = generate(&text, None, &Options::default()).err().expect("ambiguous");
    assert!(err.contains("POST /api/a/password/") && err.contains("POST /api/b/password/"), "{err}");
    assert!(err.contains("--password-change"), "{err}");
    let chosen = Options { password_change: Some(Call::parse("POST /api/b/password/").unwrap()), ..Options::default() };
    let d = parse_dialect(&generate(&text, None, &chosen).unwrap().dialect.to_string()).unwrap();
    assert_eq!(d.endpoints.password_change.unwrap().path, "/api/b/password/");
    assert_eq!(d.password_change.unwrap().current_field.as_deref(), Some("old_password"));
}

#[test]
fn the_binary_takes_the_account_flags() {
    let schema = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/openapi/stacks/djoser.yaml");
    let run = |extra: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_dialect-gen"))
            .args(["from-openapi", schema])
            .args(extra)
            .output()
            .unwrap();
        (out.status.code(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
    };
    let (code, stdout, stderr) = run(&[]);
    assert_eq!(code, Some(0), "{stderr}");
    let d = parse_dialect(&stdout).expect("stdout is the dialect file");
    assert!(d.password_change.is_some() && d.delete_account.is_some());
    assert!(stdout.contains(r#""password_change": {"current_field": "current_password", "new_field": "new_password", "confirm_field": null}"#), "{stdout}");
    assert!(
        stderr.lines().any(|l| l.trim_start().starts_with("endpoints.password_change") && l.contains("set_password")),
        "{stderr}"
    );

    let (code, stdout, stderr) = run(&["--no-password-change", "--delete-account-field", "none"]);
    assert_eq!(code, Some(0), "{stderr}");
    let d = parse_dialect(&stdout).unwrap();
    assert!(d.password_change.is_none());
    assert_eq!(d.delete_account.unwrap().current_field, None);

    let (code, _, stderr) = run(&["--no-delete-account", "--delete-account", "DELETE /auth/users/me/"]);
    assert_eq!(code, Some(2), "the two contradict: {stderr}");
}

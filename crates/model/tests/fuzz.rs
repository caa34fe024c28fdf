//! Fuzzing with a fixed seed and a case count: the validators (email, URL,
//! date, username, IP, and every catalogue rule through `validate`), the
//! error parser (any status, content type and body: JSON, near-JSON,
//! deeply nested JSON, HTML, text) and the config parser (text, near-JSON,
//! random configs). Nothing may panic, and a few invariants must hold.
//!
//! Every target runs on a thread with wasm's 1 MiB stack (rustc's default
//! for `wasm32-unknown-unknown`), and the error parser also on a quarter of
//! that, so recursion that fits natively but not in the browser fails here.
//!
//! The normal test run uses a small count. The big run (see the README):
//!
//!     FUZZ_CASES=1000000 cargo test -p profile-model --release --test fuzz -- --nocapture
//!
//! `FUZZ_CASES` is the total over all targets; `FUZZ_SEED` (a number)
//! changes the seed. A failure is shrunk and printed by proptest.

use profile_model::shipped;
use std::cell::Cell;
use std::time::{Duration, Instant};

use profile_model::catalogue::{catalogue, place_errors, FieldKind};
use profile_model::validate::rules;
use profile_model::*;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};
use serde_json::{json, Value};

/// rustc's default stack for `wasm32-unknown-unknown`.
const WASM_STACK: usize = 1024 * 1024;
const DEFAULT_TOTAL: u64 = 6_000;

fn total_cases() -> u64 {
    std::env::var("FUZZ_CASES").ok().and_then(|s| s.trim().parse().ok()).unwrap_or(DEFAULT_TOTAL)
}

fn seed() -> u64 {
    std::env::var("FUZZ_SEED").ok().and_then(|s| s.trim().parse().ok()).unwrap_or(0x5eed_f022)
}

/// Runs `cases` inputs from `strategy` through `check` on a thread with
/// `stack` bytes of stack, with a seed fixed per target; prints the count,
/// the time and the slowest input's time.
fn fuzz<S, F>(name: &'static str, cases: u64, stack: usize, strategy: impl FnOnce() -> S + Send + 'static, check: F)
where
    S: Strategy,
    S::Value: std::fmt::Debug,
    F: Fn(&S::Value) -> Result<(), TestCaseError> + Send + 'static,
{
    let handle = std::thread::Builder::new()
        .name(name.into())
        .stack_size(stack)
        .spawn(move || {
            let strategy = strategy();
            let mut seed_bytes = [0u8; 32];
            seed_bytes[..8].copy_from_slice(&seed().to_le_bytes());
            for (i, b) in name.bytes().enumerate() {
                seed_bytes[8 + i % 24] ^= b;
            }
            let config = Config {
                cases: u32::try_from(cases).expect("fewer than 2^32 cases per target"),
                failure_persistence: None,
                max_shrink_iters: 4096,
                ..Config::default()
            };
            let mut runner = TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes));
            let slowest = Cell::new(Duration::ZERO);
            let slowest_input = Cell::new(String::new());
            let start = Instant::now();
            let result = runner.run(&strategy, |v| {
                let t = Instant::now();
                let r = check(&v);
                let took = t.elapsed();
                if took > slowest.get() {
                    slowest.set(took);
                    let d = format!("{v:?}");
                    let head: String = d.chars().take(120).collect();
                    slowest_input.set(format!("{head}… ({} chars)", d.chars().count()));
                }
                r
            });
            if let Err(e) = result {
                panic!("fuzz target {name}: {e}");
            }
            println!(
                "fuzz {name}: {cases} inputs, no panic, {:.1?} (slowest input {:.1?}, stack {} KiB)",
                start.elapsed(),
                slowest.get(),
                stack / 1024
            );
            if std::env::var_os("FUZZ_SLOWEST").is_some() {
                println!("  slowest {name} input: {}", slowest_input.take());
            }
        })
        .unwrap();
    if let Err(p) = handle.join() {
        std::panic::resume_unwind(p);
    }
}

fn share(permille: u64) -> u64 {
    (total_cases() * permille / 1000).max(1)
}

// ---------------------------------------------------------------- inputs

/// Characters the validators and parsers care about, and some that break
/// naive code: multi-byte, combining, case-folding oddities, separators,
/// NUL, controls, Python whitespace, NFKC netloc breakers, fullwidth dots.
const SPICY: &[char] = &[
    '@',
    '.',
    ':',
    '/',
    '?',
    '#',
    '[',
    ']',
    '%',
    '-',
    '_',
    '+',
    '"',
    '\\',
    ' ',
    '\t',
    '\n',
    '\r',
    '\0',
    '{',
    '}',
    ',',
    '\'',
    '`',
    '=',
    '!',
    '~',
    '*',
    '&',
    '$',
    'a',
    'Z',
    '0',
    '9',
    'é',
    'ß',
    'İ',
    'K',
    '\u{212a}',
    '\u{130}',
    '\u{301}',
    '\u{200b}',
    '\u{a0}',
    '\u{85}',
    '\u{2028}',
    '\u{3000}',
    '\u{2047}',
    '\u{2100}',
    '\u{ff0e}',
    '\u{3002}',
    '\u{ff1a}',
    '\u{fe13}',
    'ا',
    'ب',
    '用',
    '😀',
    '\u{10ffff}',
    '\u{feff}',
    '\u{7f}',
    '\u{1}',
];

fn spicy_char() -> impl Strategy<Value = char> {
    prop_oneof![4 => prop::sample::select(SPICY), 1 => any::<char>()]
}

#[derive(Clone, Debug)]
enum Op {
    Insert(usize, char),
    Replace(usize, char),
    Delete(usize, usize),
    Duplicate(usize, usize),
    Truncate(usize),
    Swap(usize, usize),
    Repeat(usize, usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (any::<usize>(), spicy_char()).prop_map(|(p, c)| Op::Insert(p, c)),
        (any::<usize>(), spicy_char()).prop_map(|(p, c)| Op::Replace(p, c)),
        (any::<usize>(), 1usize..8).prop_map(|(p, n)| Op::Delete(p, n)),
        (any::<usize>(), 1usize..16).prop_map(|(p, n)| Op::Duplicate(p, n)),
        any::<usize>().prop_map(Op::Truncate),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Op::Swap(a, b)),
        (any::<usize>(), 2usize..300).prop_map(|(p, n)| Op::Repeat(p, n)),
    ]
}

/// Applies edits to a string, on characters (never splitting one).
fn mutate(s: &str, ops: &[Op]) -> String {
    let mut c: Vec<char> = s.chars().collect();
    for op in ops {
        let n = c.len();
        let at = |p: usize| if n == 0 { 0 } else { p % (n + 1) };
        match *op {
            Op::Insert(p, ch) => c.insert(at(p), ch),
            Op::Replace(p, ch) if n > 0 => c[p % n] = ch,
            Op::Delete(p, k) if n > 0 => {
                let s = p % n;
                c.drain(s..(s + k).min(n));
            }
            Op::Duplicate(p, k) if n > 0 => {
                let s = p % n;
                let piece: Vec<char> = c[s..(s + k).min(n)].to_vec();
                let i = at(p.wrapping_mul(31));
                c.splice(i..i, piece);
            }
            Op::Truncate(p) => c.truncate(at(p)),
            Op::Swap(a, b) if n > 0 => c.swap(a % n, b % n),
            Op::Repeat(p, k) if n > 0 => {
                let ch = c[p % n];
                let i = p % n;
                c.splice(i..i, std::iter::repeat_n(ch, k));
            }
            _ => {}
        }
    }
    c.into_iter().collect()
}

/// A seed picked from `seeds`, then 0 to 6 edits.
fn mutated(seeds: Vec<String>) -> impl Strategy<Value = String> {
    (prop::sample::select(seeds), prop::collection::vec(op(), 0..6)).prop_map(|(s, ops)| mutate(&s, &ops))
}

/// The Django corpus: real emails and URLs with Django's verdicts, the best
/// seeds there are for the validators.
fn corpus_seeds() -> Vec<String> {
    let corpus: Value = serde_json::from_str(include_str!("django_corpus/corpus.json")).unwrap();
    let mut out = Vec::new();
    for key in ["email", "url", "username"] {
        for item in corpus[key].as_array().into_iter().flatten() {
            if let Some(s) = item[0].as_str() {
                out.push(s.to_string());
            }
        }
    }
    out.extend(
        [
            "2024-02-29",
            "1900-02-29",
            "0000-01-01",
            "9999-12-31",
            "2025-13-01",
            "2025-06-01",
            "１９９０-01-01",
            "ada_lovelace",
            "j.d+x@y-z_1",
            "用户",
            "http://[::1]:8080/",
            "https://xn--exmple-cua.com",
            "mailto:a@b.co",
            "javascript:alert(1)",
            "+1-555-0124",
        ]
        .map(String::from),
    );
    out
}

/// Text for the validators.
fn validator_text(seeds: Vec<String>) -> impl Strategy<Value = String> {
    prop_oneof![
        6 => mutated(seeds),
        2 => "\\PC{0,40}",
        1 => any::<String>(),
        1 => "[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~\"\\\\ @-]{0,24}@[a-zA-Z0-9.\\[\\]:-]{0,40}",
        1 => "(https?|ftps?|HTTP|mailto)://[a-z0-9.@:%\\[\\]_-]{0,40}(/[ -~]{0,20})?",
        1 => "[0-9+ -]{0,6}-[0-9]{0,3}-[0-9]{0,3}",
        1 => (spicy_char(), 0usize..3000).prop_map(|(c, n)| std::iter::repeat_n(c, n).collect::<String>()),
    ]
}

fn field_value(text: BoxedStrategy<String>) -> impl Strategy<Value = FieldValue> {
    prop_oneof![
        1 => Just(FieldValue::Null),
        1 => any::<bool>().prop_map(FieldValue::Bool),
        6 => text.clone().prop_map(FieldValue::Text),
        2 => prop::collection::vec(text, 0..4).prop_map(FieldValue::List),
    ]
}

fn dialect() -> impl Strategy<Value = &'static Dialect> {
    prop::sample::select(shipped::all().to_vec())
}

/// JSON with the keys DRF error bodies and letraz envelopes use.
fn json_value(text: BoxedStrategy<String>) -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        3 => prop::sample::select(vec![
            "detail", "error", "errors", "non_field_errors", "__all__", "details", "message", "code", "uuid", "extra",
            "string", "status", "email", "username", "skills", "0", "1", "bio", "avatar", "",
        ])
        .prop_map(String::from),
        1 => "\\PC{0,8}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        text.prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key.clone(), inner), 0..6).prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// Deeply nested bodies around and far beyond serde_json's limit of 128:
/// arrays, objects, letraz envelopes, closed or not.
fn deep_json() -> impl Strategy<Value = String> {
    let opener =
        prop::sample::select(vec!["[", "{\"a\":", "{\"details\":", "{\"error\":{\"details\":", "[[", "{\"0\":["]);
    (
        prop::collection::vec(opener, 1..6),
        prop_oneof![0usize..140, 120usize..136, 0usize..20_000],
        any::<bool>(),
        prop::sample::select(vec!["\"x\"", "1", "null", "[]", "{}", ""]),
    )
        .prop_map(|(openers, depth, close, leaf)| {
            let mut s = String::new();
            let mut closers = Vec::new();
            for i in 0..depth {
                let o = openers[i % openers.len()];
                s.push_str(o);
                closers.push(
                    o.chars()
                        .filter(|c| matches!(c, '[' | '{'))
                        .map(|c| if c == '[' { ']' } else { '}' })
                        .rev()
                        .collect::<String>(),
                );
            }
            s.push_str(leaf);
            if close {
                for c in closers.iter().rev() {
                    s.push_str(c);
                }
            }
            s
        })
}

/// letraz envelopes whose `details` is JSON text holding another envelope,
/// `levels` deep (each level escapes the one inside).
fn nested_string_envelopes() -> impl Strategy<Value = String> {
    (0usize..14, "\\PC{0,10}").prop_map(|(levels, msg)| {
        let mut v = json!({"email": [msg]});
        for i in 0..levels {
            v = json!({"error": {"uuid": format!("u{i}"), "code": "c", "message": "m", "details": v.to_string()}});
        }
        v.to_string()
    })
}

fn error_seeds() -> Vec<String> {
    [
        r#"{"email":["Enter a valid email address."],"username":["A user with that username already exists."]}"#,
        r#"{"details":{"github_url":["Enter a valid URL."],"non_field_errors":["Bad."]}}"#,
        r#"{"skills":[["Not a valid string."],[]],"focus_area":[{},{"name":["Required."]}]}"#,
        r#"{"non_field_errors":["Unable to log in with provided credentials."]}"#,
        r#"["Something is off.","And this."]"#,
        r#"{"detail":"CSRF Failed: CSRF token missing."}"#,
        r#"{"detail":"Request was throttled. Expected available in 12 seconds."}"#,
        r#"{"error":"No Users matches the given query."}"#,
        r#"{"error":{"uuid":"6f1c","code":"INVALID REQUEST","message":"Invalid Data provided!","details":{"country":["Invalid pk \"ZZZ\" - object does not exist."]},"extra":{"data":{"country":"ZZZ"}}}}"#,
        r#"{"error":{"uuid":"u","code":"c","message":"Bad","details":"{\"phone\": [\"Too long\"]}","extra":""}}"#,
        r#"{"email":[{"string":"Introduzca una dirección de correo electrónico válida.","code":"invalid"}]}"#,
        "<!DOCTYPE html><html><head><title>Server Error (500)</title></head><body><h1>Server Error (500)</h1></body></html>",
        "<html>\r\n<head><title>413 Request Entity Too Large</title></head>\r\n<body><center><h1>413</h1></center><hr><center>nginx</center></body></html>",
        "<h1>Bad Gateway</h1>",
        "Bad Request",
        "",
        "null",
        "42",
    ]
    .map(String::from)
    .to_vec()
}

fn error_body() -> impl Strategy<Value = String> {
    let text = "\\PC{0,16}".boxed();
    prop_oneof![
        4 => json_value(text).prop_map(|v| v.to_string()),
        4 => mutated(error_seeds()),
        2 => deep_json(),
        1 => nested_string_envelopes(),
        1 => "\\PC{0,600}",
        1 => "<[a-z!]{1,8}[^>]{0,20}>\\PC{0,40}",
        // Long flat lists: many messages on one path or many paths.
        1 => (prop::sample::select(vec!["\"a\",", "[\"x\"],", "{\"f\":[\"m\"]},"]), prop_oneof![20 => 0usize..400, 1 => 0usize..5_000])
            .prop_map(|(item, n)| format!("{{\"email\":[{}\"end\"]}}", item.repeat(n))),
    ]
}

fn content_type() -> impl Strategy<Value = Option<String>> {
    prop::option::of(prop_oneof![
        3 => prop::sample::select(vec![
            "application/json", "application/json; charset=utf-8", "text/html; charset=utf-8", "text/plain", "TEXT/HTML",
            "application/problem+json", "",
        ])
        .prop_map(String::from),
        1 => "\\PC{0,30}",
    ])
}

fn config_seeds() -> Vec<String> {
    [
        r#"{"dialect": "pwgen"}"#,
        r#"{"dialect": "letraz", "api_base_url": "https://api.example.com/", "auth": "basic"}"#,
        r#"{"dialect": "users-me", "api_base_url": "/backend", "auth": "Token", "sign_in": {"login_field": "email", "token_field": "auth_token", "refresh_field": null},
            "avatar": {"field": "avatar", "max_bytes": 1000, "accepted_types": ["image/PNG", "image/*"]},
            "endpoints": {"update": {"method": "put"}, "read": {"path": "/api/users/me/"}, "sign_out": null}}"#,
        r#"{"dialect": "aisquare-profile", "endpoints": {"refresh": {"method": "POST", "path": "/api/v1/iam/token/refresh/"}, "csrf": {"path": "/c/"}}}"#,
        r#"{"dialect": "pwgen", "endpoints": {"update": {"path": "/api/profile/{id}/update/"}, "sign_in": {"method": "POST", "path": "/api/sign-in/"}}}"#,
    ]
    .map(String::from)
    .to_vec()
}

/// Random configs made of the real keys with right and wrong values.
fn config_doc() -> impl Strategy<Value = String> {
    let any_json = json_value("\\PC{0,12}".boxed()).boxed();
    let word = prop_oneof![
        prop::sample::select(vec![
            "pwgen",
            "letraz",
            "users-me",
            "aisquare-profile",
            "aisquare-details",
            "bearer",
            "token",
            "session",
            "basic",
            "none",
            "GET",
            "post",
            "PATCH",
            "/api/users/me/",
            "/api/profile/{id}/update/",
            "/a/{x}/",
            "//evil/",
            "/no-slash",
            "https://api.example.com",
            "http://",
            "ftp://x",
            "access",
            "auth_token",
            "email",
            "username",
            "avatar",
            "details.profile_picture",
            "image/png",
            "image/*",
            "png",
            "",
        ])
        .prop_map(Value::from),
        any_json.clone(),
        any::<i64>().prop_map(Value::from),
    ]
    .boxed();
    let obj = |keys: Vec<&'static str>, value: BoxedStrategy<Value>| {
        prop::collection::vec((prop_oneof![4 => prop::sample::select(keys), 1 => Just("bogus")], value), 0..4)
            .prop_map(|kv| Value::Object(kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect()))
    };
    let endpoint = prop_oneof![4 => obj(vec!["method", "path"], word.clone()).boxed(), 1 => word.clone()].boxed();
    let endpoints = obj(vec!["read", "update", "sign_in", "sign_out", "refresh", "csrf"], endpoint);
    let sign_in = obj(vec!["login_field", "token_field", "refresh_field"], word.clone());
    let types = prop_oneof![prop::collection::vec(word.clone(), 0..3).prop_map(Value::Array), word.clone()];
    let avatar = prop_oneof![
        (prop::option::of(word.clone()), prop::option::of(any::<i64>()), prop::option::of(types)).prop_map(
            |(f, m, t)| {
                let mut o = serde_json::Map::new();
                f.map(|f| o.insert("field".into(), f));
                m.map(|m| o.insert("max_bytes".into(), m.into()));
                t.map(|t| o.insert("accepted_types".into(), t));
                Value::Object(o)
            }
        ),
        word.clone(),
    ];
    (
        prop::option::of(word.clone()),
        prop::option::of(word.clone()),
        prop::option::of(word),
        prop::option::of(sign_in),
        prop::option::of(avatar),
        prop::option::of(endpoints),
    )
        .prop_map(|(d, base, auth, sign_in, avatar, endpoints)| {
            let mut o = serde_json::Map::new();
            o.insert("dialect".into(), d.unwrap_or_else(|| Value::from("pwgen")));
            base.map(|v| o.insert("api_base_url".into(), v));
            auth.map(|v| o.insert("auth".into(), v));
            sign_in.map(|v| o.insert("sign_in".into(), v));
            avatar.map(|v| o.insert("avatar".into(), v));
            endpoints.map(|v| o.insert("endpoints".into(), v));
            Value::Object(o).to_string()
        })
}

// ---------------------------------------------------------------- checks

fn today() -> Date {
    Date::new(2025, 6, 1).unwrap()
}

fn check_message(m: &Message) -> Result<(), TestCaseError> {
    if let Some(key) = m.key() {
        prop_assert!(messages::english(key).is_some(), "rule key without English text: {key}");
    }
    let _ = m.to_english();
    Ok(())
}

/// The `@` of an address that are not inside a quoted local part (`"…"`,
/// with `\` escaping the next character): a valid address has exactly one.
fn unquoted_ats(text: &str) -> usize {
    let (mut quoted, mut escaped, mut n) = (false, false, 0);
    for c in text.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            '@' if !quoted => n += 1,
            _ => {}
        }
    }
    n
}

/// `email_rule` against oracles that do not go through `is_valid_email`:
/// its refusal is exactly the `error.invalid_email` message; text without
/// an `@` is refused; an accepted address has one `@` outside quotes with
/// something on both sides; and an ASCII-alphanumeric local part at
/// `example.com` is accepted. (Django's own verdicts are checked by
/// tests/django_corpus.rs.)
fn check_email_rule(text: &str) -> Result<(), TestCaseError> {
    match rules::email_rule(text) {
        Some(m) => {
            prop_assert_eq!(&m, &Message::rule("error.invalid_email"), "email_rule's refusal of {:?}", text);
            check_message(&m)?;
        }
        None => {
            prop_assert!(text.contains('@'), "email_rule accepts {:?}, which has no @", text);
            prop_assert_eq!(unquoted_ats(text), 1, "email_rule accepts {:?}: not one @ outside quotes", text);
            prop_assert!(!text.starts_with('@') && !text.ends_with('@'), "email_rule accepts {:?}", text);
            prop_assert!(pychar::len(text) <= 320, "email_rule accepts {:?}, over 320 characters", text);
        }
    }
    let local: String = text.chars().filter(char::is_ascii_alphanumeric).take(64).collect();
    if !local.is_empty() {
        let address = format!("{local}@example.com");
        prop_assert!(rules::email_rule(&address).is_none(), "email_rule refuses {:?}", address);
    }
    Ok(())
}

/// `username_rule` against an oracle for the ASCII part of Django's
/// `^[\w.@+-]+\Z`, which `\w`'s Unicode reading does not change: its
/// refusal is exactly the `error.invalid_username` message; the empty text
/// and any text with an ASCII character outside letters, digits and
/// `@.+-_` (space, `/`, `#`, controls…) are refused; text made only of
/// those is accepted at any length (the length is `max_length`'s rule).
/// Non-ASCII verdicts are checked against Django by tests/django_corpus.rs.
fn check_username_rule(text: &str) -> Result<(), TestCaseError> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || "@.+-_".contains(c);
    let verdict = rules::username_rule(text);
    if let Some(m) = &verdict {
        prop_assert_eq!(m, &Message::rule("error.invalid_username"), "username_rule's refusal of {:?}", text);
        check_message(m)?;
    }
    if text.is_empty() || text.chars().any(|c| c.is_ascii() && !allowed(c)) {
        prop_assert!(verdict.is_some(), "username_rule accepts {:?}", text);
    }
    let name: String = text.chars().filter(|&c| allowed(c)).collect();
    if !name.is_empty() {
        prop_assert!(rules::username_rule(&name).is_none(), "username_rule refuses {:?}", name);
        let spaced = format!("{name} {name}");
        prop_assert!(rules::username_rule(&spaced).is_some(), "username_rule accepts {:?}", spaced);
    }
    Ok(())
}

#[test]
fn fuzz_validators() {
    fuzz(
        "validators",
        share(400),
        WASM_STACK,
        || {
            let text = validator_text(corpus_seeds()).boxed();
            (text.clone(), dialect(), prop::collection::vec((any::<prop::sample::Index>(), field_value(text)), 1..6))
        },
        |(text, d, picks)| {
            let (text, d) = (text.clone(), *d);
            // The single rules.
            check_email_rule(&text)?;
            let link = url::is_valid_url(&text);
            let django = url::is_django_url(&text, url::DJANGO_DEFAULT_SCHEMES);
            prop_assert!(!link || django, "an http(s) link Django refuses: {:?}", text);
            match (link, rules::url_rule(&text).as_ref().and_then(Message::key)) {
                (true, None) | (false, Some("error.url_scheme" | "error.invalid_url")) => {}
                other => prop_assert!(false, "url_rule disagrees: {:?} for {:?}", other, text),
            }
            if let Some(date) = Date::parse(&text) {
                prop_assert_eq!(date.to_string(), text.clone());
            }
            let _ = rules::date_rule(&text, true, today());
            check_username_rule(&text)?;
            let _ = (ip::is_ipv4(&text), ip::is_ipv6(&text), ip::is_django_ipv46(&text));
            let _ = (pychar::strip(&text), pychar::len(&text), pychar::lower_len(&text));

            // Every catalogue rule of the dialect, through `validate`.
            let specs = catalogue(d);
            let mut form = FormValues::new();
            for (i, v) in picks {
                form.set(&specs[i.index(specs.len())].path, v.clone());
            }
            form.set(&specs[picks[0].0.index(specs.len())].path, FieldValue::Text(text.clone()));
            let errors = validate(d, &form, today());
            for (path, ms) in errors.iter() {
                let owner = specs
                    .iter()
                    .find(|s| path == s.path || path.strip_prefix(s.path.as_str()).is_some_and(|r| r.starts_with('.')));
                prop_assert!(owner.is_some_and(|s| s.editable()), "error at {} which {} does not edit", path, d.name);
                for m in ms {
                    check_message(m)?;
                }
            }
            prop_assert!(errors.form().is_empty());
            let _ = validate_changes(d, &FormValues::new(), &form, today());
            let _ = patch(d, &FormValues::new(), &form);
            Ok(())
        },
    );
}

fn check_parsed(status: u16, ct: Option<&str>, body: &str, retry: Option<u64>) -> Result<(), TestCaseError> {
    let e = parse_error(status, ct, body, retry);
    prop_assert!(!e.errors.is_empty(), "nothing to show for {} {:?}", status, body);
    prop_assert_eq!(e.status, status);
    let by_status = ErrorKind::from_status(status, retry);
    match (by_status, e.kind) {
        (a, b) if a == b => {}
        (ErrorKind::Forbidden, ErrorKind::Csrf) | (ErrorKind::Validation, ErrorKind::Malformed) => {}
        other => prop_assert!(false, "kind {:?} for status {}", other, status),
    }
    for m in e.errors.form() {
        check_message(m)?;
    }
    let back: ApiError = serde_json::from_str(&serde_json::to_string(&e).unwrap()).unwrap();
    prop_assert_eq!(&back, &e);
    for d in shipped::all() {
        let mut placed = e.errors.clone();
        place_errors(d, &mut placed);
        prop_assert_eq!(placed.len(), e.errors.len(), "place_errors lost or made messages");
    }
    Ok(())
}

#[test]
fn fuzz_error_parser() {
    fuzz(
        "parse_error",
        share(400),
        WASM_STACK,
        || {
            (
                prop_oneof![3 => prop::sample::select(vec![400u16, 401, 403, 404, 413, 415, 429, 500, 502, 200]), 1 => any::<u16>()],
                content_type(),
                error_body(),
                prop::option::of(any::<u64>()),
            )
        },
        |(status, ct, body, retry)| check_parsed(*status, ct.as_deref(), body, *retry),
    );
}

/// The worst nesting serde_json lets through (127 and 128 levels, and
/// envelopes in strings), on a quarter of wasm's stack.
#[test]
fn deep_nesting_fits_a_quarter_of_the_wasm_stack() {
    fuzz(
        "deep_nesting",
        share(20).max(64),
        WASM_STACK / 4,
        || prop_oneof![deep_json(), nested_string_envelopes()],
        |body| {
            check_parsed(400, Some("application/json"), body, None)?;
            let _ = shipped::config(body);
            let _ = parse_dialect(body);
            Ok(())
        },
    );
}

/// The shipped dialect files, the seeds for the dialect parser.
fn dialect_seeds() -> Vec<String> {
    SHIPPED_NAMES.iter().map(|n| shipped::text(n).unwrap().to_string()).collect()
}

const SHIPPED_NAMES: [&str; 5] = profile_model::dialect::SHIPPED;

#[test]
fn fuzz_dialect_parser() {
    fuzz(
        "parse_dialect",
        share(120),
        WASM_STACK,
        || prop_oneof![6 => mutated(dialect_seeds()), 1 => "\\PC{0,80}", 1 => deep_json()],
        |text| {
            match parse_dialect(text) {
                Ok(d) => {
                    // What the app relies on from an accepted file.
                    prop_assert!(!d.fields.is_empty() && !d.name.is_empty());
                    for f in &d.fields {
                        prop_assert!(f.kind != FieldKind::Choice || !f.choices.is_empty(), "{:?}", f);
                        prop_assert!(f.path.split('.').all(|p| !p.is_empty()), "{:?}", f);
                    }
                    if let Some(p) = &d.photo.field {
                        prop_assert!(d.fields.iter().any(|f| &f.path == p && f.kind == FieldKind::File));
                    }
                    let d: &'static Dialect = d.leak();
                    let c = AppConfig::defaults(d);
                    let values = from_answer_of(d);
                    let _ = validate(d, &values, today());
                    let _ = patch(d, &FormValues::new(), &values);
                    let _ = c.avatar_field();
                    // An account call always comes with its body's keys.
                    prop_assert_eq!(c.password_change().is_some(), d.endpoints.password_change.is_some());
                    prop_assert_eq!(c.delete_account().is_some(), d.endpoints.delete_account.is_some());
                }
                Err(e) => prop_assert!(!e.message.is_empty() && e.to_string().starts_with("dialect file")),
            }
            Ok(())
        },
    );
}

/// Every field of `d` with a value of its kind's shape.
fn from_answer_of(d: &Dialect) -> FormValues {
    let mut answer = serde_json::Map::new();
    for f in &d.fields {
        answer.insert(f.name().to_string(), json!("x"));
    }
    profile_model::values::from_answer(d, &Value::Object(answer))
}

#[test]
fn fuzz_config_parser() {
    fuzz(
        "parse_config",
        share(180),
        WASM_STACK,
        || prop_oneof![3 => config_doc(), 3 => mutated(config_seeds()), 1 => "\\PC{0,80}", 1 => deep_json()],
        |text| {
            match shipped::config(text) {
                Ok(c) => {
                    let eps = &c.endpoints;
                    let all = [
                        Some(&eps.read),
                        Some(&eps.update),
                        eps.sign_in.as_ref(),
                        eps.sign_out.as_ref(),
                        eps.refresh.as_ref(),
                        eps.csrf.as_ref(),
                    ];
                    for ep in all.into_iter().flatten() {
                        prop_assert!(
                            ep.path.starts_with('/') && ep.path.ends_with('/') && !ep.path.starts_with("//"),
                            "{:?}",
                            ep
                        );
                        prop_assert!(
                            ["GET", "POST", "PUT", "PATCH", "DELETE"].contains(&ep.method.as_str()),
                            "{:?}",
                            ep
                        );
                    }
                    prop_assert!(!c.api_base_url.ends_with('/'));
                    if matches!(c.auth, AuthMode::Bearer | AuthMode::Token) {
                        prop_assert!(eps.sign_in.is_none() || c.sign_in.token_field.is_some());
                    }
                    if let Some(f) = &c.avatar.field {
                        prop_assert!(c.avatar_field().is_some_and(|s| &s.path == f && s.kind == FieldKind::File));
                    }
                    prop_assert!(!c.avatar.accepted_types.is_empty() && c.avatar.max_bytes > 0);
                    let _ = c.url(&eps.update, Some("1"));
                }
                Err(e) => prop_assert!(!e.message.is_empty() && !e.to_string().is_empty()),
            }
            Ok(())
        },
    );
}

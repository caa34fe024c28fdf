//! Agreement with Django itself: `django_corpus/corpus.json` holds Django's
//! verdicts (written by `django_corpus/generate.py`, which runs Django from
//! PyPI); the Rust validators must give the same verdict on every entry.

use profile_model::{email, pychar, url, validate::rules};
use serde_json::Value;

fn corpus() -> Value {
    serde_json::from_str(include_str!("django_corpus/corpus.json")).expect("corpus.json parses")
}

fn entries<'a>(c: &'a Value, key: &str) -> &'a Vec<Value> {
    c[key].as_array().expect("list")
}

/// Checks every entry, prints the figure, fails listing the disagreements.
fn agree(name: &str, rows: &[Value], column: usize, ours: impl Fn(&str) -> bool) -> (usize, usize) {
    let mut wrong = Vec::new();
    for row in rows {
        let input = row[0].as_str().unwrap();
        let django = row[column].as_bool().unwrap();
        if ours(input) != django {
            wrong.push(format!("{input:?}: Django says {django}"));
        }
    }
    let n = rows.len();
    println!("{name}: {}/{n} agree ({:.2}%)", n - wrong.len(), 100.0 * (n - wrong.len()) as f64 / n as f64);
    (n, wrong.len())
}

fn assert_all_agree(name: &str, rows: &[Value], column: usize, ours: impl Fn(&str) -> bool) {
    let mut wrong = Vec::new();
    for row in rows {
        let input = row[0].as_str().unwrap();
        let django = row[column].as_bool().unwrap();
        if ours(input) != django {
            wrong.push(format!("{input:?}: Django says {django}"));
        }
    }
    agree(name, rows, column, ours);
    assert!(
        wrong.is_empty(),
        "{name}: {} disagreements, first ones:\n{}",
        wrong.len(),
        wrong[..wrong.len().min(25)].join("\n")
    );
}

#[test]
fn corpus_email_agrees_with_django_email_validator() {
    let c = corpus();
    println!("Django {} on Python {}", c["django"], c["python"]);
    assert_all_agree("EmailValidator", entries(&c, "email"), 1, email::is_valid_email);
}

#[test]
fn corpus_url_agrees_with_django_url_validator_default_schemes() {
    let c = corpus();
    assert_all_agree("URLValidator()", entries(&c, "url"), 1, |u| url::is_django_url(u, url::DJANGO_DEFAULT_SCHEMES));
}

#[test]
fn corpus_url_agrees_with_django_url_validator_http_only() {
    let c = corpus();
    assert_all_agree("URLValidator(schemes=[http, https])", entries(&c, "url"), 2, url::is_valid_url);
}

#[test]
fn corpus_username_agreement_is_reported() {
    let c = corpus();
    let (n, wrong) = agree("UnicodeUsernameValidator", entries(&c, "username"), 1, |u| {
        !u.is_empty() && rules::username_rule(u).is_none()
    });
    // `\w` is approximated with Unicode alphanumerics (no category tables
    // in the wasm): combining marks may differ, and the server decides.
    assert!(wrong * 5 <= n, "{wrong} of {n} usernames disagree");
}

fn hex_chars(c: &Value, key: &str) -> Vec<char> {
    c["charsets"][key]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| char::from_u32(u32::from_str_radix(h.as_str().unwrap(), 16).unwrap()).unwrap())
        .collect()
}

#[test]
fn corpus_python_character_sets_match() {
    let c = corpus();
    assert_eq!(hex_chars(&c, "py_space"), pychar::PY_SPACE);
    assert_eq!(hex_chars(&c, "nfkc_netloc_breakers"), pychar::NFKC_NETLOC_BREAKERS);
    assert_eq!(hex_chars(&c, "lower_len_not_1"), ['\u{130}']);
}

#[test]
fn corpus_is_substantial() {
    let c = corpus();
    let (e, u) = (entries(&c, "email"), entries(&c, "url"));
    let valid = |rows: &Vec<Value>| rows.iter().filter(|r| r[1].as_bool().unwrap()).count();
    println!("corpus: {} emails ({} valid), {} URLs ({} valid)", e.len(), valid(e), u.len(), valid(u));
    assert!(e.len() > 1000 && u.len() > 1000);
    assert!(valid(e) > 100 && valid(u) > 100);
}

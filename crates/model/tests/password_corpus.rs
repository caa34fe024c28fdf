//! Agreement with Django's `validate_password` (the four default
//! validators): `django_corpus/passwords.json` holds Django's answers,
//! written by `django_corpus/generate_passwords.py`, which runs Django from
//! PyPI; the Rust rules must give the same errors, codes and English
//! messages, in the same order, on every case.

use profile_model::password::{password_errors, PasswordError, UserAttribute, UserAttributes};
use profile_model::{pychar, shipped};
use serde_json::Value;
use std::collections::BTreeMap;

fn corpus() -> Value {
    serde_json::from_str(include_str!("django_corpus/passwords.json")).expect("passwords.json parses")
}

fn hex(v: &Value) -> char {
    char::from_u32(u32::from_str_radix(v.as_str().unwrap(), 16).unwrap()).unwrap()
}

fn user(v: &Value) -> UserAttributes<'_> {
    if v.is_null() {
        // Django's `if not user: return`: no attributes to compare.
        return UserAttributes::default();
    }
    let field = |name: &str| v[name].as_str().unwrap();
    UserAttributes {
        username: field("username"),
        first_name: field("first_name"),
        last_name: field("last_name"),
        email: field("email"),
    }
}

fn english(error: PasswordError) -> String {
    error.message().render(|_| None)
}

#[test]
fn corpus_agrees_with_django_validate_password() {
    let c = corpus();
    println!("Django {} on Python {} (Unicode {})", c["django"], c["python"], c["unicodedata"]);
    let list = shipped::common_passwords();
    let cases = c["cases"].as_array().unwrap();
    let mut wrong = Vec::new();
    for case in cases {
        let password = case[0].as_str().unwrap();
        let django: Vec<(String, String)> = case[2]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (e[0].as_str().unwrap().to_string(), e[1].as_str().unwrap().to_string()))
            .collect();
        let ours: Vec<(String, String)> = password_errors(password, &user(&case[1]), Some(list))
            .into_iter()
            .map(|e| (e.code().to_string(), english(e)))
            .collect();
        if ours != django {
            wrong.push(format!("{password:?} with {}: Django {django:?}, ours {ours:?}", case[1]));
        }
    }
    let n = cases.len();
    println!("validate_password: {}/{n} agree", n - wrong.len());
    assert!(
        wrong.is_empty(),
        "{} disagreements, first ones:\n{}",
        wrong.len(),
        wrong[..wrong.len().min(25)].join("\n")
    );
}

#[test]
fn corpus_covers_every_rule_and_acceptance() {
    let c = corpus();
    let cases = c["cases"].as_array().unwrap();
    let mut codes: BTreeMap<&str, usize> = BTreeMap::new();
    for case in cases {
        for e in case[2].as_array().unwrap() {
            *codes.entry(e[0].as_str().unwrap()).or_default() += 1;
        }
    }
    let accepted = cases.iter().filter(|case| case[2].as_array().unwrap().is_empty()).count();
    println!("corpus: {} cases, {accepted} accepted, errors {codes:?}", cases.len());
    assert!(cases.len() > 3000 && accepted > 500);
    for code in ["password_too_similar", "password_too_short", "password_too_common", "password_entirely_numeric"] {
        assert!(codes.get(code).copied().unwrap_or(0) > 200, "few {code} cases: {codes:?}");
    }
}

#[test]
fn shipped_list_is_djangos_list() {
    let c = corpus();
    let list = shipped::common_passwords();
    assert_eq!(list.len() as u64, c["common_passwords"].as_u64().unwrap());
    assert!(list.contains("password") && list.contains("PASSWORD ") && !list.contains("correct horse battery staple"));
}

#[test]
fn python_isdigit_table_matches() {
    let c = corpus();
    assert_eq!(ranges(&c, "py_digit"), pychar::PY_DIGIT);
}

fn ranges(c: &Value, key: &str) -> Vec<(char, char)> {
    c["charsets"][key].as_array().unwrap().iter().map(|r| (hex(&r[0]), hex(&r[1]))).collect()
}

fn in_ranges(ranges: &[(char, char)], c: char) -> bool {
    ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi)
}

/// The characters this Python's Unicode (14 for Python 3.11) assigns; for
/// the ones Unicode added since, Rust's newer tables answer and a newer
/// Python would mostly agree with them.
fn assigned_in_python(c: &Value) -> impl Fn(char) -> bool {
    let unassigned = ranges(c, "py_unassigned");
    move |ch| !in_ranges(&unassigned, ch)
}

/// Ranges of assigned code points where `ours` and Python's `python`
/// disagree, written as Rust source for a table.
fn differences(c: &Value, python: &[(char, char)], ours: impl Fn(char) -> bool) -> Vec<String> {
    let assigned = assigned_in_python(c);
    let mut out = Vec::new();
    let mut run: Option<(char, char)> = None;
    for ch in (0..=0x10ffff).filter_map(char::from_u32).filter(|&ch| assigned(ch)) {
        if ours(ch) != in_ranges(python, ch) {
            run = match run {
                Some((lo, hi)) if hi as u32 + 1 == ch as u32 => Some((lo, ch)),
                Some((lo, hi)) => {
                    out.push(format!("('\\u{{{:x}}}', '\\u{{{:x}}}')", lo as u32, hi as u32));
                    Some((ch, ch))
                }
                None => Some((ch, ch)),
            };
        }
    }
    if let Some((lo, hi)) = run {
        out.push(format!("('\\u{{{:x}}}', '\\u{{{:x}}}')", lo as u32, hi as u32));
    }
    out
}

#[test]
fn python_word_characters_match() {
    let c = corpus();
    let wrong = differences(&c, &ranges(&c, "py_word"), pychar::is_word);
    assert!(wrong.is_empty(), "is_word differs from Python's \\w on {} ranges:\n{}", wrong.len(), wrong.join(",\n"));
}

#[test]
fn python_lower_matches() {
    let c = corpus();
    let python: BTreeMap<char, String> = c["charsets"]["py_lower"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (hex(&p[0]), p[1].as_str().unwrap().to_string()))
        .collect();
    let assigned = assigned_in_python(&c);
    let wrong: Vec<String> = (0..=0x10ffff)
        .filter_map(char::from_u32)
        .filter(|&ch| assigned(ch))
        .filter(|&ch| {
            let expected = python.get(&ch).cloned().unwrap_or_else(|| ch.to_string());
            ch.to_lowercase().collect::<String>() != expected
        })
        .map(|ch| format!("U+{:04X}", ch as u32))
        .collect();
    assert!(wrong.is_empty(), "to_lowercase differs from Python's lower() on {}: {}", wrong.len(), wrong.join(" "));
}

/// The app's translation tables (`src/i18n/*.json`) say what Django says in
/// that language. They live in the app crate, whose own translation tests
/// run in a browser; this reads them as files so `cargo test` checks them.
#[test]
fn app_translations_are_djangos_words() {
    let c = corpus();
    let mut errors = vec![
        PasswordError::TooShort { min_length: profile_model::password::MIN_LENGTH },
        PasswordError::TooShort { min_length: 1 },
        PasswordError::TooCommon,
        PasswordError::EntirelyNumeric,
    ];
    errors.extend(UserAttribute::ALL.map(PasswordError::TooSimilar));
    let english_singular: fn(u64) -> bool = |n| n == 1;
    // Persian keeps the noun singular after every number.
    let never_singular: fn(u64) -> bool = |_| false;
    let mut checked = 0;
    for (lang, singular) in [("en", english_singular), ("fa", never_singular), ("es", english_singular)] {
        let path = format!("{}/../../src/i18n/{lang}.json", env!("CARGO_MANIFEST_DIR"));
        let table: BTreeMap<String, String> =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).expect("a translation table");
        let django = &c["messages"][lang];
        for &error in &errors {
            let column = match error {
                PasswordError::TooSimilar(attribute) => format!("password_too_similar.{}", attribute.name()),
                PasswordError::TooShort { min_length } => {
                    let one = if min_length == 1 { ".one" } else { "" };
                    // Django 5 reworded this msgid and the fa catalogue
                    // still has only the older one, so Django itself
                    // answers in English there; the app shows the
                    // catalogue's Persian.
                    let older = if lang == "fa" { " (older msgid)" } else { "" };
                    format!("password_too_short{one}{older}")
                }
                _ => error.code().to_string(),
            };
            let ours = error.message().render_counted(|key| table.get(key).cloned(), singular);
            assert_eq!(ours, django[&column].as_str().unwrap(), "{lang}: {column}");
            checked += 1;
        }
    }
    println!("{checked} translated messages are Django's");
}

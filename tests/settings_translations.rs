//! Translation completeness: every language file (en, fa, es) has the same keys and
//! the same `{placeholders}`, no empty texts, and cover every key the
//! model crate can emit (rule messages, catalogue labels, sections,
//! pages, choice options), every key of the settings page's own enums, and
//! every key the app's source names literally (listed by `build.rs`).

use profile_model::shipped;
use std::collections::{BTreeMap, BTreeSet};

use profile_app::i18n::{choice_key, Locale, Table};
use profile_app::theme::ThemeChoice;
use profile_model::catalogue::{catalogue, Page, Section};
use profile_model::messages;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn keys(locale: Locale) -> BTreeSet<String> {
    texts(locale).into_keys().collect()
}

fn texts(locale: Locale) -> BTreeMap<String, String> {
    locale.texts().expect("test builds bundle every language").entries().into_iter().collect()
}

/// Every key the app must be able to show, from the model crate and the
/// settings page's own enums.
fn required_keys() -> BTreeSet<String> {
    let mut required: BTreeSet<String> = messages::ENGLISH.iter().map(|(k, _)| k.to_string()).collect();
    for &dialect in shipped::all() {
        for field in catalogue(dialect) {
            required.insert(field.label_key());
            for option in &field.choices {
                required.insert(choice_key(field.name(), option));
            }
        }
    }
    required.extend(Section::ALL.map(|s| s.label_key()));
    required.extend(Page::ALL.map(|p| p.label_key().to_string()));
    required.extend(ThemeChoice::ALL.map(|c| c.label_key().to_string()));
    required.extend(Locale::ALL.map(|l| l.name_key().to_string()));
    required
}

fn placeholders(text: &str) -> BTreeSet<&str> {
    text.split('{').skip(1).filter_map(|rest| rest.split_once('}').map(|(name, _)| name)).collect()
}

#[wasm_bindgen_test]
fn every_language_has_the_same_keys_as_english() {
    let en = keys(Locale::En);
    for locale in Locale::ALL {
        let other = keys(locale);
        let missing: Vec<_> = en.difference(&other).collect();
        let extra: Vec<_> = other.difference(&en).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{0}.json misses {missing:?}; has keys en.json does not: {extra:?}",
            locale.code()
        );
    }
}

#[wasm_bindgen_test]
fn every_model_message_and_catalogue_label_is_translated() {
    for locale in Locale::ALL {
        let have = keys(locale);
        let missing: Vec<_> = required_keys().into_iter().filter(|k| !have.contains(k)).collect();
        assert!(missing.is_empty(), "{}.json misses {missing:?}", locale.code());
    }
}

#[wasm_bindgen_test]
fn translations_keep_the_placeholders_and_are_not_empty() {
    for locale in Locale::ALL {
        let translated = texts(locale);
        for (key, en) in texts(Locale::En) {
            let text = &translated[&key];
            assert!(!en.trim().is_empty() && !text.trim().is_empty(), "{}: empty text for {key}", locale.code());
            assert_eq!(
                placeholders(&en),
                placeholders(text),
                "{}: placeholders of {key} differ: {en:?} / {text:?}",
                locale.code()
            );
        }
    }
}

#[wasm_bindgen_test]
fn english_rule_messages_match_the_model_crate() {
    // One source of truth for the English rule texts: the model crate.
    for (key, text) in messages::ENGLISH {
        assert_eq!(
            Locale::En.texts().unwrap().get(key).as_deref(),
            Some(*text),
            "en.json differs from the model for {key}"
        );
    }
}

/// `file<TAB>key` for each key literal in `src/`, outside unit tests.
const LITERAL_KEYS: &str = include_str!(concat!(env!("OUT_DIR"), "/literal_keys.txt"));

#[wasm_bindgen_test]
fn every_key_the_source_names_is_translated() {
    let literal: Vec<(&str, &str)> = LITERAL_KEYS.lines().filter_map(|line| line.split_once('\t')).collect();
    // The scan itself: keys these files name today (in a view, a
    // `Message::rule`, a `format!` argument).
    for expected in [
        ("src/components/sign_in_form.rs", "sign_in.title"),
        ("src/components/avatar/prepared.rs", "avatar.error.unreadable"),
        ("src/components/section_nav.rs", "section_nav.attention"),
        ("src/shell.rs", "app.name"),
    ] {
        assert!(literal.contains(&expected), "build.rs did not list {expected:?}");
    }
    assert!(literal.len() > 100, "only {} key literals listed", literal.len());
    for locale in Locale::ALL {
        let have = keys(locale);
        let missing: Vec<String> = literal
            .iter()
            .filter(|(_, key)| !have.contains(*key))
            .map(|(file, key)| format!("{key} ({file})"))
            .collect();
        assert!(missing.is_empty(), "{}.json misses {missing:?}", locale.code());
    }
}

#[wasm_bindgen_test]
fn a_table_answers_with_its_texts_only() {
    let table = Table::from_json(r#"{"a": "A", "n": 1, "o": {"x": "y"}, "empty": ""}"#).expect("an object");
    assert_eq!(table.get("a").as_deref(), Some("A"));
    assert_eq!(table.get("empty").as_deref(), Some(""));
    // Not text, missing, or a name every object inherits: no text, so the
    // caller falls back to English, then to the key.
    for key in ["n", "o", "missing", "constructor", "toString", "__proto__"] {
        assert_eq!(table.get(key), None, "{key}");
    }
    assert_eq!(table.entries(), [("a".to_string(), "A".to_string()), ("empty".to_string(), String::new())]);
    for not_a_table in ["[]", r#"["a"]"#, r#""text""#, "1", "null", "{", ""] {
        assert!(Table::from_json(not_a_table).is_none(), "{not_a_table:?} was taken for a table");
    }
}

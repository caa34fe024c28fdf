//! Translation completeness: every language file (en, fa, es) has the same keys and
//! the same `{placeholders}`, no empty texts, and cover every key the
//! model crate can emit (rule messages, catalogue labels, sections,
//! pages, choice options), every key of the settings page's own enums, and
//! every key the app's source names literally (listed by `build.rs`).

use profile_model::shipped;
use std::collections::BTreeSet;

use profile_app::i18n::{choice_key, Locale};
use profile_app::theme::ThemeChoice;
use profile_model::catalogue::{catalogue, Page, Section};
use profile_model::messages;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn keys(locale: Locale) -> BTreeSet<&'static str> {
    locale.texts().expect("test builds bundle every language").keys().map(String::as_str).collect()
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
        let missing: Vec<_> = required_keys().into_iter().filter(|k| !have.contains(k.as_str())).collect();
        assert!(missing.is_empty(), "{}.json misses {missing:?}", locale.code());
    }
}

#[wasm_bindgen_test]
fn translations_keep_the_placeholders_and_are_not_empty() {
    for locale in Locale::ALL {
        for (key, en) in Locale::En.texts().unwrap() {
            let text = &locale.texts().unwrap()[key];
            assert!(!en.trim().is_empty() && !text.trim().is_empty(), "{}: empty text for {key}", locale.code());
            assert_eq!(
                placeholders(en),
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
            Locale::En.texts().unwrap().get(*key).map(String::as_str),
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
            .filter(|(_, key)| !have.contains(key))
            .map(|(file, key)| format!("{key} ({file})"))
            .collect();
        assert!(missing.is_empty(), "{}.json misses {missing:?}", locale.code());
    }
}

//! Property tests: nothing panics on any input, and patches are exact.

use profile_model::catalogue::{catalogue, FieldKind, FieldSpec};
use profile_model::shipped;
#[path = "wire/mod.rs"]
mod wire;
use profile_model::*;
use proptest::prelude::*;
use serde_json::{json, Value};

fn today() -> Date {
    Date::new(2025, 6, 1).unwrap()
}

/// Text that likes the edges: blanks, unicode, separators, long runs.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("  ".to_string()),
        "\\PC{0,12}",
        "[a-z@.:/\\[\\] -]{0,30}",
        "\\s{0,2}[a-zA-Z0-9éü]{1,8}\\s{0,2}",
        "[0-9]{4}-[0-9]{2}-[0-9]{2}",
        "(https?|ftp)://[a-z0-9.-]{1,20}(:[0-9]{1,6})?(/[\\PC]{0,8})?",
        "[a-z+.]{1,10}@[a-z0-9.-]{1,12}",
        "[a-z]{50,60}",
    ]
}

fn any_field_value() -> impl Strategy<Value = FieldValue> {
    prop_oneof![
        Just(FieldValue::Null),
        text().prop_map(FieldValue::Text),
        any::<bool>().prop_map(FieldValue::Bool),
        prop::collection::vec(text(), 0..4).prop_map(FieldValue::List),
    ]
}

/// A value of the right shape for the field (what the UI can produce).
fn value_for(spec: &FieldSpec) -> BoxedStrategy<FieldValue> {
    match spec.kind {
        FieldKind::Bool => prop_oneof![Just(FieldValue::Null), any::<bool>().prop_map(FieldValue::Bool)].boxed(),
        FieldKind::List => {
            prop_oneof![Just(FieldValue::Null), prop::collection::vec(text(), 0..4).prop_map(FieldValue::List)].boxed()
        }
        _ => prop_oneof![Just(FieldValue::Null), text().prop_map(FieldValue::Text)].boxed(),
    }
}

fn form(dialect: &Dialect) -> impl Strategy<Value = Vec<FieldValue>> {
    catalogue(dialect).iter().map(value_for).collect::<Vec<_>>()
}

fn to_form(dialect: &Dialect, values: Vec<FieldValue>) -> FormValues {
    let mut f = FormValues::new();
    for (spec, v) in catalogue(dialect).iter().zip(values) {
        f.set(&spec.path, v);
    }
    f
}

fn dialect() -> impl Strategy<Value = &'static Dialect> {
    prop::sample::select(shipped::all().to_vec())
}

/// Any JSON, a few levels deep.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 40, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop_oneof![
                        Just("error".to_string()),
                        Just("detail".to_string()),
                        Just("details".to_string()),
                        Just("non_field_errors".to_string()),
                        Just("message".to_string()),
                        Just("code".to_string()),
                        Just("string".to_string()),
                        "[a-z_]{1,8}",
                        "[0-9]"
                    ],
                    inner
                ),
                0..5
            )
            .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn validators_never_panic(s in "\\PC*", t in text()) {
        for input in [&s, &t] {
            let _ = email::is_valid_email(input);
            let _ = url::is_valid_url(input);
            let _ = url::is_django_url(input, url::DJANGO_DEFAULT_SCHEMES);
            let _ = Date::parse(input);
            let _ = ip::is_ipv6(input);
        }
    }

    #[test]
    fn field_validation_never_panics(d in dialect(), v in any_field_value()) {
        for spec in catalogue(d) {
            let _ = validate_field(spec, &v, today());
        }
    }

    #[test]
    fn error_parser_never_panics_and_always_says_something(
        status in prop_oneof![100u16..600, any::<u16>()],
        ct in prop::option::of(prop_oneof![Just("application/json".to_string()), Just("text/html".to_string()), "\\PC{0,20}"]),
        body in prop_oneof![json_value().prop_map(|v| v.to_string()), "\\PC{0,200}", "<[a-z]{1,5}>\\PC{0,20}"],
        retry in prop::option::of(any::<u64>()),
    ) {
        let e = parse_error(status, ct.as_deref(), &body, retry);
        prop_assert!(!e.errors.is_empty());
        prop_assert_eq!(e.status, status);
    }

    #[test]
    fn config_parser_never_panics(
        raw in "\\PC{0,80}",
        doc in json_value(),
        d in dialect(),
        key in prop::sample::select(vec!["api_base_url", "auth", "sign_in", "avatar", "endpoints", "dialect"]),
        value in json_value(),
    ) {
        let _ = shipped::config(&raw);
        let _ = shipped::config(&doc.to_string());
        let mut obj = json!({"dialect": d.name});
        obj[key] = value;
        if let Err(e) = shipped::config(&obj.to_string()) {
            prop_assert!(!e.message.is_empty());
        }
    }

    #[test]
    fn answers_of_any_shape_read_without_panic(d in dialect(), answer in json_value()) {
        let v = values::from_answer(d, &answer);
        prop_assert_eq!(v.iter().count(), catalogue(d).len());
    }

    /// A patch computed from (a, b), applied to a, gives b (normalized:
    /// a blank nullable text is null). b changes only what a person can
    /// change: editable fields, and files only by clearing.
    #[test]
    fn patch_from_a_to_b_applied_to_a_gives_b(
        (d, a, b, clear) in dialect().prop_flat_map(|d| (Just(d), form(d), form(d), any::<bool>()))
    ) {
        let a = to_form(d, a);
        let mut b = to_form(d, b);
        for spec in catalogue(d) {
            let keep_a = !spec.in_json_patch() || (spec.kind == FieldKind::File && !clear);
            if keep_a {
                b.set(&spec.path, a.get(&spec.path).cloned().unwrap());
            } else if spec.kind == FieldKind::File {
                b.set(&spec.path, FieldValue::Null);
            }
        }
        let p = patch(d, &a, &b);
        let applied = apply_patch(d, &a, &p);
        prop_assert_eq!(applied.normalized(d), b.normalized(d));
        // Minimal: nothing changed, nothing sent.
        prop_assert_eq!(patch(d, &b, &b), json!({}));
        // And the body fits the dialect's typed write struct exactly.
        prop_assert_eq!(typed_round_trip(d, &p), p);
    }
}

/// Parses a body into the dialect's typed write type and back.
fn typed_round_trip(d: &Dialect, p: &Value) -> Value {
    fn via<T: serde::de::DeserializeOwned + serde::Serialize>(p: &Value) -> Value {
        serde_json::to_value(serde_json::from_value::<T>(p.clone()).unwrap()).unwrap()
    }
    match d.name.as_str() {
        "letraz" => via::<wire::letraz::PatchedUserUpsert>(p),
        "aisquare-profile" => via::<wire::aisquare::PatchedUserProfileUpdate>(p),
        "aisquare-details" => via::<wire::aisquare::PatchedIAMUserDetail>(p),
        "pwgen" => via::<wire::pwgen::UserUpdate>(p),
        "users-me" => via::<wire::users_me::UserUpdate>(p),
        other => panic!("no wire types for {other}"),
    }
}

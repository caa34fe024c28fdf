//! A small DRF `Serializer(partial=True)`: turns `request.data` into field
//! changes or DRF-shaped field errors.
//!
//! Which fields exist, which are nullable or required, and every format rule
//! (email, URL, username, length, choice, date) come from the model crate's
//! catalogue and validators, so the browser and this server judge alike.
//! What stays here is DRF's own behaviour: type coercion (trimmed strings,
//! form booleans, `''` as null in forms, lists), and Django's wording of the
//! messages.

use crate::Backend;
use profile_model::catalogue::{catalogue, FieldKind, FieldSpec};
use profile_model::{validate_field, Date, FieldValue, Message};
use serde_json::{Map, Value};

use crate::body::{Part, Payload, Upload};
use crate::drf::FieldErrors;

/// One validated change, keyed by the field's storage name (its last path
/// segment: aisquare stores `details.bio` and `bio` as the same `bio`).
#[derive(Clone, Debug)]
pub enum Change {
    Set(Value),
    /// New avatar file, or `None` to remove it.
    Avatar(Option<Upload>),
}

pub type Changes = Vec<(&'static FieldSpec, Change)>;

/// One field's raw input.
#[derive(Clone, Debug)]
enum Raw {
    Json(Value),
    Text(String),
    Texts(Vec<String>),
    File(Upload),
}

/// Validates the editable fields of `dialect` present in `payload`.
pub fn validate(dialect: Backend, payload: &Payload) -> Result<Changes, FieldErrors> {
    let mut errors = FieldErrors::default();
    let mut changes = Vec::new();
    if let Payload::Json(v) = payload {
        if !v.is_object() {
            errors.add("non_field_errors", format!("Invalid data. Expected a dictionary, but got {}.", python_type(v)));
            return Err(errors);
        }
    }
    let today = Date::from_unix_seconds(crate::clock::unix_now()).unwrap_or(Date { year: 2000, month: 1, day: 1 });
    for spec in catalogue(dialect.dialect()).iter().filter(|s| !s.read_only) {
        let Some(raw) = raw_value(payload, spec) else {
            continue;
        };
        match coerce(dialect, spec, raw, today) {
            Ok(Some(change)) => changes.push((spec, change)),
            Ok(None) => {}
            Err(messages) => messages.into_iter().for_each(|(path, m)| errors.add(&path, m)),
        }
    }
    if errors.is_empty() {
        Ok(changes)
    } else {
        Err(errors)
    }
}

fn raw_value(payload: &Payload, spec: &FieldSpec) -> Option<Raw> {
    match payload {
        Payload::Json(v) => spec.path.split('.').try_fold(v, |v, k| v.get(k)).cloned().map(Raw::Json),
        // Forms name nested fields with dots (DRF's `parse_html_dict`).
        Payload::Form(parts) => {
            let mine = parts.iter().filter(|(k, _)| *k == spec.path).map(|(_, p)| p);
            if spec.kind == FieldKind::List {
                let texts: Vec<String> = mine
                    .filter_map(|p| match p {
                        Part::Text(s) => Some(s.clone()),
                        Part::File(_) => None,
                    })
                    .collect();
                return (!texts.is_empty()).then_some(Raw::Texts(texts));
            }
            // QueryDict's `[]` is the last value; files are merged after text.
            mine.last().map(|p| match p {
                Part::Text(s) => Raw::Text(s.clone()),
                Part::File(u) => Raw::File(u.clone()),
            })
        }
    }
}

fn python_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "NoneType",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_f64() => "float",
        Value::Number(_) => "int",
        Value::String(_) => "str",
        Value::Array(_) => "list",
        Value::Object(_) => "dict",
    }
}

pub const INVALID_IMAGE: &str =
    "Upload a valid image. The file you uploaded was either not an image or a corrupted image.";

type Errors = Vec<(String, String)>;

/// `Ok(None)` means "leave unchanged" (DRF's `empty`).
fn coerce(dialect: Backend, spec: &FieldSpec, raw: Raw, today: Date) -> Result<Option<Change>, Errors> {
    let one = |m: &str| Err(vec![(spec.path.to_string(), m.to_string())]);
    let raw = match raw {
        // Form input (DRF `Field.get_value`): '' on a nullable field is null;
        // on a non-nullable file it means "not given". users-me documents
        // `avatar=null` as the way to remove the avatar (its own view code);
        // elsewhere DRF's `FileField` calls the text "null" not a file.
        Raw::Text(s) if s.is_empty() && spec.nullable => Raw::Json(Value::Null),
        Raw::Text(s) if s.is_empty() && spec.kind == FieldKind::File => return Ok(None),
        Raw::Text(s) if dialect == Backend::UsersMe && spec.kind == FieldKind::File && spec.nullable && s == "null" => {
            Raw::Json(Value::Null)
        }
        other => other,
    };
    if let Raw::Json(Value::Null) = raw {
        if !spec.nullable {
            return one("This field may not be null.");
        }
        return Ok(Some(match spec.kind {
            FieldKind::File => Change::Avatar(None),
            _ => Change::Set(Value::Null),
        }));
    }
    let value = match (spec.kind, raw) {
        (FieldKind::File, Raw::File(u)) if u.bytes.is_empty() => return one("The submitted file is empty."),
        (FieldKind::File, Raw::File(u)) if profile_model::image::sniff(&u.bytes).is_none() => {
            return one(INVALID_IMAGE)
        }
        (FieldKind::File, Raw::File(u)) => return Ok(Some(Change::Avatar(Some(u)))),
        (FieldKind::File, _) => return one("The submitted data was not a file. Check the encoding type on the form."),
        (FieldKind::Bool, raw) => {
            let b = match &raw {
                Raw::Json(Value::Bool(b)) => Some(*b),
                Raw::Json(Value::Number(n)) if n.as_f64() == Some(1.0) => Some(true),
                Raw::Json(Value::Number(n)) if n.as_f64() == Some(0.0) => Some(false),
                Raw::Json(Value::String(s)) | Raw::Text(s) => form_bool(s),
                _ => None,
            };
            let null_word = matches!(&raw, Raw::Json(Value::String(s)) | Raw::Text(s) if matches!(s.as_str(), "null" | "Null" | "NULL"));
            match b {
                Some(b) => FieldValue::Bool(b),
                None if spec.nullable && null_word => return Ok(Some(Change::Set(Value::Null))),
                None => return one("Must be a valid boolean."),
            }
        }
        (FieldKind::List, raw) => {
            let items: Vec<Value> = match raw {
                Raw::Texts(t) => t.into_iter().map(Value::String).collect(),
                Raw::Text(t) => vec![Value::String(t)],
                Raw::Json(Value::Array(a)) => a,
                Raw::Json(v) => return one(&format!("Expected a list of items but got type \"{}\".", python_type(&v))),
                Raw::File(_) => return one("Expected a list of items but got type \"InMemoryUploadedFile\"."),
            };
            let mut out = Vec::new();
            let mut errs = Vec::new();
            for (i, item) in items.into_iter().enumerate() {
                match item {
                    Value::String(s) => out.push(profile_model::pychar::strip(&s).to_string()),
                    Value::Number(n) => out.push(n.to_string()),
                    _ => errs.push((format!("{}.{i}", spec.path), "Not a valid string.".to_string())),
                }
            }
            if !errs.is_empty() {
                return Err(errs);
            }
            FieldValue::List(out)
        }
        (_, Raw::Json(Value::String(s)) | Raw::Text(s)) => {
            FieldValue::Text(profile_model::pychar::strip(&s).to_string())
        }
        (FieldKind::Date, _) => return one(&django_text(&Message::rule("error.invalid_date"))),
        (_, Raw::Json(Value::Number(n))) => FieldValue::Text(n.to_string()),
        _ => return one("Not a valid string."),
    };
    // The shared rules, judged on the coerced value.
    let problems = validate_field(spec, &value, today);
    if !problems.is_empty() {
        return Err(problems.into_iter().map(|(path, m)| (path, django_text(&m))).collect());
    }
    let stored = match profile_model::values::normalize(spec, &value) {
        FieldValue::Null => Value::Null,
        v => v.to_json(),
    };
    Ok(Some(Change::Set(stored)))
}

/// A rule message as Django/DRF words it (a real backend's English).
pub fn django_text(m: &Message) -> String {
    let english = |key: &str| -> Option<String> {
        Some(
            match key {
                "error.required" => "This field may not be blank.",
                "error.invalid_url" | "error.url_scheme" => "Enter a valid URL.",
                "error.invalid_date" => "Date has wrong format. Use one of these formats instead: YYYY-MM-DD.",
                "error.wrong_type" => "Not a valid string.",
                _ => return None,
            }
            .to_string(),
        )
    };
    m.render(english)
}

/// DRF `BooleanField`'s accepted spellings.
pub fn form_bool(s: &str) -> Option<bool> {
    match s {
        "t" | "T" | "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" | "1" => {
            Some(true)
        }
        "f" | "F" | "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" | "0" => {
            Some(false)
        }
        _ => None,
    }
}

/// Applies validated `Set` changes to a user's data map.
pub fn apply(data: &mut Map<String, Value>, changes: &Changes) {
    for (spec, change) in changes {
        if let Change::Set(v) = change {
            data.insert(spec.name().to_string(), v.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn names(c: &Changes) -> Vec<(&str, Value)> {
        c.iter()
            .map(|(s, ch)| {
                (
                    s.path.as_str(),
                    match ch {
                        Change::Set(v) => v.clone(),
                        Change::Avatar(a) => json!(a.as_ref().map(|u| u.filename.clone())),
                    },
                )
            })
            .collect()
    }

    #[test]
    fn json_rules_come_from_the_catalogue() {
        let p = Payload::Json(json!({"first_name": "  Ann ", "email": "nope", "number_phone": "12345678901"}));
        let e = validate(Backend::Pwgen, &p).unwrap_err().into_value();
        assert_eq!(
            e,
            json!({"email": ["Enter a valid email address."],
                   "number_phone": ["Ensure this field has no more than 10 characters."]})
        );
        let ok = validate(Backend::Pwgen, &Payload::Json(json!({"first_name": " Ann "}))).unwrap();
        assert_eq!(names(&ok), vec![("first_name", json!("Ann"))]);
    }

    #[test]
    fn form_coercions() {
        let p = Payload::Form(vec![
            ("details.platform_features_emails".into(), Part::Text("false".into())),
            ("details.phone".into(), Part::Text("".into())),
            ("details.skills".into(), Part::Text("rust".into())),
            ("details.skills".into(), Part::Text(" sql ".into())),
        ]);
        let ok = validate(Backend::AisquareProfile, &p).unwrap();
        let got = names(&ok);
        assert!(got.contains(&("details.platform_features_emails", json!(false))));
        assert!(got.contains(&("details.phone", Value::Null)));
        assert!(got.contains(&("details.skills", json!(["rust", "sql"]))));
    }

    #[test]
    fn nested_errors_and_bad_booleans() {
        let p = Payload::Json(json!({"details": {"linkedin_url": "not a url", "activity_based_emails": "maybe"}}));
        let e = validate(Backend::AisquareProfile, &p).unwrap_err().into_value();
        assert_eq!(
            e,
            json!({"details": {"linkedin_url": ["Enter a valid URL."], "activity_based_emails": ["Must be a valid boolean."]}})
        );
    }

    #[test]
    fn null_rules() {
        let e = validate(Backend::Letraz, &Payload::Json(json!({"first_name": null}))).unwrap_err().into_value();
        assert_eq!(e, json!({"first_name": ["This field may not be null."]}));
        let ok =
            validate(Backend::UsersMe, &Payload::Form(vec![("avatar".into(), Part::Text("null".into()))])).unwrap();
        assert!(matches!(ok[0].1, Change::Avatar(None)));
        // pwgen's avatar is nullable too, but only users-me's view reads the
        // word "null": DRF's FileField calls it not a file.
        let e = validate(Backend::Pwgen, &Payload::Form(vec![("avatar".into(), Part::Text("null".into()))]))
            .unwrap_err()
            .into_value();
        assert_eq!(e, json!({"avatar": ["The submitted data was not a file. Check the encoding type on the form."]}));
        let ok = validate(Backend::Pwgen, &Payload::Json(json!({"avatar": null}))).unwrap();
        assert!(matches!(ok[0].1, Change::Avatar(None)));
    }
}

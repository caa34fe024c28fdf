//! A small DRF `ModelSerializer(partial=True)`: turns `request.data` into
//! field changes or DRF's field errors, with DRF's coercions (trimmed
//! strings, form booleans, `''` as null) and Django's messages.
//!
//! Stopgap: the format rules (email shape, length limits, choices) belong in
//! the model crate; once `profile_model` exposes its validation, the checks
//! below call it and only the rendering into Django's English stays here.

use serde_json::{Map, Value};

use crate::body::{Part, Payload, Upload};
use crate::drf::FieldErrors;

#[derive(Clone, Copy, Debug)]
pub enum Kind {
    /// `CharField(max_length, blank)`.
    Char { max: Option<usize>, blank: bool },
    Email { max: usize, blank: bool },
    Url { max: usize, blank: bool },
    /// `AbstractUser.username`: 150 chars, letters, digits and @/./+/-/_.
    Username,
    Choice(&'static [&'static str]),
    Date,
    Bool,
    Image,
    /// `ListField(child=CharField())`.
    StrList,
    /// `JSONField`: anything.
    Any,
}

#[derive(Clone, Copy, Debug)]
pub struct Field {
    pub name: &'static str,
    pub kind: Kind,
    pub null: bool,
    /// The unique-validator message, if the column is unique.
    pub unique: Option<&'static str>,
}

impl Field {
    pub const fn new(name: &'static str, kind: Kind) -> Field {
        Field { name, kind, null: false, unique: None }
    }
    pub const fn null(mut self) -> Field {
        self.null = true;
        self
    }
    pub const fn unique(mut self, message: &'static str) -> Field {
        self.unique = Some(message);
        self
    }
}

/// One validated change.
#[derive(Clone, Debug)]
pub enum Change {
    Set(Value),
    /// New avatar file, or `None` to remove it.
    Avatar(Option<Upload>),
}

/// One field's raw input.
#[derive(Clone, Debug)]
enum Raw {
    Json(Value),
    Text(String),
    Texts(Vec<String>),
    File(Upload),
}

/// Validates the fields present in `payload` (partial update), each error
/// keyed under `prefix` + field name.
pub fn validate(fields: &[Field], payload: &Payload, prefix: &str) -> Result<Vec<(&'static str, Change)>, FieldErrors> {
    let mut errors = FieldErrors::default();
    let mut changes = Vec::new();
    if let Payload::Json(v) = payload {
        if !v.is_object() {
            errors.add(
                &format!("{prefix}non_field_errors"),
                format!("Invalid data. Expected a dictionary, but got {}.", python_type(v)),
            );
            return Err(errors);
        }
    }
    for field in fields {
        let Some(raw) = raw_value(payload, field) else { continue };
        match coerce(field, raw) {
            Ok(Some(change)) => changes.push((field.name, change)),
            Ok(None) => {}
            Err(messages) => messages.into_iter().for_each(|m| errors.add(&format!("{prefix}{}", field.name), m)),
        }
    }
    if errors.is_empty() {
        Ok(changes)
    } else {
        Err(errors)
    }
}

fn raw_value(payload: &Payload, field: &Field) -> Option<Raw> {
    match payload {
        Payload::Json(v) => v.get(field.name).cloned().map(Raw::Json),
        Payload::Form(parts) => {
            let mine = parts.iter().filter(|(k, _)| k == field.name).map(|(_, p)| p);
            if matches!(field.kind, Kind::StrList) {
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

const NULL: &str = "This field may not be null.";
const BLANK: &str = "This field may not be blank.";
const NOT_STRING: &str = "Not a valid string.";
pub const INVALID_IMAGE: &str =
    "Upload a valid image. The file you uploaded was either not an image or a corrupted image.";

/// `Ok(None)` means "leave unchanged" (DRF's `empty`).
fn coerce(field: &Field, raw: Raw) -> Result<Option<Change>, Vec<String>> {
    let one = |m: &str| Err(vec![m.to_string()]);
    // Form input: '' on a nullable field is null (DRF `Field.get_value`),
    // except on blank-able text fields where it stays ''.
    let raw = match raw {
        Raw::Text(s) if s.is_empty() && field.null && !allows_blank(field.kind) => Raw::Json(Value::Null),
        Raw::Text(s) if matches!(field.kind, Kind::Image) && field.null && s == "null" => Raw::Json(Value::Null),
        other => other,
    };
    if let Raw::Json(Value::Null) = raw {
        if !field.null {
            return one(NULL);
        }
        return Ok(Some(match field.kind {
            Kind::Image => Change::Avatar(None),
            _ => Change::Set(Value::Null),
        }));
    }
    match field.kind {
        Kind::Char { max, blank } => text(&raw, blank, max).map(|s| Some(Change::Set(Value::String(s)))),
        Kind::Email { max, blank } => {
            let s = text(&raw, blank, Some(max))?;
            if !s.is_empty() && !looks_like_email(&s) {
                return one("Enter a valid email address.");
            }
            Ok(Some(Change::Set(Value::String(s))))
        }
        Kind::Url { max, blank } => {
            let s = text(&raw, blank, Some(max))?;
            if !s.is_empty() && !looks_like_url(&s) {
                return one("Enter a valid URL.");
            }
            Ok(Some(Change::Set(Value::String(s))))
        }
        Kind::Username => {
            let s = text(&raw, false, Some(150))?;
            if !s.chars().all(|c| c.is_alphanumeric() || "@.+-_".contains(c)) {
                return one("Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.");
            }
            Ok(Some(Change::Set(Value::String(s))))
        }
        Kind::Choice(choices) => {
            let s = match &raw {
                Raw::Json(Value::String(s)) | Raw::Text(s) => s.clone(),
                Raw::Json(v) => v.to_string(),
                _ => return one("Not a valid choice."),
            };
            if choices.contains(&s.as_str()) {
                Ok(Some(Change::Set(Value::String(s))))
            } else if s.is_empty() {
                one(BLANK)
            } else {
                one(&format!("\"{s}\" is not a valid choice."))
            }
        }
        Kind::Date => match &raw {
            Raw::Json(Value::String(s)) | Raw::Text(s) if crate::clock::is_iso_date(s.trim()) => {
                Ok(Some(Change::Set(Value::String(s.trim().to_string()))))
            }
            _ => one("Date has wrong format. Use one of these formats instead: YYYY-MM-DD."),
        },
        Kind::Bool => {
            let b = match &raw {
                Raw::Json(Value::Bool(b)) => Some(*b),
                Raw::Json(Value::Number(n)) => match n.as_f64() {
                    Some(x) if x == 1.0 => Some(true),
                    Some(x) if x == 0.0 => Some(false),
                    _ => None,
                },
                Raw::Json(Value::String(s)) | Raw::Text(s) => form_bool(s),
                _ => None,
            };
            match b {
                Some(b) => Ok(Some(Change::Set(Value::Bool(b)))),
                None if field.null && matches!(&raw, Raw::Text(s) | Raw::Json(Value::String(s)) if ["null", "Null", "NULL"].contains(&s.as_str())) => {
                    Ok(Some(Change::Set(Value::Null)))
                }
                None => one("Must be a valid boolean."),
            }
        }
        Kind::Image => match raw {
            Raw::File(u) if u.bytes.is_empty() => one("The submitted file is empty."),
            Raw::File(u) if crate::media::sniff_image(&u.bytes).is_none() => one(INVALID_IMAGE),
            Raw::File(u) => Ok(Some(Change::Avatar(Some(u)))),
            _ => one("The submitted data was not a file. Check the encoding type on the form."),
        },
        Kind::StrList => {
            let items: Vec<Value> = match raw {
                Raw::Texts(t) => t.into_iter().map(Value::String).collect(),
                Raw::Text(t) => vec![Value::String(t)],
                Raw::Json(Value::Array(a)) => a,
                Raw::Json(v) => return one(&format!("Expected a list of items but got type \"{}\".", python_type(&v))),
                Raw::File(_) => return one("Expected a list of items but got type \"InMemoryUploadedFile\"."),
            };
            let mut out = Vec::new();
            for item in items {
                match item {
                    Value::String(s) => out.push(Value::String(s.trim().to_string())),
                    Value::Number(n) => out.push(Value::String(n.to_string())),
                    _ => return one(NOT_STRING),
                }
            }
            Ok(Some(Change::Set(Value::Array(out))))
        }
        Kind::Any => match raw {
            Raw::Json(v) => Ok(Some(Change::Set(v))),
            Raw::Text(s) => Ok(Some(Change::Set(serde_json::from_str(&s).unwrap_or(Value::String(s))))),
            Raw::Texts(t) => Ok(Some(Change::Set(Value::Array(t.into_iter().map(Value::String).collect())))),
            Raw::File(_) => one("Value must be valid JSON."),
        },
    }
}

fn allows_blank(kind: Kind) -> bool {
    matches!(kind, Kind::Char { blank: true, .. } | Kind::Email { blank: true, .. } | Kind::Url { blank: true, .. })
}

/// DRF `CharField`: strings and numbers, whitespace trimmed, blank and
/// length checked.
fn text(raw: &Raw, blank: bool, max: Option<usize>) -> Result<String, Vec<String>> {
    let s = match raw {
        Raw::Json(Value::String(s)) | Raw::Text(s) => s.trim().to_string(),
        Raw::Json(Value::Number(n)) => n.to_string(),
        _ => return Err(vec![NOT_STRING.into()]),
    };
    if s.is_empty() && !blank {
        return Err(vec![BLANK.into()]);
    }
    match max {
        Some(max) if s.chars().count() > max => {
            Err(vec![format!("Ensure this field has no more than {max} characters.")])
        }
        _ => Ok(s),
    }
}

/// DRF `BooleanField`'s accepted spellings.
pub fn form_bool(s: &str) -> Option<bool> {
    match s {
        "t" | "T" | "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" | "1" => Some(true),
        "f" | "F" | "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" | "0" => {
            Some(false)
        }
        _ => None,
    }
}

/// Stopgap for Django's `EmailValidator` until the model crate owns it.
fn looks_like_email(s: &str) -> bool {
    let Some((user, domain)) = s.rsplit_once('@') else { return false };
    !user.is_empty()
        && !s.chars().any(char::is_whitespace)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && domain.split('.').all(|l| !l.is_empty() && !l.starts_with('-') && !l.ends_with('-'))
}

/// Stopgap for Django's `URLValidator` (http, https, ftp, ftps).
fn looks_like_url(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once("://") else { return false };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next().unwrap_or("");
    ["http", "https", "ftp", "ftps"].contains(&scheme.to_ascii_lowercase().as_str())
        && !s.chars().any(char::is_whitespace)
        && (host.contains('.') || host == "localhost")
        && !host.starts_with('.')
        && !host.ends_with('.')
}

/// Applies validated `Set` changes to a user's data map.
pub fn apply(data: &mut Map<String, Value>, changes: &[(&'static str, Change)]) {
    for (name, change) in changes {
        if let Change::Set(v) = change {
            data.insert((*name).to_string(), v.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const FIELDS: &[Field] = &[
        Field::new("first_name", Kind::Char { max: Some(5), blank: true }),
        Field::new("email", Kind::Email { max: 200, blank: false }),
        Field::new("phone", Kind::Char { max: Some(10), blank: false }).null(),
        Field::new("flag", Kind::Bool),
        Field::new("avatar", Kind::Image).null(),
    ];

    #[test]
    fn json_partial_and_errors() {
        let p = Payload::Json(json!({"first_name": "  Ann ", "email": "nope", "flag": "maybe"}));
        let e = validate(FIELDS, &p, "").unwrap_err().into_value();
        assert_eq!(
            e,
            json!({"email": ["Enter a valid email address."], "flag": ["Must be a valid boolean."]})
        );
        let ok = validate(FIELDS, &Payload::Json(json!({"first_name": " Ann "})), "").unwrap();
        assert!(matches!(&ok[..], [("first_name", Change::Set(v))] if v == "Ann"));
    }

    #[test]
    fn form_coercions() {
        let p = Payload::Form(vec![
            ("flag".into(), Part::Text("false".into())),
            ("phone".into(), Part::Text("".into())),
            ("avatar".into(), Part::Text("null".into())),
        ]);
        let ok = validate(FIELDS, &p, "").unwrap();
        assert!(matches!(ok[0], (_, Change::Set(Value::Null))));
        assert!(matches!(ok[1], ("flag", Change::Set(Value::Bool(false)))));
        assert!(matches!(ok[2], ("avatar", Change::Avatar(None))));
    }

    #[test]
    fn length_limit_counts_characters() {
        let p = Payload::Json(json!({"first_name": "بهروزی"}));
        let e = validate(FIELDS, &p, "").unwrap_err().into_value();
        assert_eq!(e, json!({"first_name": ["Ensure this field has no more than 5 characters."]}));
    }
}

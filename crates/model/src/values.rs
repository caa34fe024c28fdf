//! Form values independent of dialect: one [`FieldValue`] per field path.
//! Read answers are converted here, guided by the catalogue.

use crate::catalogue::{catalogue, FieldKind, FieldSpec};
use crate::Dialect;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// A field's value; serializes to plain JSON (`null`, `"x"`, `true`, `["a"]`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum FieldValue {
    Null,
    Text(String),
    Bool(bool),
    List(Vec<String>),
}

impl FieldValue {
    /// The text to put in an input (`""` for null and non-text values).
    pub fn as_text(&self) -> &str {
        match self {
            FieldValue::Text(s) => s,
            _ => "",
        }
    }

    pub fn as_bool(&self) -> bool {
        matches!(self, FieldValue::Bool(true))
    }

    pub fn as_list(&self) -> &[String] {
        match self {
            FieldValue::List(l) => l,
            _ => &[],
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, FieldValue::Null)
    }

    /// The JSON a backend expects for this value.
    pub fn to_json(&self) -> Value {
        match self {
            FieldValue::Null => Value::Null,
            FieldValue::Text(s) => Value::String(s.clone()),
            FieldValue::Bool(b) => Value::Bool(*b),
            FieldValue::List(l) => Value::Array(l.iter().cloned().map(Value::String).collect()),
        }
    }
}

impl From<&str> for FieldValue {
    fn from(s: &str) -> Self {
        FieldValue::Text(s.to_string())
    }
}
impl From<String> for FieldValue {
    fn from(s: String) -> Self {
        FieldValue::Text(s)
    }
}
impl From<bool> for FieldValue {
    fn from(b: bool) -> Self {
        FieldValue::Bool(b)
    }
}
impl From<Vec<String>> for FieldValue {
    fn from(l: Vec<String>) -> Self {
        FieldValue::List(l)
    }
}

/// The values of a form, by field path.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FormValues(pub BTreeMap<String, FieldValue>);

impl FormValues {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn get(&self, path: &str) -> Option<&FieldValue> {
        self.0.get(path)
    }

    pub fn set(&mut self, path: impl Into<String>, value: impl Into<FieldValue>) {
        self.0.insert(path.into(), value.into());
    }

    /// Builder form of [`FormValues::set`].
    pub fn with(mut self, path: impl Into<String>, value: impl Into<FieldValue>) -> Self {
        self.set(path, value);
        self
    }

    pub fn text(&self, path: &str) -> &str {
        self.get(path).map(FieldValue::as_text).unwrap_or("")
    }

    pub fn bool(&self, path: &str) -> bool {
        self.get(path).is_some_and(FieldValue::as_bool)
    }

    pub fn list(&self, path: &str) -> &[String] {
        self.get(path).map(FieldValue::as_list).unwrap_or(&[])
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &FieldValue)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Every value put in the form the catalogue's way (see [`normalize`]).
    pub fn normalized(&self, dialect: &Dialect) -> FormValues {
        let mut out = self.clone();
        for spec in catalogue(dialect) {
            if let Some(v) = out.0.get_mut(&spec.path) {
                *v = normalize(spec, v);
            }
        }
        out
    }
}

/// One spelling per meaning, so comparing values finds real edits only:
/// a blank nullable text is `Null` (the server stores null, DRF trims),
/// a missing non-nullable text is `""`, a missing non-nullable list `[]`,
/// a missing non-nullable bool `false`.
pub fn normalize(spec: &FieldSpec, value: &FieldValue) -> FieldValue {
    match (spec.kind, value) {
        (FieldKind::Bool, FieldValue::Null) if !spec.nullable => FieldValue::Bool(false),
        (FieldKind::List, FieldValue::Null) if !spec.nullable => FieldValue::List(Vec::new()),
        (k, FieldValue::Null) if k.is_text() && !spec.nullable && k != FieldKind::File => {
            FieldValue::Text(String::new())
        }
        (k, FieldValue::Text(s)) if k.is_text() && spec.nullable && crate::pychar::strip(s).is_empty() => {
            FieldValue::Null
        }
        _ => value.clone(),
    }
}

/// Reads a dialect's answer (the JSON of a GET or of a successful update)
/// into form values: every catalogue field gets a value (`Null` when absent).
/// Where to look and which key of an object to keep are the dialect
/// file's `read_from` and `read_key`.
pub fn from_answer(dialect: &Dialect, answer: &Value) -> FormValues {
    from_answer_with(dialect, answer, crate::config::json_text)
}

/// Writes a value as JSON text, for an answer's value that is not text
/// (a number, an object without its `read_key`): serde_json natively; the
/// app passes the browser's `JSON.stringify`, which keeps serde_json's
/// writer and its number formatting out of its first screen (#28).
pub type WriteJson = fn(&Value) -> String;

/// [`from_answer`] with values that are not text written by `write`.
pub fn from_answer_with(dialect: &Dialect, answer: &Value, write: WriteJson) -> FormValues {
    let mut values = FormValues::new();
    for spec in catalogue(dialect) {
        values.set(&spec.path, read_value(spec, answered(spec, answer), write));
    }
    values
}

/// Where the answer holds a field: its `read_from` when that has a value,
/// else its path, else its last segment (a flat answer).
fn answered<'a>(spec: &FieldSpec, answer: &'a Value) -> Option<&'a Value> {
    let filled = |v: &&Value| !v.is_null() && v.as_array().is_none_or(|a| !a.is_empty());
    spec.read_from
        .as_deref()
        .and_then(|from| lookup(answer, from))
        .filter(filled)
        .or_else(|| lookup(answer, &spec.path))
        .or_else(|| answer.get(spec.name()))
}

pub fn from_patch(dialect: &Dialect, patch: &Value) -> FormValues {
    let mut values = FormValues::new();
    for spec in catalogue(dialect).iter().filter(|s| s.in_json_patch()) {
        if let Some(raw) = lookup(patch, &spec.path) {
            values.set(&spec.path, read_value(spec, Some(raw), crate::config::json_text));
        }
    }
    values
}

/// `a.b` looks up `{"a": {"b": …}}`.
pub(crate) fn lookup<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(v, |v, key| v.get(key))
}

fn read_value(spec: &FieldSpec, raw: Option<&Value>, write: WriteJson) -> FieldValue {
    let raw = raw.unwrap_or(&Value::Null);
    let key = spec.read_key.as_deref();
    match spec.kind {
        FieldKind::Bool => match raw {
            Value::Bool(b) => FieldValue::Bool(*b),
            Value::String(s) if s == "true" || s == "false" => FieldValue::Bool(s == "true"),
            _ => FieldValue::Null,
        },
        FieldKind::List => match raw.as_array() {
            Some(items) => FieldValue::List(items.iter().map(|item| text_of(item, key, write)).collect()),
            None => FieldValue::Null,
        },
        _ => match raw {
            Value::Null => FieldValue::Null,
            v => FieldValue::Text(text_of(v, key, write)),
        },
    }
}

/// A scalar as text; an object as its `key`'s value (`{code, name}` read
/// by `code`), or as JSON text when it has none.
fn text_of(v: &Value, key: Option<&str>, write: WriteJson) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Object(o) => match key.and_then(|k| o.get(k)) {
            Some(Value::String(s)) => s.clone(),
            Some(n @ Value::Number(_)) => write(n),
            _ => write(v),
        },
        _ => write(v),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::json_text;
    use crate::shipped;
    use serde_json::json;

    #[test]
    fn letraz_country_object_reads_as_code() {
        let v =
            from_answer(shipped::letraz(), &json!({"first_name": "A", "country": {"code": "DEU", "name": "Germany"}}));
        assert_eq!(v.text("country"), "DEU");
        assert_eq!(v.get("title"), Some(&FieldValue::Null));
    }

    #[test]
    fn aisquare_profile_reads_flat_answer_into_nested_paths() {
        let v = from_answer(
            shipped::aisquare_profile(),
            &json!({"username": "jd", "bio": "hi", "skills": [1, 2],
                    "skills_data": [{"id": 1, "name": "Rust"}, {"id": 2, "name": "Go"}],
                    "followers_count": 3, "platform_features_emails": true}),
        );
        assert_eq!(v.text("details.bio"), "hi");
        assert_eq!(v.list("details.skills"), ["Rust", "Go"]);
        assert_eq!(v.text("details.followers_count"), "3");
        assert!(v.bool("details.platform_features_emails"));
    }

    #[test]
    fn users_me_groups_read_as_names_or_ids() {
        let v = from_answer(shipped::users_me(), &json!({"groups": [{"id": 1, "name": "Administrators"}, 7]}));
        assert_eq!(v.list("groups"), ["Administrators", "7"]);
    }

    #[test]
    fn values_that_are_not_text_are_written_by_the_writer_given() {
        // The app writes them with the browser's JSON.stringify (#28).
        let marked: WriteJson = |v| format!("<{}>", json_text(v));
        let v = from_answer_with(
            shipped::users_me(),
            &json!({"groups": [{"id": 1, "name": "Admins"}, 7, {"id": 2}]}),
            marked,
        );
        assert_eq!(v.list("groups"), ["Admins", "<7>", "<{\"id\":2}>"]);
        let v = from_answer_with(shipped::aisquare_profile(), &json!({"followers_count": 3.5}), marked);
        assert_eq!(v.text("details.followers_count"), "<3.5>");
    }

    #[test]
    fn pwgen_password_never_becomes_a_value() {
        let v = from_answer(shipped::pwgen(), &json!({"id": 1, "password": "pbkdf2_sha256$x"}));
        assert!(v.iter().all(|(_, v)| !v.as_text().contains("pbkdf2")));
    }

    #[test]
    fn field_value_json_shape() {
        let v: FieldValue = serde_json::from_str("[\"a\"]").unwrap();
        assert_eq!(v, FieldValue::List(vec!["a".into()]));
        assert_eq!(serde_json::to_string(&FieldValue::Null).unwrap(), "null");
    }
}

//! Client-side validation, driven by the catalogue: each rule lives once in
//! [`rules`] and each field says which rules apply. Text is trimmed the way
//! DRF trims it before validating, so the browser and server agree.

pub mod rules;

use crate::catalogue::{catalogue, FieldKind, FieldSpec};
use crate::values::{normalize, FieldValue, FormValues};
use crate::{Date, Dialect, FieldErrors, Message};

/// Messages for one field's value (empty when valid). `today` bounds dates
/// of birth; pass the caller's own clock. Read-only fields are not checked.
pub fn validate_field(spec: &FieldSpec, value: &FieldValue, today: Date) -> Vec<(String, Message)> {
    let mut out = Vec::new();
    if spec.read_only {
        return out;
    }
    let here = |m: Message| (spec.path.to_string(), m);
    match (spec.kind, normalize(spec, value)) {
        (FieldKind::File, _) => {}
        (_, FieldValue::Null) => {
            if spec.required {
                out.push(here(rules::required()));
            }
        }
        (FieldKind::Bool, FieldValue::Bool(_)) => {}
        (FieldKind::List, FieldValue::List(items)) => {
            if spec.required && items.is_empty() {
                out.push(here(rules::required()));
            }
            for (i, item) in items.iter().enumerate() {
                if crate::pychar::strip(item).is_empty() {
                    out.push((format!("{}.{i}", spec.path), rules::required()));
                }
            }
        }
        (kind, FieldValue::Text(raw)) if kind.is_text() => {
            let text = crate::pychar::strip(&raw);
            if text.is_empty() {
                if spec.required {
                    out.push(here(rules::required()));
                }
                return out;
            }
            if let Some(m) = spec.max_length.and_then(|max| rules::max_length(text, max)) {
                out.push(here(m));
            }
            if let Some(m) = rules::format(spec, text, today) {
                out.push(here(m));
            }
        }
        _ => out.push(here(Message::rule("error.wrong_type"))),
    }
    out
}

/// Validates every editable field present in `values`.
pub fn validate(dialect: Dialect, values: &FormValues, today: Date) -> FieldErrors {
    let mut errors = FieldErrors::new();
    for spec in catalogue(dialect) {
        if let Some(v) = values.get(spec.path) {
            for (path, m) in validate_field(spec, v, today) {
                errors.add(path, m);
            }
        }
    }
    errors
}

/// Validates only the fields the person changed, so a value the server
/// already holds (perhaps from before a rule existed) never blocks saving
/// an unrelated edit.
pub fn validate_changes(dialect: Dialect, loaded: &FormValues, edited: &FormValues, today: Date) -> FieldErrors {
    let mut errors = FieldErrors::new();
    for spec in crate::patch::changed_fields(dialect, loaded, edited) {
        if let Some(v) = edited.get(spec.path) {
            for (path, m) in validate_field(spec, v, today) {
                errors.add(path, m);
            }
        }
    }
    errors
}

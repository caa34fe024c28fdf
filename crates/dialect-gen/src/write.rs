//! The dialect file as text, laid out as the shipped ones are: one line
//! per endpoint and per field, keys in the README's order.

use profile_model::dialect::{ENDPOINT_KEYS, FIELD_KEYS, TOP_KEYS};
use serde_json::Value;

/// `{"a": 1, "b": 2}` with the keys in `order` (others after, sorted).
fn line(v: &Value, order: &[&str]) -> String {
    let Some(obj) = v.as_object() else { return v.to_string() };
    let mut keys: Vec<&String> = obj.keys().collect();
    keys.sort_by_key(|k| order.iter().position(|o| o == k).unwrap_or(usize::MAX));
    let parts: Vec<String> = keys.iter().map(|k| format!("{}: {}", Value::from(k.as_str()), obj[k.as_str()])).collect();
    format!("{{{}}}", parts.join(", "))
}

pub fn dialect_text(d: &Value) -> String {
    let mut out = Vec::new();
    for key in TOP_KEYS {
        let Some(v) = d.get(key) else { continue };
        let text = match key {
            "endpoints" => {
                let rows: Vec<String> = ENDPOINT_KEYS
                    .iter()
                    .filter_map(|e| v.get(*e).map(|c| format!("    \"{e}\": {}", line(c, &["method", "path"]))))
                    .collect();
                format!("{{\n{}\n  }}", rows.join(",\n"))
            }
            "fields" => {
                let rows: Vec<String> =
                    v.as_array().into_iter().flatten().map(|f| format!("    {}", line(f, &FIELD_KEYS))).collect();
                format!("[\n{}\n  ]", rows.join(",\n"))
            }
            "sign_in" => line(v, &["login_field", "token_field", "refresh_field"]),
            "password_change" => line(v, &profile_model::account::PASSWORD_CHANGE_KEYS),
            "delete_account" => line(v, &profile_model::account::DELETE_ACCOUNT_KEYS),
            "photo" => line(v, &["field", "accepted_types", "max_bytes", "remove"]),
            _ => v.to_string(),
        };
        out.push(format!("  \"{key}\": {text}"));
    }
    format!("{{\n{}\n}}\n", out.join(",\n"))
}

//! The dialect file as text, laid out as the shipped ones are: one line
//! per endpoint and per field, keys in the README's order.

use serde_json::Value;

const TOP: [&str; 10] =
    ["format", "name", "description", "auth", "endpoints", "sign_in", "id_field", "error_envelope", "photo", "fields"];
const ENDPOINTS: [&str; 6] = ["read", "update", "sign_in", "sign_out", "refresh", "csrf"];
const FIELD: [&str; 12] = [
    "path",
    "kind",
    "choices",
    "section",
    "max_length",
    "required",
    "nullable",
    "read_only",
    "not_future",
    "label",
    "read_from",
    "read_key",
];

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
    for key in TOP {
        let Some(v) = d.get(key) else { continue };
        let text = match key {
            "endpoints" => {
                let rows: Vec<String> = ENDPOINTS
                    .iter()
                    .filter_map(|e| v.get(*e).map(|c| format!("    \"{e}\": {}", line(c, &["method", "path"]))))
                    .collect();
                format!("{{\n{}\n  }}", rows.join(",\n"))
            }
            "fields" => {
                let rows: Vec<String> =
                    v.as_array().into_iter().flatten().map(|f| format!("    {}", line(f, &FIELD))).collect();
                format!("[\n{}\n  ]", rows.join(",\n"))
            }
            "sign_in" => line(v, &["login_field", "token_field", "refresh_field"]),
            "photo" => line(v, &["field", "accepted_types", "max_bytes", "remove"]),
            _ => v.to_string(),
        };
        out.push(format!("  \"{key}\": {text}"));
    }
    format!("{{\n{}\n}}\n", out.join(",\n"))
}

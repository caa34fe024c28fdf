//! JSON text read by the browser's own parser (`JSON.parse`) into a
//! `serde_json::Value`: the start-up files (config, dialect file, the
//! English table), the kept session and API answers all arrive as text,
//! and reading them this way keeps serde_json's text parser out of the
//! wasm (measured in #28 part 4). Request bodies, the kept session and an
//! answer's values that are not text are written the same way
//! (`JSON.stringify`, [`text`]), so serde_json's writer and its number
//! formatting stay out of the main module. The rules stay the model
//! crate's, which reads values; native code (server, dialect-gen) reads
//! and writes text with serde_json as before.

use profile_model::parse_error::{depth_within, MAX_JSON_DEPTH};
use serde_json::{Map, Number, Value};
use wasm_bindgen::{JsCast, JsValue};

/// The value of JSON `text`, or what is wrong with it (the browser's
/// words). Nesting deeper than [`MAX_JSON_DEPTH`] is refused before
/// parsing, as serde_json would, so the conversion's recursion is bounded.
pub fn parse(text: &str) -> Result<Value, String> {
    if !depth_within(text, MAX_JSON_DEPTH) {
        return Err(format!("nested deeper than {MAX_JSON_DEPTH} levels"));
    }
    let js = js_sys::JSON::parse(text).map_err(|e| {
        e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_else(|| "not JSON".to_string())
    })?;
    Ok(value(&js))
}

fn value(js: &JsValue) -> Value {
    if let Some(s) = js.as_string() {
        Value::String(s)
    } else if let Some(n) = js.as_f64() {
        number(n)
    } else if let Some(b) = js.as_bool() {
        Value::Bool(b)
    } else if js.is_null() || js.is_undefined() {
        Value::Null
    } else if let Some(array) = js.dyn_ref::<js_sys::Array>() {
        Value::Array(array.iter().map(|v| value(&v)).collect())
    } else {
        let mut map = Map::new();
        for entry in js_sys::Object::entries(js.unchecked_ref()).iter() {
            let pair: js_sys::Array = entry.unchecked_into();
            if let Some(key) = pair.get(0).as_string() {
                map.insert(key, value(&pair.get(1)));
            }
        }
        Value::Object(map)
    }
}

/// A whole number as serde_json reads one (`u64`, or `i64` when negative),
/// any other as `f64`.
fn number(n: f64) -> Value {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53: JS numbers are exact below it
    if n.fract() == 0.0 && n.abs() < EXACT {
        if n >= 0.0 {
            return Value::Number(Number::from(n as u64));
        }
        return Value::Number(Number::from(n as i64));
    }
    Number::from_f64(n).map_or(Value::Null, Value::Number)
}

/// `value` as JSON text, written by the browser's `JSON.stringify`. Numbers
/// go through `f64`, as [`parse`] reads them.
pub fn text(value: &Value) -> String {
    js_sys::JSON::stringify(&js(value)).map(String::from).unwrap_or_default()
}

fn js(value: &Value) -> JsValue {
    match value {
        Value::Null => JsValue::NULL,
        Value::Bool(b) => JsValue::from_bool(*b),
        Value::Number(n) => n.as_f64().map_or(JsValue::NULL, JsValue::from_f64),
        Value::String(s) => JsValue::from_str(s),
        Value::Array(items) => items.iter().map(js).collect::<js_sys::Array>().into(),
        Value::Object(map) => {
            let object = js_sys::Object::new();
            for (key, v) in map {
                let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), &js(v));
            }
            object.into()
        }
    }
}

//! Just enough of OpenAPI 3.0 / 3.1 to read a DRF serializer's schema:
//! operations by method and path, `$ref` into `components.schemas`,
//! `allOf` merges and the several ways of saying "may be null".

use crate::Call;
use serde_json::{Map, Value};

pub struct Doc {
    root: Value,
}

/// A schema object (as written; [`Doc::resolve`] follows its `$ref`).
#[derive(Clone, Debug)]
pub struct Schema(pub Value);

impl Doc {
    /// YAML (drf-spectacular's default) or JSON.
    pub fn parse(text: &str) -> Result<Doc, String> {
        let root = if text.trim_start().starts_with('{') {
            serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"))?
        } else {
            let docs = yaml_rust2::YamlLoader::load_from_str(text).map_err(|e| format!("not valid YAML: {e}"))?;
            yaml_to_json(docs.into_iter().next().ok_or("the YAML document is empty")?)
        };
        let version = root.get("openapi").and_then(Value::as_str).unwrap_or_default();
        if !version.starts_with("3.") {
            return Err(format!("expected an OpenAPI 3.0 or 3.1 document, got openapi: {version:?}"));
        }
        Ok(Doc { root })
    }

    pub fn title(&self) -> Option<&str> {
        self.root.pointer("/info/title").and_then(Value::as_str)
    }

    /// Every operation: (method upper case, path, operation), in document order.
    pub fn operations(&self) -> Vec<(String, &str, &Value)> {
        let Some(paths) = self.root.get("paths").and_then(Value::as_object) else { return Vec::new() };
        let mut out = Vec::new();
        for (path, item) in paths {
            for method in ["get", "put", "patch", "post", "delete"] {
                if let Some(op) = item.get(method) {
                    out.push((method.to_ascii_uppercase(), path.as_str(), op));
                }
            }
        }
        out
    }

    /// `components.securitySchemes` by name.
    pub fn security_schemes(&self) -> Vec<(&str, &Value)> {
        self.root
            .pointer("/components/securitySchemes")
            .and_then(Value::as_object)
            .map(|m| m.iter().map(|(k, v)| (k.as_str(), v)).collect())
            .unwrap_or_default()
    }

    /// The scheme names an operation accepts: its own `security`, else the
    /// document's.
    pub fn security_of(&self, op: &Value) -> Vec<String> {
        let requirements = op.get("security").or_else(|| self.root.get("security"));
        let mut names = Vec::new();
        for requirement in requirements.and_then(Value::as_array).into_iter().flatten() {
            for name in requirement.as_object().into_iter().flat_map(|m| m.keys()) {
                if !names.contains(name) {
                    names.push(name.clone());
                }
            }
        }
        names
    }

    /// A `$ref` to `components.schemas.<name>`, when the document has it.
    pub fn component(&self, name: &str) -> Option<Schema> {
        self.root.pointer(&format!("/components/schemas/{name}"))?;
        Some(Schema(serde_json::json!({"$ref": format!("#/components/schemas/{name}")})))
    }

    /// The path part of the first `servers` URL (`/api/v1`), which the
    /// document's paths leave out; empty when there is none.
    pub fn server_path(&self) -> String {
        let url = self.root.pointer("/servers/0/url").and_then(Value::as_str).unwrap_or_default();
        let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
        let path = if url.contains("://") { after_scheme.find('/').map_or("", |i| &after_scheme[i..]) } else { url };
        path.trim_end_matches('/').to_string()
    }

    fn operation(&self, call: &Call) -> Result<&Value, String> {
        let paths = self.root.get("paths").and_then(Value::as_object).ok_or("the document has no paths")?;
        let item = paths
            .get(&call.path)
            .or_else(|| {
                // Servers with a prefix (`/api/v1`) list paths without it.
                paths.iter().find(|(p, _)| call.path.ends_with(p.as_str()) && p.len() > 1).map(|(_, v)| v)
            })
            .ok_or_else(|| {
                let known: Vec<&str> = paths.keys().map(String::as_str).collect();
                format!("no path {:?} in the document (it has {})", call.path, known.join(", "))
            })?;
        item.get(call.method.to_ascii_lowercase())
            .ok_or_else(|| format!("{} has no {} operation", call.path, call.method))
    }

    /// The JSON body the operation takes (else its first media type's).
    pub fn request_body(&self, call: &Call) -> Result<Schema, String> {
        let op = self.operation(call)?;
        op.pointer("/requestBody/content")
            .ok_or_else(|| format!("{} {} takes no request body", call.method, call.path))?;
        request_schema(op).ok_or_else(|| format!("{} {}: the request body has no schema", call.method, call.path))
    }

    /// Whether the operation takes multipart (and so files).
    pub fn takes_multipart(&self, call: &Call) -> bool {
        self.operation(call)
            .ok()
            .and_then(|op| op.pointer("/requestBody/content"))
            .and_then(Value::as_object)
            .is_some_and(|c| c.contains_key("multipart/form-data"))
    }

    /// The schema of the operation's successful answer.
    pub fn answer(&self, call: &Call) -> Result<Schema, String> {
        let op = self.operation(call)?;
        op.get("responses").and_then(Value::as_object).ok_or("the operation has no responses")?;
        answer_schema(op).ok_or_else(|| format!("{} {}: no schema for a 200 answer", call.method, call.path))
    }

    /// Follows `$ref` and merges `allOf`; a `oneOf`/`anyOf` of one schema
    /// and null becomes that schema, marked nullable.
    pub fn resolve(&self, schema: &Schema) -> Schema {
        self.resolve_depth(&schema.0, 0)
    }

    fn resolve_depth(&self, v: &Value, depth: usize) -> Schema {
        if depth > 16 {
            return Schema(v.clone());
        }
        let Some(obj) = v.as_object() else { return Schema(v.clone()) };
        if let Some(target) = obj.get("$ref").and_then(Value::as_str) {
            let mut out = self.lookup(target).map(|t| self.resolve_depth(t, depth + 1).0).unwrap_or(Value::Null);
            overlay(&mut out, obj, &["$ref"]);
            return Schema(out);
        }
        if let Some(parts) = obj.get("allOf").and_then(Value::as_array) {
            let mut out = Value::Object(Map::new());
            for part in parts {
                merge(&mut out, &self.resolve_depth(part, depth + 1).0);
            }
            overlay(&mut out, obj, &["allOf"]);
            return Schema(out);
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(parts) = obj.get(key).and_then(Value::as_array) {
                let resolved: Vec<Value> = parts.iter().map(|p| self.resolve_depth(p, depth + 1).0).collect();
                let (nulls, others): (Vec<_>, Vec<_>) = resolved.into_iter().partition(is_null_schema);
                // drf-spectacular's blank-allowed fields add a branch for "".
                let (blanks, others): (Vec<_>, Vec<_>) = others.into_iter().partition(is_blank_schema);
                if others.len() == 1 && !blanks.is_empty() {
                    let mut out = others.into_iter().next().unwrap_or_default();
                    overlay(&mut out, obj, &[key]);
                    if !nulls.is_empty() {
                        out["nullable"] = Value::Bool(true);
                    }
                    return Schema(out);
                }
                if others.len() == 1 {
                    let mut out = others.into_iter().next().unwrap_or_default();
                    overlay(&mut out, obj, &[key]);
                    if !nulls.is_empty() {
                        out["nullable"] = Value::Bool(true);
                    }
                    return Schema(out);
                }
                // drf-spectacular's choice fields: an enum plus BlankEnum / NullEnum.
                let values: Vec<Value> = others
                    .iter()
                    .flat_map(|o| o.get("enum").and_then(Value::as_array).cloned().unwrap_or_default())
                    .collect();
                if !values.is_empty() {
                    let mut out = serde_json::json!({"type": "string", "enum": values});
                    if !nulls.is_empty() {
                        out["nullable"] = Value::Bool(true);
                    }
                    overlay(&mut out, obj, &[key]);
                    return Schema(out);
                }
            }
        }
        Schema(v.clone())
    }

    fn lookup(&self, reference: &str) -> Option<&Value> {
        self.root.pointer(reference.strip_prefix('#')?)
    }

    /// Properties in document order.
    pub fn properties(&self, schema: &Schema) -> Vec<(String, Schema)> {
        let resolved = self.resolve(schema);
        match resolved.0.get("properties").and_then(Value::as_object) {
            Some(props) => props.iter().map(|(k, v)| (k.clone(), Schema(v.clone()))).collect(),
            None => Vec::new(),
        }
    }

    /// For a list of objects: the key a form keeps (their `name`).
    pub fn item_key(&self, schema: &Schema) -> Option<&'static str> {
        let s = self.resolve(schema);
        let items = self.resolve(&Schema(s.0.get("items")?.clone()));
        preferred_key(&items, &["name", "title", "label", "code"])
    }

    /// For an object answer: the key its write takes (`code` of a country).
    pub fn object_key(&self, schema: &Schema) -> Option<&'static str> {
        let s = self.resolve(schema);
        s.0.get("properties")?;
        preferred_key(&s, &["code", "id", "slug", "name"])
    }
}

/// The schema of an operation's JSON (else first) request body.
pub fn request_schema(op: &Value) -> Option<Schema> {
    op.pointer("/requestBody/content").and_then(Value::as_object).and_then(media_schema)
}

/// The schema of an operation's successful answer.
pub fn answer_schema(op: &Value) -> Option<Schema> {
    let responses = op.get("responses").and_then(Value::as_object)?;
    ["200", "201", "default"]
        .iter()
        .filter_map(|code| responses.get(*code))
        .find_map(|r| r.get("content").and_then(Value::as_object).and_then(media_schema))
}

fn preferred_key(schema: &Schema, keys: &[&'static str]) -> Option<&'static str> {
    let props = schema.0.get("properties")?.as_object()?;
    keys.iter().copied().find(|k| props.contains_key(*k))
}

fn media_schema(content: &Map<String, Value>) -> Option<Schema> {
    let media = content.get("application/json").or_else(|| content.values().next())?;
    media.get("schema").cloned().map(Schema)
}

/// `{"type": "string", "maxLength": 0}` or `{"enum": [""]}`: "may be blank".
fn is_blank_schema(v: &Value) -> bool {
    v.get("maxLength").and_then(Value::as_u64) == Some(0)
        || v.get("enum").and_then(Value::as_array).is_some_and(|e| e.iter().all(|x| x == "" || x.is_null()))
}

fn is_null_schema(v: &Value) -> bool {
    v.get("type").and_then(Value::as_str) == Some("null")
        || v.get("enum").and_then(Value::as_array).is_some_and(|e| e.iter().all(Value::is_null))
}

/// Copies `from`'s keys (but `skip`) over `into`: the siblings of a `$ref`
/// or `allOf` (`nullable`, `readOnly`, `description`) win.
fn overlay(into: &mut Value, from: &Map<String, Value>, skip: &[&str]) {
    if !into.is_object() {
        *into = Value::Object(Map::new());
    }
    for (k, v) in from {
        if !skip.contains(&k.as_str()) {
            into[k.as_str()] = v.clone();
        }
    }
}

/// `allOf`: properties and `required` add up; other keys, the last wins.
fn merge(into: &mut Value, part: &Value) {
    let Some(part) = part.as_object() else { return };
    for (k, v) in part {
        match (k.as_str(), into.get_mut(k)) {
            ("properties", Some(Value::Object(existing))) => {
                if let Some(more) = v.as_object() {
                    existing.extend(more.clone());
                }
            }
            ("required", Some(Value::Array(existing))) => existing.extend(v.as_array().cloned().unwrap_or_default()),
            _ => into[k.as_str()] = v.clone(),
        }
    }
}

impl Schema {
    fn get(&self, key: &str) -> Option<&Value> {
        self.0.get(key)
    }

    pub fn read_only(&self) -> bool {
        self.get("readOnly") == Some(&Value::Bool(true))
    }

    pub fn max_length(&self) -> Option<u64> {
        self.get("maxLength").and_then(Value::as_u64)
    }

    pub fn min_length(&self) -> Option<u64> {
        self.get("minLength").and_then(Value::as_u64)
    }

    pub fn description(&self) -> Option<&str> {
        self.get("description").and_then(Value::as_str)
    }

    pub fn pattern(&self) -> Option<&str> {
        self.get("pattern").and_then(Value::as_str)
    }

    /// `nullable: true` (3.0), `type: [x, "null"]` (3.1), a null branch.
    pub fn nullable(&self, doc: &Doc) -> bool {
        let s = doc.resolve(self);
        s.get("nullable") == Some(&Value::Bool(true))
            || s.get("type").and_then(Value::as_array).is_some_and(|t| t.iter().any(|t| t == "null"))
            || s.get("enum").and_then(Value::as_array).is_some_and(|e| e.iter().any(Value::is_null))
    }

    /// `type`, or its first non-null entry.
    pub fn primary_type(&self, doc: &Doc) -> Option<String> {
        let s = doc.resolve(self);
        match s.get("type")? {
            Value::String(t) => Some(t.clone()),
            Value::Array(types) => types.iter().filter_map(Value::as_str).find(|t| *t != "null").map(str::to_string),
            _ => None,
        }
    }

    pub fn format(&self, doc: &Doc) -> Option<String> {
        let s = doc.resolve(self);
        if let Some(f) = s.get("format").and_then(Value::as_str) {
            return Some(f.to_string());
        }
        // An array of strings keeps `format` on its items; not ours.
        None
    }

    /// The string values of an `enum` (null and "" left out).
    pub fn enum_values(&self, doc: &Doc) -> Option<Vec<String>> {
        let s = doc.resolve(self);
        let values: Vec<String> = s
            .get("enum")?
            .as_array()?
            .iter()
            .filter_map(Value::as_str)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
            .collect();
        (!values.is_empty()).then_some(values)
    }

    pub fn is_object(&self) -> bool {
        self.get("properties").is_some()
    }

    pub fn is_object_in(&self, doc: &Doc) -> bool {
        doc.resolve(self).is_object()
    }

    pub fn properties_count(&self, doc: &Doc) -> usize {
        doc.properties(self).len()
    }
}

fn yaml_to_json(y: yaml_rust2::Yaml) -> Value {
    use yaml_rust2::Yaml;
    match y {
        Yaml::Real(s) => {
            s.parse::<f64>().ok().and_then(serde_json::Number::from_f64).map_or(Value::String(s), Value::Number)
        }
        Yaml::Integer(i) => Value::from(i),
        Yaml::String(s) => Value::String(s),
        Yaml::Boolean(b) => Value::Bool(b),
        Yaml::Array(items) => Value::Array(items.into_iter().map(yaml_to_json).collect()),
        Yaml::Hash(h) => Value::Object(
            h.into_iter()
                .map(|(k, v)| {
                    let key = match k {
                        Yaml::String(s) => s,
                        Yaml::Integer(i) => i.to_string(),
                        Yaml::Boolean(b) => b.to_string(),
                        Yaml::Real(r) => r,
                        other => format!("{other:?}"),
                    };
                    (key, yaml_to_json(v))
                })
                .collect(),
        ),
        Yaml::Null | Yaml::BadValue | Yaml::Alias(_) => Value::Null,
    }
}

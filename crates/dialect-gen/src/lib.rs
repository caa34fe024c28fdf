//! A dialect file from an OpenAPI document: the fields, their kinds,
//! lengths, nullability and read-only-ness come from the schemas of the
//! read answer and the update body; what OpenAPI cannot say (sections,
//! labels, how to sign in) gets a default from the field's name or a
//! command-line option, and is listed in [`Generated::to_check`].
//!
//! Reads OpenAPI 3.0 and 3.1 as drf-spectacular writes them: `$ref`,
//! `allOf` (a `$ref` wrapped to add `nullable` or `readOnly`), `oneOf` /
//! `anyOf` with a null branch, `nullable: true` (3.0) and `type: [x,
//! "null"]` (3.1), `readOnly`, `maxLength`, `minLength`, `enum`, `format`
//! (email, uri, date, date-time, binary) and nested objects.

pub mod check;
pub mod infer;
pub mod openapi;
pub mod write;

use openapi::{Doc, Schema};
use profile_model::{FieldKind, Section};
use serde_json::{json, Map, Value};

/// An `METHOD /path/` pair from the command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Call {
    pub method: String,
    pub path: String,
}

impl Call {
    pub fn parse(text: &str) -> Result<Call, String> {
        let (method, path) = text
            .trim()
            .split_once(char::is_whitespace)
            .ok_or_else(|| format!("{text:?}: expected a method and a path, such as 'PATCH /api/users/me/'"))?;
        Ok(Call { method: method.trim().to_ascii_uppercase(), path: path.trim().to_string() })
    }

    fn json(&self) -> Value {
        json!({"method": self.method, "path": self.path})
    }
}

/// What the command line adds to the document: each one given overrides
/// one inferred decision ([`infer`]).
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Empty: from the file name or the document's title.
    pub name: String,
    pub read: Option<Call>,
    pub update: Option<Call>,
    pub auth: Option<String>,
    pub sign_in: Option<Call>,
    pub sign_out: Option<Call>,
    pub refresh: Option<Call>,
    pub csrf: Option<Call>,
    pub login_field: Option<String>,
    pub token_field: Option<String>,
    pub refresh_field: Option<String>,
    pub error_envelope: Option<String>,
    /// The password change call (`--password-change`).
    pub password_change: Option<Call>,
    /// `--no-password-change`: leave the call out whatever the document has.
    pub no_password_change: bool,
    /// The password change body's keys: not a flag, read from the call's
    /// request schema ([`infer`]).
    pub password_keys: Option<profile_model::PasswordChange>,
    /// The account deletion call (`--delete-account`).
    pub delete_account: Option<Call>,
    /// `--no-delete-account`.
    pub no_delete_account: bool,
    /// The deletion body's key of the current password
    /// (`--delete-account-field`); `none`: no body, no password.
    pub delete_account_field: Option<String>,
}

/// The dialect file, what was inferred and why, and what a person should
/// check in it.
pub struct Generated {
    pub dialect: Value,
    pub decisions: Vec<infer::Decision>,
    pub to_check: Vec<String>,
}

/// Writes the dialect file for `doc` (OpenAPI text, YAML or JSON).
pub fn from_openapi(text: &str, options: &Options) -> Result<Generated, String> {
    generate(text, None, options)
}

/// [`from_openapi`] for a document read from `file` (its name may name
/// the dialect).
pub fn generate(text: &str, file: Option<&str>, given: &Options) -> Result<Generated, String> {
    let doc = Doc::parse(text)?;
    let (options, decisions) = infer::infer(&doc, given, file)?;
    let options = &options;
    let update = options.update.clone().ok_or("the update call is unknown: give --update 'PATCH /api/users/me/'")?;
    let read = options.read.clone().unwrap_or_else(|| Call { method: "GET".into(), path: update.path.clone() });
    let write_schema = doc.request_body(&update)?;
    let takes_files = doc.takes_multipart(&update);
    let read_schema = doc.answer(&read).or_else(|_| doc.answer(&update))?;
    let mut to_check = Vec::new();

    let written = flatten(&doc, &write_schema, "", true);
    let answered = flatten(&doc, &read_schema, "", false);
    let mut fields = Vec::new();
    for (path, schema) in &written {
        if skipped(path) {
            continue;
        }
        let answer = answered_at(&answered, path);
        let mut f = field(&doc, path, schema, answer.map(|(p, s)| (p.as_str(), s)), &answered, false, &mut to_check);
        if f["kind"] == "file" && !takes_files && f.get("read_only").is_none() {
            // A JSON-only update cannot carry a file: shown, not uploaded.
            let spec = f.as_object_mut().expect("a field is an object");
            spec.remove("nullable");
            spec.insert("read_only".into(), json!(true));
            to_check.push(format!("{path}: a file, but the update takes JSON only, so it is shown read-only"));
        }
        fields.push(f);
    }
    for (path, schema) in &answered {
        let known = written.iter().any(|(p, _)| p == path || p.rsplit('.').next() == Some(path.as_str()));
        if known || skipped(path) || data_twin(path, &written) || schema.is_object() {
            continue;
        }
        fields.push(field(&doc, path, schema, None, &answered, true, &mut to_check));
    }
    order_by_section(&mut fields);

    let photo = fields.iter().find(|f| f["kind"] == "file" && f["section"] == "photo").map(|f| {
        let removal = if f["nullable"] == true { "empty_part" } else { "none" };
        json!({"field": f["path"], "remove": removal})
    });
    let auth = options.auth.clone().unwrap_or_else(|| "bearer".into());
    let mut endpoints = Map::new();
    endpoints.insert("read".into(), read.json());
    endpoints.insert("update".into(), update.json());
    for (key, call) in [
        ("sign_in", &options.sign_in),
        ("sign_out", &options.sign_out),
        ("refresh", &options.refresh),
        ("csrf", &options.csrf),
    ] {
        if let Some(call) = call {
            endpoints.insert(key.into(), call.json());
        }
    }
    let password_change = options.password_change.as_ref().zip(options.password_keys.as_ref());
    if let Some((call, _)) = password_change {
        endpoints.insert("password_change".into(), call.json());
    }
    if let Some(call) = &options.delete_account {
        endpoints.insert("delete_account".into(), call.json());
    }
    let mut dialect = Map::new();
    dialect.insert("format".into(), json!(profile_model::dialect::FORMAT));
    dialect.insert("name".into(), json!(options.name));
    dialect.insert(
        "description".into(),
        json!(format!("Generated from {} by dialect-gen", doc.title().unwrap_or("an OpenAPI document"))),
    );
    dialect.insert("auth".into(), json!(auth));
    dialect.insert("endpoints".into(), Value::Object(endpoints));
    dialect.insert(
        "sign_in".into(),
        json!({
            "login_field": options.login_field.clone().unwrap_or_else(|| "email".into()),
            "token_field": options.token_field.clone().or_else(|| default_token_field(&auth)),
            "refresh_field": options.refresh_field,
        }),
    );
    if let Some((_, keys)) = password_change {
        dialect.insert("password_change".into(), json!(keys));
    }
    if options.delete_account.is_some() {
        let current = options.delete_account_field.as_deref().filter(|k| *k != "none");
        dialect.insert("delete_account".into(), json!({"current_field": current}));
    }
    dialect.insert("id_field".into(), json!("id"));
    if let Some(envelope) = &options.error_envelope {
        dialect.insert("error_envelope".into(), json!(envelope));
    }
    dialect.insert("photo".into(), photo.unwrap_or(Value::Null));
    dialect.insert("fields".into(), Value::Array(fields));
    let dialect = Value::Object(dialect);
    profile_model::parse_dialect(&dialect.to_string())
        .map_err(|e| format!("the generated file does not parse: {e}"))?;
    to_check.push("sections: chosen from each field's name; move fields where your pages want them".into());
    to_check.push("labels: the app's translation of field.<name>, else the name made readable; add \"label\" where that is not enough".into());
    Ok(Generated { dialect, decisions, to_check })
}

fn default_token_field(auth: &str) -> Option<String> {
    match auth {
        "bearer" => Some("access".into()),
        "token" => Some("auth_token".into()),
        _ => None,
    }
}

/// Properties no form shows: ids, secrets, and the `_data` twins that
/// carry names for a list of ids.
fn skipped(path: &str) -> bool {
    let name = path.rsplit('.').next().unwrap_or(path);
    matches!(name, "id" | "pk" | "uuid" | "password" | "user_id")
        || name.starts_with("is_current_")
        || name.ends_with("_data") && !name.contains("additional")
        || name == "additional_data"
}

/// `skills_data` next to a written `skills`.
fn data_twin(path: &str, written: &[(String, Schema)]) -> bool {
    path.strip_suffix("_data").is_some_and(|base| written.iter().any(|(p, _)| p.rsplit('.').next() == Some(base)))
}

/// Where the read answer holds a written path: at the same path, or flat
/// by its last segment (aisquare answers `bio` and takes `details.bio`).
fn answered_at<'a>(answered: &'a [(String, Schema)], path: &str) -> Option<&'a (String, Schema)> {
    let name = path.rsplit('.').next().unwrap_or(path);
    answered.iter().find(|(p, _)| p == path).or_else(|| answered.iter().find(|(p, _)| p == name))
}

/// Leaf properties by dotted path; objects with properties nest.
fn flatten(doc: &Doc, schema: &Schema, prefix: &str, nest: bool) -> Vec<(String, Schema)> {
    let mut out = Vec::new();
    for (name, prop) in doc.properties(schema) {
        let path = if prefix.is_empty() { name.clone() } else { format!("{prefix}.{name}") };
        let resolved = doc.resolve(&prop);
        if !nest || !prefix.is_empty() || resolved.properties_count(doc) == 0 {
            out.push((path, resolved));
        } else {
            out.extend(flatten(doc, &resolved, &path, nest));
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn field(
    doc: &Doc,
    path: &str,
    written: &Schema,
    answer: Option<(&str, &Schema)>,
    answered: &[(String, Schema)],
    answer_only: bool,
    to_check: &mut Vec<String>,
) -> Value {
    let name = path.rsplit('.').next().unwrap_or(path);
    let read_only = answer_only || written.read_only();
    let (kind, choices, untyped) = kind_of(doc, name, written, answer.map(|(_, s)| s));
    let mut f = Map::new();
    f.insert("path".into(), json!(path));
    f.insert("kind".into(), json!(kind.name()));
    if let Some(choices) = choices {
        f.insert("choices".into(), json!(choices));
    }
    let section = section_of(name, kind, read_only);
    f.insert("section".into(), json!(section.name()));
    let help = written.description().unwrap_or_default();
    if let Some(n) = written.max_length().or_else(|| django_help_max(help)).filter(|_| kind.is_text() && !read_only) {
        f.insert("max_length".into(), json!(n));
    }
    // drf-spectacular writes minLength 1 for a field that may not be blank;
    // Django's own help texts start with "Required." (username).
    if (written.min_length().is_some_and(|n| n > 0) || help.starts_with("Required.")) && !read_only {
        f.insert("required".into(), json!(true));
    }
    if written.nullable(doc) && !read_only {
        f.insert("nullable".into(), json!(true));
    }
    if read_only {
        f.insert("read_only".into(), json!(true));
    }
    if kind == FieldKind::Date && (name == "dob" || name.contains("birth")) {
        f.insert("not_future".into(), json!(true));
    }
    if untyped {
        to_check.push(format!("{path}: the document gives no type; shown as {}", kind.name()));
    }
    // Where to read it, when not where it is written.
    let data = answered.iter().find(|(p, _)| *p == format!("{name}_data"));
    if let (FieldKind::List, Some((data_path, data_schema))) = (kind, data) {
        f.insert("read_from".into(), json!(data_path));
        if let Some(key) = doc.item_key(data_schema) {
            f.insert("read_key".into(), json!(key));
        }
    } else if let Some((answer_path, answer_schema)) = answer {
        if answer_path != path {
            f.insert("read_from".into(), json!(answer_path));
        }
        if let Some(key) = doc.object_key(answer_schema).filter(|_| !written.is_object_in(doc)) {
            f.insert("read_key".into(), json!(key));
            to_check.push(format!("{path}: answered as an object, written as its {key:?}"));
        }
    } else if let Some(key) = doc.item_key(written) {
        f.insert("read_key".into(), json!(key));
    }
    Value::Object(f)
}

fn kind_of(doc: &Doc, name: &str, written: &Schema, answer: Option<&Schema>) -> (FieldKind, Option<Vec<String>>, bool) {
    if let Some(values) = written.enum_values(doc) {
        return (FieldKind::Choice, Some(values), false);
    }
    let format = written.format(doc);
    match (written.primary_type(doc).as_deref(), format.as_deref()) {
        (Some("boolean"), _) => (FieldKind::Bool, None, false),
        (Some("integer" | "number"), _) => (FieldKind::Number, None, false),
        (Some("array"), _) => (FieldKind::List, None, false),
        (Some("string"), Some("binary")) => (FieldKind::File, None, false),
        (Some("string"), Some("email")) => (FieldKind::Email, None, false),
        (Some("string"), Some("uri")) if looks_like_file(name) => (FieldKind::File, None, false),
        (Some("string"), Some("uri")) => (FieldKind::Url, None, false),
        (Some("string"), Some("date")) => (FieldKind::Date, None, false),
        (Some("string"), Some("date-time")) => (FieldKind::DateTime, None, false),
        (Some("string"), _) if name == "username" || written.pattern().is_some_and(|p| p.contains("[\\w.@+-]")) => {
            (FieldKind::Username, None, false)
        }
        (Some("string"), _) if name.contains("phone") || name.starts_with("mobile") => (FieldKind::Phone, None, false),
        (Some("string"), _) if written.max_length().is_none_or(|n| n > 200) && multiline_name(name) => {
            (FieldKind::Multiline, None, false)
        }
        (Some("string") | Some("object"), _) => (FieldKind::Text, None, false),
        _ if answer.is_some_and(|a| a.is_object_in(doc)) => (FieldKind::Text, None, false),
        _ if multiline_name(name) => (FieldKind::Multiline, None, true),
        _ => (FieldKind::Text, None, true),
    }
}

/// "150 characters or fewer", as Django's help texts say it.
fn django_help_max(help: &str) -> Option<u64> {
    let at = help.find(" characters or fewer")?;
    help[..at].rsplit(|c: char| !c.is_ascii_digit()).next()?.parse().ok()
}

fn looks_like_file(name: &str) -> bool {
    ["picture", "avatar", "photo", "image", "resume", "file", "attachment"].iter().any(|w| name.contains(w))
}

fn multiline_name(name: &str) -> bool {
    ["bio", "address", "about", "description", "_text", "summary"].iter().any(|w| name.contains(w))
}

/// A section from the field's name and kind, the way the shipped files
/// group theirs.
fn section_of(name: &str, kind: FieldKind, read_only: bool) -> Section {
    let has = |words: &[&str]| words.iter().any(|w| name.contains(w));
    if kind == FieldKind::File && has(&["picture", "avatar", "photo", "image"]) {
        Section::Photo
    } else if kind == FieldKind::Bool && has(&["email", "notif", "preference", "newsletter", "communication"]) {
        Section::Notifications
    } else if has(&["username", "email"])
        || has(&["created", "joined", "last_login", "updated", "groups", "is_"]) && read_only
    {
        Section::Account
    } else if has(&["first_name", "last_name", "full_name", "middle_name", "nickname"]) || name == "title" && !read_only
    {
        Section::Name
    } else if has(&["phone", "mobile"]) {
        Section::Contact
    } else if kind == FieldKind::Url {
        Section::Links
    } else if has(&["address", "city", "postal", "zip", "country", "state", "region"]) {
        Section::Address
    } else if kind == FieldKind::List && !read_only {
        Section::Interests
    } else if kind == FieldKind::Number || read_only && kind == FieldKind::Text {
        Section::Activity
    } else {
        Section::About
    }
}

/// Display order: by section as the app's pages list them, stable within.
fn order_by_section(fields: &mut [Value]) {
    let rank = |f: &Value| Section::ALL.iter().position(|s| f["section"] == s.name()).unwrap_or(usize::MAX);
    fields.sort_by_key(rank);
}

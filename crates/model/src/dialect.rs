//! A dialect file: everything the app needs to know about one backend,
//! as data. Its endpoints, auth, sign-in and photo are the defaults that
//! `config.json` may override; its fields are the catalogue that drives
//! the pages, validation, answer reading, patches and error placement.
//! The format is documented in the README ("Dialect files"); errors name
//! the offending key, as for `config.json`, because people write these
//! by hand or from the OpenAPI generator.

use crate::catalogue::{FieldKind, FieldSpec, Label, Section};
use crate::config::{
    avatar_policy, endpoint, err, err_with, json_text, kind, known_keys, object, one_of, sign_in, string, ConfigError,
    ConfigFile, Explain, Explained, ReadJson, Reading, Unexplained,
};
use crate::{AuthMode, AvatarPolicy, DeleteAccount, Endpoints, PasswordChange, SignIn};
use serde::Serialize;
use serde_json::{Map, Value};

/// The dialect file format this build writes. Format 2 added the account
/// security calls (`password_change`, `delete_account`).
pub const FORMAT: u64 = 2;

/// The oldest format this build still reads: a format 1 file is a format 2
/// file without the keys format 2 added.
pub const OLDEST_FORMAT: u64 = 1;

/// A dialect file's keys, in the order the README and the shipped files
/// write them.
pub const TOP_KEYS: [&str; 12] = [
    "format",
    "name",
    "description",
    "auth",
    "endpoints",
    "sign_in",
    "password_change",
    "delete_account",
    "id_field",
    "error_envelope",
    "photo",
    "fields",
];

/// The endpoints' keys, in that order.
pub const ENDPOINT_KEYS: [&str; 8] =
    ["read", "update", "sign_in", "sign_out", "refresh", "csrf", "password_change", "delete_account"];

/// The keys format 2 added: top-level blocks and their endpoints alike.
const FORMAT_2_KEYS: [&str; 2] = ["password_change", "delete_account"];

/// One backend, as its dialect file describes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Dialect {
    /// Short name (`letraz`); names this backend's drafts in the browser.
    pub name: String,
    pub auth: AuthMode,
    pub endpoints: Endpoints,
    pub sign_in: SignIn,
    /// The password change body's keys; present exactly when
    /// `endpoints.password_change` is.
    pub password_change: Option<PasswordChange>,
    /// The account deletion body; present exactly when
    /// `endpoints.delete_account` is.
    pub delete_account: Option<DeleteAccount>,
    /// The photo field and what an upload accepts (no field: no photo).
    pub photo: AvatarPolicy,
    /// How a photo is removed.
    pub photo_removal: PhotoRemoval,
    /// Key of the read answer whose value fills `{id}` in endpoint paths.
    pub id_field: String,
    /// Key of the error envelope (`{"error": {message, details}}`).
    pub error_envelope: String,
    /// Every field, in display order.
    pub fields: Vec<FieldSpec>,
}

/// How the backend takes "no photo".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PhotoRemoval {
    /// `{"avatar": null}` in the JSON update (a nullable `ImageField`).
    Null,
    /// An empty `avatar` part in a multipart update.
    EmptyPart,
    /// The photo cannot be removed.
    None,
}

impl Dialect {
    /// For the app, which reads one dialect per page load and keeps it to
    /// the end: `&'static` lets every view borrow its fields freely.
    pub fn leak(self) -> &'static Dialect {
        Box::leak(Box::new(self))
    }
}

/// Where `config.json` says the dialect file is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DialectSource {
    /// One of the files the app ships (`dialects/<name>.json`).
    Shipped(String),
    /// A URL or absolute path of a file the deployer serves.
    Url(String),
}

impl DialectSource {
    /// The URL to fetch: shipped files sit beside the app.
    pub fn url(&self) -> String {
        match self {
            DialectSource::Shipped(name) => format!("/dialects/{name}.json"),
            DialectSource::Url(url) => url.clone(),
        }
    }
}

/// The names of the dialect files the app ships.
pub const SHIPPED: [&str; 5] = ["letraz", "aisquare-profile", "aisquare-details", "pwgen", "users-me"];

/// Reads `config.json`'s `dialect`: a shipped name, or where a dialect file
/// is (`https://…/x.json`, `/x.json`). The rest of the config is read by
/// [`crate::parse_config`] once the file is in.
pub fn dialect_source(config_text: &str) -> Result<DialectSource, ConfigError> {
    dialect_source_with(config_text, crate::config::serde_json_text)
}

/// [`dialect_source`] with the text read by `read`.
pub fn dialect_source_with(config_text: &str, read: ReadJson) -> Result<DialectSource, ConfigError> {
    dialect_source_as::<Explained>(config_text, read)
}

/// [`dialect_source_with`] whose errors name the key only ([`Unexplained`]).
pub fn dialect_source_unexplained(config_text: &str, read: ReadJson) -> Result<DialectSource, ConfigError> {
    dialect_source_as::<Unexplained>(config_text, read)
}

fn dialect_source_as<E: Explain>(config_text: &str, read: ReadJson) -> Result<DialectSource, ConfigError> {
    let file = Reading::<E>::of(ConfigFile::AppConfig);
    source_of(&crate::config::json_with(config_text, file, read)?, file)
}

/// The dialect source of a config already read.
pub(crate) fn source_of<E: Explain>(json: &Value, file: Reading<E>) -> Result<DialectSource, ConfigError> {
    let obj = object(json, "", file)?;
    let expected = || format!("one of {}, or the URL of a dialect file ending in .json", SHIPPED.join(", "));
    let value =
        obj.get("dialect").ok_or_else(|| file.error_with("dialect", || format!("missing; expected {}", expected())))?;
    let name = string(value, "dialect", file)?.trim();
    if SHIPPED.contains(&name) {
        return Ok(DialectSource::Shipped(name.to_string()));
    }
    let url_like =
        name.starts_with("https://") || name.starts_with("http://") || name.starts_with('/') && !name.starts_with("//");
    if url_like && name.ends_with(".json") && !name.chars().any(char::is_whitespace) {
        return Ok(DialectSource::Url(name.to_string()));
    }
    err_with(file, "dialect", || format!("unknown dialect \"{name}\"; expected {}", expected()))
}

/// Parses and checks a dialect file.
pub fn parse_dialect(text: &str) -> Result<Dialect, ConfigError> {
    parse_dialect_with(text, crate::config::serde_json_text)
}

/// [`parse_dialect`] with the text read by `read`.
pub fn parse_dialect_with(text: &str, read: ReadJson) -> Result<Dialect, ConfigError> {
    parse_dialect_as::<Explained>(text, read)
}

/// [`parse_dialect_with`] whose errors name the key only ([`Unexplained`]).
pub fn parse_dialect_unexplained(text: &str, read: ReadJson) -> Result<Dialect, ConfigError> {
    parse_dialect_as::<Unexplained>(text, read)
}

fn parse_dialect_as<E: Explain>(text: &str, read: ReadJson) -> Result<Dialect, ConfigError> {
    let file = Reading::<E>::of(ConfigFile::Dialect);
    let json = crate::config::json_with(text, file, read)?;
    let obj = object(&json, "", file)?;
    known_keys(obj, "", &TOP_KEYS, file)?;
    let format = match obj.get("format") {
        None => return err_with(file, "format", || format!("missing; expected {FORMAT}")),
        Some(v) => match v.as_u64() {
            Some(n) if (OLDEST_FORMAT..=FORMAT).contains(&n) => n,
            _ => {
                return err_with(file, "format", || {
                    format!("this app reads formats {OLDEST_FORMAT} to {FORMAT}, got {}", json_text(v))
                })
            }
        },
    };
    if format < 2 {
        // A format 1 reader would refuse these keys; a file that uses them
        // says so, rather than being read differently by older apps.
        let endpoint_keys = obj.get("endpoints").and_then(Value::as_object);
        for key in FORMAT_2_KEYS {
            let at = if obj.contains_key(key) {
                key.to_string()
            } else if endpoint_keys.is_some_and(|e| e.contains_key(key)) {
                format!("endpoints.{key}")
            } else {
                continue;
            };
            return err(file, &at, "new in format 2; set \"format\": 2");
        }
    }
    let name = required_string(obj, "name", file)?;
    if !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
        return err_with(file, "name", || format!("\"{name}\": use letters, digits, '-' and '_'"));
    }
    if let Some(v) = obj.get("description") {
        string(v, "description", file)?;
    }
    let auth = crate::config::auth_mode(required(obj, "auth", file)?, "auth", file)?;
    let endpoints = endpoints(required(obj, "endpoints", file)?, file)?;
    let no_token = SignIn { login_field: crate::LoginField::Email, token_field: None, refresh_field: None };
    let sign_in = match obj.get("sign_in") {
        Some(v) => sign_in(v, no_token, file)?,
        None => no_token,
    };
    let id_field = match obj.get("id_field") {
        Some(v) => key_name(string(v, "id_field", file)?, "id_field", file)?,
        None => "id".to_string(),
    };
    let error_envelope = match obj.get("error_envelope") {
        Some(v) => key_name(string(v, "error_envelope", file)?, "error_envelope", file)?,
        None => crate::parse_error::DEFAULT_ENVELOPE.to_string(),
    };
    let password_change =
        account_block(obj, &endpoints.password_change, "password_change", crate::account::password_change, file)?;
    let delete_account =
        account_block(obj, &endpoints.delete_account, "delete_account", crate::account::delete_account, file)?;
    let fields = fields(required(obj, "fields", file)?, file)?;
    let (photo, photo_removal) = match obj.get("photo") {
        None | Some(Value::Null) => (AvatarPolicy::default(), PhotoRemoval::None),
        Some(v) => photo(v, &fields, file)?,
    };
    let dialect = Dialect {
        name,
        auth,
        endpoints,
        sign_in,
        password_change,
        delete_account,
        photo,
        photo_removal,
        id_field,
        error_envelope,
        fields,
    };
    crate::config::check_auth(dialect.auth, &dialect.endpoints, &dialect.sign_in, file)?;
    Ok(dialect)
}

fn required<'a, E: Explain>(
    obj: &'a Map<String, Value>,
    key: &str,
    file: Reading<E>,
) -> Result<&'a Value, ConfigError> {
    obj.get(key).ok_or_else(|| file.error(key, "missing"))
}

fn required_string<E: Explain>(obj: &Map<String, Value>, key: &str, file: Reading<E>) -> Result<String, ConfigError> {
    let s = string(required(obj, key, file)?, key, file)?.trim();
    if s.is_empty() {
        return err(file, key, "must not be empty");
    }
    Ok(s.to_string())
}

/// A key of a JSON object as DRF writes them.
fn key_name<E: Explain>(s: &str, at: &str, file: Reading<E>) -> Result<String, ConfigError> {
    let s = s.trim();
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-') {
        return err_with(file, at, || format!("\"{s}\" is not a key such as \"id\" (letters, digits, '_', '-')"));
    }
    Ok(s.to_string())
}

/// The body block of an account call: there exactly when its endpoint is,
/// so the app never sends a body whose keys nobody wrote down.
fn account_block<T, E: Explain>(
    obj: &Map<String, Value>,
    endpoint: &Option<crate::Endpoint>,
    key: &str,
    parse: fn(&Value, Reading<E>) -> Result<T, ConfigError>,
    file: Reading<E>,
) -> Result<Option<T>, ConfigError> {
    match (obj.get(key).filter(|v| !v.is_null()), endpoint) {
        (Some(v), Some(_)) => parse(v, file).map(Some),
        (None, None) => Ok(None),
        (None, Some(_)) => err_with(file, key, || {
            format!("missing; endpoints.{key} needs a {key} block naming the body's keys ({})", block_keys(key))
        }),
        (Some(_), None) => {
            err_with(file, key, || format!("there is no endpoints.{key}; add the call or remove this block"))
        }
    }
}

fn block_keys(key: &str) -> String {
    let keys: &[&str] = match key {
        "password_change" => &crate::account::PASSWORD_CHANGE_KEYS,
        _ => &crate::account::DELETE_ACCOUNT_KEYS,
    };
    keys.join(", ")
}

fn endpoints<E: Explain>(v: &Value, file: Reading<E>) -> Result<Endpoints, ConfigError> {
    let obj = object(v, "endpoints", file)?;
    known_keys(obj, "endpoints", &ENDPOINT_KEYS, file)?;
    let call = |key: &str, method: &str| -> Result<Option<crate::Endpoint>, ConfigError> {
        match obj.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => endpoint(v, &format!("endpoints.{key}"), crate::Endpoint::new(method, ""), file).map(Some),
        }
    };
    let optional = |key: &str| call(key, Endpoints::default_method(key));
    let needed =
        |key: &str, method: &str| call(key, method)?.ok_or_else(|| file.error(&format!("endpoints.{key}"), "missing"));
    Ok(Endpoints {
        read: needed("read", "GET")?,
        update: needed("update", "PATCH")?,
        sign_in: optional("sign_in")?,
        sign_out: optional("sign_out")?,
        refresh: optional("refresh")?,
        csrf: optional("csrf")?,
        password_change: optional("password_change")?,
        delete_account: optional("delete_account")?,
    })
}

fn photo<E: Explain>(
    v: &Value,
    fields: &[FieldSpec],
    file: Reading<E>,
) -> Result<(AvatarPolicy, PhotoRemoval), ConfigError> {
    let obj = object(v, "photo", file)?;
    let removal = match obj.get("remove") {
        None => PhotoRemoval::Null,
        Some(v) => {
            let name = string(v, "photo.remove", file)?;
            one_of(
                name,
                "photo.remove",
                &[("null", PhotoRemoval::Null), ("empty_part", PhotoRemoval::EmptyPart), ("none", PhotoRemoval::None)],
                file,
            )?
        }
    };
    if !obj.contains_key("field") {
        return err(file, "photo.field", "missing; the path of a file field, or null");
    }
    let keys = ["field", "max_bytes", "accepted_types", "remove"];
    let policy = avatar_policy(v, &keys, fields, AvatarPolicy::default(), "photo", file)?;
    Ok((policy, removal))
}

fn fields<E: Explain>(v: &Value, file: Reading<E>) -> Result<Vec<FieldSpec>, ConfigError> {
    let list = v
        .as_array()
        .ok_or_else(|| file.error_with("fields", || format!("expected a list of fields, got {}", kind(v))))?;
    if list.is_empty() {
        return err(file, "fields", "expected at least one field");
    }
    let mut out: Vec<FieldSpec> = Vec::with_capacity(list.len());
    for (i, v) in list.iter().enumerate() {
        let spec = field(v, &format!("fields.{i}"), file)?;
        if out.iter().any(|f| f.path == spec.path) {
            return err_with(file, &format!("fields.{i}.path"), || format!("\"{}\" is already a field", spec.path));
        }
        out.push(spec);
    }
    Ok(out)
}

/// A field's keys, in that order.
pub const FIELD_KEYS: [&str; 12] = [
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

fn field<E: Explain>(v: &Value, at: &str, file: Reading<E>) -> Result<FieldSpec, ConfigError> {
    let obj = object(v, at, file)?;
    known_keys(obj, at, &FIELD_KEYS, file)?;
    let key = |k: &str| format!("{at}.{k}");
    let get = |k: &str| obj.get(k).ok_or_else(|| file.error(&key(k), "missing"));

    let path = dotted_path(string(get("path")?, &key("path"), file)?, &key("path"), file)?;
    let kinds: Vec<_> = FieldKind::ALL.iter().map(|k| (k.name(), *k)).collect();
    let kind_of = one_of(string(get("kind")?, &key("kind"), file)?, &key("kind"), &kinds, file)?;
    let sections: Vec<_> = Section::ALL.iter().map(|s| (s.name(), *s)).collect();
    let section = one_of(string(get("section")?, &key("section"), file)?, &key("section"), &sections, file)?;
    let mut spec = FieldSpec::new(&path, kind_of, section);

    match (obj.get("choices"), kind_of) {
        (Some(v), FieldKind::Choice) => {
            let items = v
                .as_array()
                .filter(|a| !a.is_empty())
                .ok_or_else(|| file.error(&key("choices"), "expected a list of the values the server takes"))?;
            for (j, item) in items.iter().enumerate() {
                spec.choices.push(string(item, &format!("{at}.choices.{j}"), file)?.to_string());
            }
        }
        (None, FieldKind::Choice) => return err(file, &key("choices"), "missing; a choice field lists its values"),
        (Some(_), _) => return err(file, &key("choices"), "only a field of kind \"choice\" has choices"),
        (None, _) => {}
    }
    if let Some(v) = obj.get("max_length") {
        let n = v.as_u64().filter(|n| *n > 0 && kind_of.is_text());
        spec.max_length = Some(n.ok_or_else(|| {
            file.error_with(&key("max_length"), || {
                format!("expected a whole number above 0 on a text kind, got {}", json_text(v))
            })
        })? as usize);
    }
    for (flag, slot) in [
        ("required", &mut spec.required),
        ("nullable", &mut spec.nullable),
        ("read_only", &mut spec.read_only),
        ("not_future", &mut spec.not_future),
    ] {
        if let Some(v) = obj.get(flag) {
            *slot = v
                .as_bool()
                .ok_or_else(|| file.error_with(&key(flag), || format!("expected true or false, got {}", kind(v))))?;
        }
    }
    if spec.not_future && kind_of != FieldKind::Date {
        return err(file, &key("not_future"), "only a date field can be bounded by today");
    }
    if let Some(v) = obj.get("label") {
        spec.label = Some(label(v, &key("label"), file)?);
    }
    if let Some(v) = obj.get("read_from") {
        spec.read_from = Some(dotted_path(string(v, &key("read_from"), file)?, &key("read_from"), file)?);
    }
    if let Some(v) = obj.get("read_key") {
        spec.read_key = Some(key_name(string(v, &key("read_key"), file)?, &key("read_key"), file)?);
    }
    Ok(spec)
}

/// `details.bio`: keys joined by dots.
fn dotted_path<E: Explain>(s: &str, at: &str, file: Reading<E>) -> Result<String, ConfigError> {
    let s = s.trim();
    let ok = !s.is_empty()
        && s.split('.').all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'));
    if !ok {
        return err_with(file, at, || {
            format!("\"{s}\" is not a field path such as \"bio\" or \"details.bio\" (keys of letters, digits and '_', joined by '.')")
        });
    }
    Ok(s.to_string())
}

fn label<E: Explain>(v: &Value, at: &str, file: Reading<E>) -> Result<Label, ConfigError> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Ok(Label::Key(s.trim().to_string())),
        Value::Object(texts) if !texts.is_empty() => {
            let mut out = std::collections::BTreeMap::new();
            for (lang, text) in texts {
                let text = string(text, &format!("{at}.{lang}"), file)?;
                let mut parts = lang.split('-');
                let primary = parts.next().unwrap_or_default();
                let lang_ok = (2..=3).contains(&primary.len())
                    && primary.bytes().all(|b| b.is_ascii_alphabetic())
                    && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()));
                if !lang_ok {
                    return err(file, &format!("{at}.{lang}"), "expected a language code such as \"en\" or \"pt-BR\"");
                }
                out.insert(lang.to_ascii_lowercase(), text.to_string());
            }
            Ok(Label::Text(out))
        }
        _ => err_with(file, at, || {
            format!("expected a translation key such as \"field.joined\" or texts by language such as {{\"en\": \"Joined\"}}, got {}", kind(v))
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The app's first reading of a file stops at the key the explained one
    /// names, with no message (#28: the message comes with a second reading).
    fn assert_stops_unexplained_where_explained(text: &str, explained: &ConfigError) {
        let quiet = parse_dialect_unexplained(text, crate::config::serde_json_text).unwrap_err();
        assert_eq!((quiet.file, quiet.path.as_str()), (explained.file, explained.path.as_str()), "{text}");
        assert!(quiet.message.is_empty() && !explained.message.is_empty(), "{quiet:?} / {explained:?}");
    }

    const MINIMAL: &str = r#"{"format": 1, "name": "mine", "auth": "token",
        "endpoints": {"read": {"path": "/me/"}, "update": {"path": "/me/"}, "sign_in": {"path": "/login/"}},
        "sign_in": {"login_field": "username", "token_field": "auth_token"},
        "fields": [{"path": "first_name", "kind": "text", "section": "name", "max_length": 150}]}"#;

    #[test]
    fn a_minimal_file_takes_the_documented_defaults() {
        let d = parse_dialect(MINIMAL).unwrap();
        assert_eq!(d.endpoints.read.method, "GET");
        assert_eq!(d.endpoints.update.method, "PATCH");
        assert_eq!(d.endpoints.sign_in.as_ref().unwrap().method, "POST");
        assert_eq!((d.id_field.as_str(), d.error_envelope.as_str()), ("id", "error"));
        assert_eq!((d.photo.field.as_deref(), d.photo_removal), (None, PhotoRemoval::None));
        assert_eq!(d.fields[0].max_length, Some(150));
    }

    #[test]
    fn every_shipped_file_parses_and_is_named_as_its_file() {
        for name in SHIPPED {
            let d = crate::shipped::by_name(name).unwrap_or_else(|| panic!("{name}"));
            assert_eq!(d.name, name);
        }
    }

    #[test]
    fn errors_name_the_key() {
        let with = |patch: &str| MINIMAL.replacen(r#""format": 1,"#, patch, 1);
        let cases = [
            (with(r#""format": 3,"#), "format"),
            (with(r#""format": "2","#), "format"),
            (with(r#""format": 1, "colour": "red","#), "colour"),
            (with(r#""format": 1, "error_envelope": "a.b","#), "error_envelope"),
            (with(r#""format": 1, "photo": {"field": "avatar"},"#), "photo.field"),
            (with(r#""format": 1, "photo": {"field": null, "remove": "delete"},"#), "photo.remove"),
            (MINIMAL.replace(r#""kind": "text""#, r#""kind": "string""#), "fields.0.kind"),
            (MINIMAL.replace(r#""section": "name""#, r#""section": "misc""#), "fields.0.section"),
            (MINIMAL.replace(r#""path": "first_name""#, r#""path": "first name""#), "fields.0.path"),
            (MINIMAL.replace(r#""max_length": 150"#, r#""max_length": 0"#), "fields.0.max_length"),
            (MINIMAL.replace(r#""max_length": 150"#, r#""choices": ["a"]"#), "fields.0.choices"),
            (MINIMAL.replace(r#""kind": "text""#, r#""kind": "choice""#), "fields.0.choices"),
            (MINIMAL.replace(r#""max_length": 150"#, r#""label": {"english": "x"}"#), "fields.0.label.english"),
            (MINIMAL.replace(r#""max_length": 150"#, r#""nullable": "yes""#), "fields.0.nullable"),
            (MINIMAL.replace(r#""max_length": 150"#, r#""not_future": true"#), "fields.0.not_future"),
            (MINIMAL.replace(r#""update": {"path": "/me/"}, "#, ""), "endpoints.update"),
            (MINIMAL.replace(r#""token_field": "auth_token""#, r#""token_field": null"#), "sign_in.token_field"),
            (
                MINIMAL.replace(
                    r#""fields": [{"#,
                    r#""fields": [{"path": "first_name", "kind": "text", "section": "name"}, {"#,
                ),
                "fields.1.path",
            ),
        ];
        for (text, path) in cases {
            let e = parse_dialect(&text).unwrap_err();
            assert_eq!(e.path, path, "{text}: {e}");
            assert!(e.to_string().starts_with("dialect file"), "{e}");
            assert_stops_unexplained_where_explained(&text, &e);
        }
    }

    /// [`MINIMAL`] in format 2 with djoser's account calls.
    fn djoser_account(endpoints: &str, blocks: &str) -> String {
        MINIMAL.replacen(r#""format": 1,"#, &format!(r#""format": 2, {blocks}"#), 1).replacen(
            r#""sign_in": {"path": "/login/"}}"#,
            &format!(r#""sign_in": {{"path": "/login/"}}{endpoints}}}"#),
            1,
        )
    }

    const DJOSER_ENDPOINTS: &str = r#", "password_change": {"path": "/users/set_password/"},
        "delete_account": {"path": "/users/me/"}"#;
    const DJOSER_BLOCKS: &str = r#""password_change": {"current_field": "current_password",
        "new_field": "new_password", "confirm_field": "re_new_password"},
        "delete_account": {"current_field": "current_password"},"#;

    #[test]
    fn account_calls_take_their_methods_and_body_keys() {
        let d = parse_dialect(&djoser_account(DJOSER_ENDPOINTS, DJOSER_BLOCKS)).unwrap();
        assert_eq!(d.endpoints.password_change, Some(crate::Endpoint::new("POST", "/users/set_password/")));
        assert_eq!(d.endpoints.delete_account, Some(crate::Endpoint::new("DELETE", "/users/me/")));
        let change = d.password_change.as_ref().unwrap();
        assert_eq!(
            (change.current_field.as_deref(), change.new_field.as_str(), change.confirm_field.as_deref()),
            (Some("current_password"), "new_password", Some("re_new_password"))
        );
        assert_eq!(d.delete_account.as_ref().unwrap().current_field.as_deref(), Some("current_password"));
        let c = crate::AppConfig::defaults(d.leak());
        assert_eq!(c.password_change().map(|(e, _)| e.path.as_str()), Some("/users/set_password/"));
        assert!(c.delete_account().unwrap().1.needs_current_password());

        // dj-rest-auth without OLD_PASSWORD_FIELD_ENABLED, and a deletion with no body.
        let d = parse_dialect(&djoser_account(
            r#", "password_change": {"path": "/auth/password/change/"}, "delete_account": {"path": "/me/{id}/delete/"}"#,
            r#""password_change": {"current_field": null, "new_field": "new_password1", "confirm_field": "new_password2"},
               "delete_account": {"current_field": null},"#,
        ))
        .unwrap();
        assert_eq!(d.password_change.unwrap().current_field, None);
        assert!(!d.delete_account.unwrap().needs_current_password());
    }

    #[test]
    fn a_format_1_file_loads_without_account_calls() {
        let d = parse_dialect(MINIMAL).unwrap();
        assert_eq!((d.endpoints.password_change.as_ref(), d.password_change.as_ref()), (None, None));
        assert_eq!((d.endpoints.delete_account.as_ref(), d.delete_account.as_ref()), (None, None));
        let c = crate::AppConfig::defaults(d.leak());
        assert!(c.password_change().is_none() && c.delete_account().is_none());
        // The same file saying format 2 reads the same.
        assert!(parse_dialect(&MINIMAL.replacen(r#""format": 1"#, r#""format": 2"#, 1)).is_ok());
    }

    #[test]
    fn account_errors_name_the_key() {
        let blocks =
            |change: &str, delete: &str| format!(r#""password_change": {change}, "delete_account": {delete},"#);
        let djoser_change =
            r#"{"current_field": "current_password", "new_field": "new_password", "confirm_field": "re_new_password"}"#;
        let djoser_delete = r#"{"current_field": "current_password"}"#;
        let cases = [
            // Format 1 files cannot use format 2 keys.
            (
                djoser_account(DJOSER_ENDPOINTS, DJOSER_BLOCKS).replacen(r#""format": 2"#, r#""format": 1"#, 1),
                "password_change",
                "new in format 2",
            ),
            (
                djoser_account(DJOSER_ENDPOINTS, "").replacen(r#""format": 2"#, r#""format": 1"#, 1),
                "endpoints.password_change",
                "new in format 2",
            ),
            // The endpoint and its block come together.
            (
                djoser_account(DJOSER_ENDPOINTS, r#""delete_account": {"current_field": null},"#),
                "password_change",
                "missing; endpoints.password_change needs",
            ),
            (djoser_account(DJOSER_ENDPOINTS, &blocks(djoser_change, "null")), "delete_account", "missing"),
            (djoser_account("", DJOSER_BLOCKS), "password_change", "there is no endpoints.password_change"),
            // Wrong types and shapes.
            (
                djoser_account(DJOSER_ENDPOINTS, &blocks("true", djoser_delete)),
                "password_change",
                "expected an object, got a boolean",
            ),
            (
                djoser_account(DJOSER_ENDPOINTS, &blocks(djoser_change, r#"["current_password"]"#)),
                "delete_account",
                "expected an object, got a list",
            ),
            (
                djoser_account(
                    DJOSER_ENDPOINTS,
                    &blocks(r#"{"new_field": null, "current_field": null, "confirm_field": null}"#, djoser_delete),
                ),
                "password_change.new_field",
                "expected a string, got null",
            ),
            (
                djoser_account(
                    DJOSER_ENDPOINTS,
                    &blocks(r#"{"current_field": null, "confirm_field": null}"#, djoser_delete),
                ),
                "password_change.new_field",
                "missing",
            ),
            (
                djoser_account(
                    DJOSER_ENDPOINTS,
                    &blocks(r#"{"new_field": "p", "confirm_field": null}"#, djoser_delete),
                ),
                "password_change.current_field",
                "missing",
            ),
            (
                djoser_account(
                    DJOSER_ENDPOINTS,
                    &blocks(r#"{"new_field": "p", "current_field": 1, "confirm_field": null}"#, djoser_delete),
                ),
                "password_change.current_field",
                "expected a string or null, got a number",
            ),
            (
                djoser_account(
                    DJOSER_ENDPOINTS,
                    &blocks(
                        r#"{"new_field": "new password", "current_field": null, "confirm_field": null}"#,
                        djoser_delete,
                    ),
                ),
                "password_change.new_field",
                "is not a key of the request body",
            ),
            (
                djoser_account(
                    DJOSER_ENDPOINTS,
                    &blocks(r#"{"new_field": "p", "current_field": null, "confirm_field": "p"}"#, djoser_delete),
                ),
                "password_change.confirm_field",
                "already the new_field",
            ),
            (
                djoser_account(
                    DJOSER_ENDPOINTS,
                    &blocks(r#"{"new_field": "p", "current_field": "q", "confirm_field": "q"}"#, djoser_delete),
                ),
                "password_change.confirm_field",
                "the same key as current_field",
            ),
            (
                djoser_account(
                    DJOSER_ENDPOINTS,
                    &blocks(
                        r#"{"new_field": "p", "current_field": null, "confirm_field": null, "old": "x"}"#,
                        djoser_delete,
                    ),
                ),
                "password_change.old",
                "unknown key",
            ),
            (
                djoser_account(DJOSER_ENDPOINTS, &blocks(djoser_change, r#"{"current_field": ""}"#)),
                "delete_account.current_field",
                "is not a key of the request body",
            ),
            (
                djoser_account(DJOSER_ENDPOINTS, &blocks(djoser_change, r#"{}"#)),
                "delete_account.current_field",
                "missing",
            ),
            (
                djoser_account(
                    r#", "password_change": {"path": "/p/"}, "delete_account": {"path": "/me"}"#,
                    DJOSER_BLOCKS,
                ),
                "endpoints.delete_account.path",
                "must end with '/'",
            ),
            (
                djoser_account(
                    r#", "password_change": {"method": "FETCH", "path": "/p/"}, "delete_account": {"path": "/me/"}"#,
                    DJOSER_BLOCKS,
                ),
                "endpoints.password_change.method",
                "unknown method",
            ),
            (
                djoser_account(r#", "password_change": "/p/", "delete_account": {"path": "/me/"}"#, DJOSER_BLOCKS),
                "endpoints.password_change",
                "expected an object, got a string",
            ),
        ];
        for (text, path, message) in cases {
            let e = parse_dialect(&text).unwrap_err();
            assert_eq!(e.path, path, "{text}: {e}");
            assert!(e.message.contains(message), "{path}: {e}");
            assert_stops_unexplained_where_explained(&text, &e);
        }
    }

    #[test]
    fn the_config_moves_or_drops_account_calls_but_cannot_invent_them() {
        let d = parse_dialect(&djoser_account(DJOSER_ENDPOINTS, DJOSER_BLOCKS)).unwrap().leak();
        let config = |text: &str| crate::parse_config(&format!(r#"{{"dialect": "/mine.json", {text}}}"#), d);
        let c = config(
            r#""endpoints": {"password_change": {"path": "/auth/users/set_password/"}, "delete_account": null}"#,
        )
        .unwrap();
        assert_eq!(c.password_change().unwrap().0, &crate::Endpoint::new("POST", "/auth/users/set_password/"));
        assert_eq!(c.delete_account(), None);
        let old = parse_dialect(MINIMAL).unwrap().leak();
        let e =
            crate::parse_config(r#"{"dialect": "/mine.json", "endpoints": {"delete_account": {"path": "/me/"}}}"#, old)
                .unwrap_err();
        assert_eq!(e.path, "endpoints.delete_account", "{e}");
        assert!(e.message.contains("no delete_account block"), "{e}");
        // Turning off a call the dialect does not have is harmless.
        assert!(
            crate::parse_config(r#"{"dialect": "/mine.json", "endpoints": {"password_change": null}}"#, old).is_ok()
        );
    }

    #[test]
    fn labels_are_keys_or_texts_by_language() {
        let d = parse_dialect(
            &MINIMAL.replace(r#""max_length": 150"#, r#""label": {"en": "Given name", "es": "Nombre de pila"}"#),
        )
        .unwrap();
        assert_eq!(d.fields[0].label_text("es"), Some("Nombre de pila"));
        assert_eq!(d.fields[0].label_text("fa"), Some("Given name"));
        let d = parse_dialect(&MINIMAL.replace(r#""max_length": 150"#, r#""label": "field.joined""#)).unwrap();
        assert_eq!((d.fields[0].label_key().as_str(), d.fields[0].label_text("en")), ("field.joined", None));
    }

    #[test]
    fn the_config_names_a_shipped_dialect_or_a_file() {
        assert_eq!(dialect_source(r#"{"dialect": "pwgen"}"#), Ok(DialectSource::Shipped("pwgen".into())));
        assert_eq!(dialect_source(r#"{"dialect": "/mine.json"}"#).unwrap().url(), "/mine.json");
        assert_eq!(
            dialect_source(r#"{"dialect": "https://api.example.com/dialect.json"}"#),
            Ok(DialectSource::Url("https://api.example.com/dialect.json".into()))
        );
        assert_eq!(DialectSource::Shipped("letraz".into()).url(), "/dialects/letraz.json");
        for bad in [r#"{"dialect": "django"}"#, r#"{"dialect": "//evil.example/x.json"}"#, r#"{}"#, r#"{"dialect": 1}"#]
        {
            assert_eq!(dialect_source(bad).unwrap_err().path, "dialect", "{bad}");
        }
    }
}

//! Account security calls of a dialect (format 2): what the body of a
//! password change and of an account deletion holds. The endpoints
//! themselves are [`crate::Endpoints::password_change`] and
//! [`crate::Endpoints::delete_account`]; the app offers each call only
//! where the dialect has it, and builds the bodies here so that no page
//! spells djoser's or dj-rest-auth's keys itself.

use crate::config::{err, err_with, kind, known_keys, object, ConfigError, Explain, Reading};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The keys of a password change body: djoser's `set_password` is
/// `{"current_password", "new_password", "re_new_password"}`, dj-rest-auth's
/// `password/change/` is `{"old_password"?, "new_password1", "new_password2"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordChange {
    /// Key of the current password; `None` where the backend does not ask
    /// for it (dj-rest-auth without `OLD_PASSWORD_FIELD_ENABLED`).
    pub current_field: Option<String>,
    /// Key of the new password.
    pub new_field: String,
    /// Key of the new password typed again; `None` where the backend takes
    /// it once (djoser without `SET_PASSWORD_RETYPE`): the app may still
    /// ask twice and compare, but sends it once.
    pub confirm_field: Option<String>,
}

/// One input of the password change form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PasswordInput {
    Current,
    New,
    Confirm,
}

impl PasswordChange {
    /// The request body; keys the backend does not take are left out.
    pub fn body(&self, current: &str, new: &str, confirm: &str) -> Value {
        let mut m = Map::new();
        if let Some(k) = &self.current_field {
            m.insert(k.clone(), Value::String(current.to_string()));
        }
        m.insert(self.new_field.clone(), Value::String(new.to_string()));
        if let Some(k) = &self.confirm_field {
            m.insert(k.clone(), Value::String(confirm.to_string()));
        }
        Value::Object(m)
    }

    /// The input a server error key belongs to (`"current_password"` →
    /// [`PasswordInput::Current`]); `None` for `non_field_errors` and others.
    pub fn input_of(&self, key: &str) -> Option<PasswordInput> {
        if self.current_field.as_deref() == Some(key) {
            Some(PasswordInput::Current)
        } else if self.new_field == key {
            Some(PasswordInput::New)
        } else if self.confirm_field.as_deref() == Some(key) {
            Some(PasswordInput::Confirm)
        } else {
            None
        }
    }
}

/// The body of an account deletion: djoser's `DELETE …/users/me/` takes
/// `{"current_password"}`; pwgen's `DELETE /api/profile/{id}/delete/` no body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeleteAccount {
    /// Key of the current password; `None`: the call sends no body and the
    /// app asks for no password.
    pub current_field: Option<String>,
}

impl DeleteAccount {
    pub fn needs_current_password(&self) -> bool {
        self.current_field.is_some()
    }

    /// `{"<current_field>": current}`, or no body.
    pub fn body(&self, current: &str) -> Option<Value> {
        let key = self.current_field.as_ref()?;
        let mut m = Map::new();
        m.insert(key.clone(), Value::String(current.to_string()));
        Some(Value::Object(m))
    }
}

/// The block keys, in the README's order.
pub const PASSWORD_CHANGE_KEYS: [&str; 3] = ["current_field", "new_field", "confirm_field"];
pub const DELETE_ACCOUNT_KEYS: [&str; 1] = ["current_field"];

/// A body key: `null` where `nullable` (the backend takes no such key).
fn body_key<E: Explain>(
    obj: &Map<String, Value>,
    at: &str,
    key: &str,
    nullable: bool,
    file: Reading<E>,
) -> Result<Option<String>, ConfigError> {
    let path = format!("{at}.{key}");
    let none = if nullable { "; use null for none" } else { "" };
    match obj.get(key) {
        None => {
            err_with(file, &path, || format!("missing; the key of the request body, such as \"new_password\"{none}"))
        }
        Some(Value::Null) if nullable => Ok(None),
        Some(Value::String(s)) => {
            let k = s.trim();
            if k.is_empty() || !k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-') {
                return err_with(file, &path, || {
                    format!("\"{k}\" is not a key of the request body such as \"new_password\" (letters, digits, '_' and '-'){none}")
                });
            }
            Ok(Some(k.to_string()))
        }
        Some(v) => err_with(file, &path, || {
            format!("expected a string{}, got {}", if nullable { " or null" } else { "" }, kind(v))
        }),
    }
}

pub(crate) fn password_change<E: Explain>(v: &Value, file: Reading<E>) -> Result<PasswordChange, ConfigError> {
    let at = "password_change";
    let obj = object(v, at, file)?;
    known_keys(obj, at, &PASSWORD_CHANGE_KEYS, file)?;
    let current_field = body_key(obj, at, "current_field", true, file)?;
    let new_field = body_key(obj, at, "new_field", false, file)?.expect("not nullable");
    let confirm_field = body_key(obj, at, "confirm_field", true, file)?;
    // One key per input, or the body would hold one value for two.
    for (key, value) in [("current_field", &current_field), ("confirm_field", &confirm_field)] {
        if value.as_deref() == Some(new_field.as_str()) {
            return err_with(file, &format!("{at}.{key}"), || format!("\"{new_field}\" is already the new_field"));
        }
    }
    if current_field.is_some() && current_field == confirm_field {
        return err(file, &format!("{at}.confirm_field"), "the same key as current_field");
    }
    Ok(PasswordChange { current_field, new_field, confirm_field })
}

pub(crate) fn delete_account<E: Explain>(v: &Value, file: Reading<E>) -> Result<DeleteAccount, ConfigError> {
    let obj = object(v, "delete_account", file)?;
    known_keys(obj, "delete_account", &DELETE_ACCOUNT_KEYS, file)?;
    Ok(DeleteAccount { current_field: body_key(obj, "delete_account", "current_field", true, file)? })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn bodies_hold_only_the_keys_the_backend_takes() {
        let djoser = PasswordChange {
            current_field: Some("current_password".into()),
            new_field: "new_password".into(),
            confirm_field: Some("re_new_password".into()),
        };
        assert_eq!(
            djoser.body("old", "new", "new2"),
            json!({"current_password": "old", "new_password": "new", "re_new_password": "new2"})
        );
        let once = PasswordChange { current_field: None, new_field: "password".into(), confirm_field: None };
        assert_eq!(once.body("old", "new", "new"), json!({"password": "new"}));
        assert_eq!(djoser.input_of("re_new_password"), Some(PasswordInput::Confirm));
        assert_eq!(djoser.input_of("current_password"), Some(PasswordInput::Current));
        assert_eq!(djoser.input_of("non_field_errors"), None);

        let delete = DeleteAccount { current_field: Some("current_password".into()) };
        assert_eq!(delete.body("pw"), Some(json!({"current_password": "pw"})));
        assert!(delete.needs_current_password());
        assert_eq!(DeleteAccount { current_field: None }.body("pw"), None);
    }
}

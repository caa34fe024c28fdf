//! What the account calls share: DRF's `CharField` as djoser declares its
//! password fields, Django's password validators (the model crate's, with
//! Django's common list) and deleting a user with their files.

use profile_model::{password_errors, shipped, PasswordError, UserAttributes};
use serde_json::Value;

use crate::body::Payload;
use crate::db::UserRow;
use crate::drf::ApiError;
use crate::{AppState, Backend};

/// djoser's `INVALID_PASSWORD_ERROR`.
pub const INVALID_PASSWORD: &str = "Invalid password.";
/// djoser's `PASSWORD_MISMATCH_ERROR`.
pub const PASSWORD_MISMATCH: &str = "The two password fields didn't match.";

/// A DRF `CharField()` (required, not blank, not null, whitespace trimmed
/// as its `trim_whitespace` default does): the value, or its one message.
pub fn char_field(payload: &Payload, key: &str) -> Result<String, &'static str> {
    let text = match payload {
        Payload::Json(v) => match v.get(key) {
            None => None,
            Some(Value::Null) => return Err("This field may not be null."),
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Number(n)) => Some(n.to_string()),
            Some(_) => return Err("Not a valid string."),
        },
        Payload::Form(_) => payload.text(key),
    };
    let text = text.ok_or("This field is required.")?;
    let trimmed = profile_model::pychar::strip(&text);
    if trimmed.is_empty() {
        return Err("This field may not be blank.");
    }
    Ok(trimmed.to_string())
}

/// Django's `validate_password(password, user)` with the default four
/// validators, as the English messages it raises.
pub fn password_messages(password: &str, user: &UserRow) -> Vec<String> {
    let attr = |k: &str| user.str_field(k).unwrap_or_default();
    let attributes = UserAttributes {
        username: attr("username"),
        first_name: attr("first_name"),
        last_name: attr("last_name"),
        email: attr("email"),
    };
    password_errors(password, &attributes, Some(shipped::common_passwords()))
        .into_iter()
        .map(|e: PasswordError| e.message().to_english())
        .collect()
}

/// `user.delete()`: the row, its tokens and sessions (cascade), then its
/// avatar file. `false` when there was no such user.
pub fn delete_user(state: &AppState, dialect: Backend, id: i64) -> Result<bool, ApiError> {
    let Some(avatar) = state.db.delete_user(dialect, id)? else {
        return Ok(false);
    };
    if let Some(file) = avatar {
        crate::media::remove(&state.config.media_dir, &file);
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn char_field_answers_as_drf() {
        let p = Payload::Json(json!({"a": "  pw  ", "b": "   ", "c": null, "d": true, "e": 12}));
        assert_eq!(char_field(&p, "a"), Ok("pw".into()));
        assert_eq!(char_field(&p, "b"), Err("This field may not be blank."));
        assert_eq!(char_field(&p, "c"), Err("This field may not be null."));
        assert_eq!(char_field(&p, "d"), Err("Not a valid string."));
        assert_eq!(char_field(&p, "e"), Ok("12".into()));
        assert_eq!(char_field(&p, "z"), Err("This field is required."));
    }
}

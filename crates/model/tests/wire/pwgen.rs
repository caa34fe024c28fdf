//! pwgen (`shared/seeds/003_*`): Bearer JWT, `POST /api/profile/` to read,
//! `PUT /api/profile/{id}/update/` to write.

use serde::{Deserialize, Serialize};

/// The user object as pwgen answers it. Its `password` hash is ignored on
/// purpose: serde skips unknown fields, and this type has no such field, so
/// the hash can never be shown or sent back.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct User {
    pub id: i64,
    #[serde(default)]
    pub username: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub first_name: String,
    #[serde(default)]
    pub last_name: String,
    #[serde(default)]
    pub number_phone: Option<String>,
    #[serde(default)]
    pub avatar: Option<String>,
    #[serde(default)]
    pub date_joined: Option<String>,
    #[serde(default)]
    pub last_login: Option<String>,
    #[serde(default)]
    pub is_active: bool,
    #[serde(default)]
    pub is_staff: bool,
    #[serde(default)]
    pub is_superuser: bool,
}

/// The writable part of a pwgen user; every field optional because the
/// update is partial (`UsersSerializer(partial=True)`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct UserUpdate {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number_phone: Option<String>,
    /// Only clearing goes by JSON (`Some(None)` sends `null`: the model's
    /// `avatar` is `null=True`); uploads go by multipart.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::double_option")]
    pub avatar: Option<Option<String>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_hash_in_answer_is_dropped() {
        let u: User = serde_json::from_str(
            r#"{"id":1,"username":"a","email":"a@b.co","first_name":"A","last_name":"B",
                "password":"pbkdf2_sha256$x","extra":1}"#,
        )
        .unwrap();
        let back = serde_json::to_string(&u).unwrap();
        assert!(!back.contains("password"));
        assert!(!back.contains("pbkdf2"));
    }

    #[test]
    fn update_sends_only_set_fields() {
        let u = UserUpdate { first_name: Some("Ann".into()), ..Default::default() };
        assert_eq!(serde_json::to_string(&u).unwrap(), r#"{"first_name":"Ann"}"#);
    }

    #[test]
    fn avatar_removal_sends_null() {
        let u = UserUpdate { avatar: Some(None), ..Default::default() };
        assert_eq!(serde_json::to_string(&u).unwrap(), r#"{"avatar":null}"#);
        let back: UserUpdate = serde_json::from_str(r#"{"avatar":null}"#).unwrap();
        assert_eq!(back, u);
    }
}

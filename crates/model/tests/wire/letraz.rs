//! letraz (`shared/seeds/000_*`): `PATCH /api/v1/user/` upserts; session
//! cookie or Basic auth. `country` is `{code, name}` on read, a string on write.

use serde::{Deserialize, Serialize};

/// `Country` as answered.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Country {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub name: String,
}

/// `User`, the answer to GET and PATCH.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct User {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub first_name: String,
    #[serde(default)]
    pub last_name: Option<String>,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub dob: Option<String>,
    #[serde(default)]
    pub nationality: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub city: Option<String>,
    #[serde(default)]
    pub postal: Option<String>,
    #[serde(default)]
    pub country: Option<Country>,
    #[serde(default)]
    pub website: Option<String>,
    #[serde(default)]
    pub profile_text: Option<String>,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub updated_at: Option<String>,
}

/// `PatchedUserUpsert` without its read-only fields (`id`, `password`,
/// `last_login`, `is_*`, timestamps).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PatchedUserUpsert {
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::double_option")]
    pub title: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::double_option")]
    pub last_name: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::double_option")]
    pub phone: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::double_option")]
    pub dob: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::double_option")]
    pub nationality: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::double_option")]
    pub address: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::double_option")]
    pub city: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::double_option")]
    pub postal: Option<Option<String>>,
    /// The country code, a plain string on write.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::double_option")]
    pub country: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::double_option")]
    pub website: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::double_option")]
    pub profile_text: Option<Option<String>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_is_object_on_read_and_string_on_write() {
        let u: User = serde_json::from_str(
            r#"{"id":"u1","first_name":"A","email":"a@b.co","country":{"code":"DEU","name":"Germany"},
                "created_at":"2024-01-01T00:00:00Z","updated_at":"2024-01-01T00:00:00Z","surprise":1}"#,
        )
        .unwrap();
        assert_eq!(u.country.unwrap().code, "DEU");
        let w = PatchedUserUpsert { country: Some(Some("FRA".into())), city: Some(None), ..Default::default() };
        assert_eq!(serde_json::to_string(&w).unwrap(), r#"{"city":null,"country":"FRA"}"#);
    }

    #[test]
    fn read_only_fields_are_dropped_on_write() {
        let w: PatchedUserUpsert =
            serde_json::from_str(r#"{"id":"x","password":"p","is_staff":true,"first_name":"A"}"#).unwrap();
        assert_eq!(serde_json::to_string(&w).unwrap(), r#"{"first_name":"A"}"#);
    }
}

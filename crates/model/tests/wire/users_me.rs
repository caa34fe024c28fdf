//! users-me (`shared/seeds/004_*`): `PATCH /api/users/me/` (trailing slash
//! required), `Authorization: Token <key>`; `avatar: null` removes the avatar.

use serde::{Deserialize, Serialize};

/// A group as answered (the table says ids, the example says objects).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum GroupRef {
    Id(i64),
    Group(Group),
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Group {
    #[serde(default)]
    pub id: i64,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub notes: Option<String>,
    #[serde(default)]
    pub users_count: Option<i64>,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub updated_at: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct User {
    #[serde(default)]
    pub id: i64,
    #[serde(default)]
    pub username: Option<String>,
    #[serde(default)]
    pub mobile_number: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub avatar: Option<String>,
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub last_name: Option<String>,
    #[serde(default)]
    pub full_name: Option<String>,
    #[serde(default)]
    pub gender: Option<String>,
    /// The table misspells it `is_profile_compeleted`; accept both.
    #[serde(default, alias = "is_profile_compeleted")]
    pub is_profile_completed: bool,
    #[serde(default)]
    pub groups: Vec<GroupRef>,
    #[serde(default)]
    pub last_login: Option<String>,
    #[serde(default)]
    pub created_at: Option<String>,
}

/// The JSON update body. `avatar` can only be cleared here
/// (`Some(None)` sends `null`); uploads go by multipart.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct UserUpdate {
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::double_option")]
    pub first_name: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::double_option")]
    pub last_name: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::double_option")]
    pub username: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::double_option")]
    pub mobile_number: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::double_option")]
    pub email: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::double_option")]
    pub gender: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::double_option")]
    pub avatar: Option<Option<String>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_reads_groups_full_name_and_profile_completed() {
        let u: User = serde_json::from_str(
            r#"{"id":1,"username":"BehroozGhorbani","first_name":"بهروز","full_name":"بهروز قربانی",
                "gender":"male","is_profile_completed":true,
                "groups":[{"id":1,"name":"Administrators","notes":"n","users_count":1}, 3]}"#,
        )
        .unwrap();
        assert!(u.is_profile_completed);
        assert_eq!(u.full_name.as_deref(), Some("بهروز قربانی"));
        assert!(matches!(&u.groups[0], GroupRef::Group(g) if g.name == "Administrators"));
        assert_eq!(u.groups[1], GroupRef::Id(3));
    }

    #[test]
    fn avatar_removal_sends_null() {
        let w = UserUpdate { avatar: Some(None), ..Default::default() };
        assert_eq!(serde_json::to_string(&w).unwrap(), r#"{"avatar":null}"#);
    }
}

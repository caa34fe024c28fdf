//! aisquare (`shared/seeds/001_*`, `002_*`): the profile endpoint takes
//! `{full_name, username, details: {...}}` and answers the flat
//! `IAMUserDetailView`; the details endpoint takes and answers the flat
//! `IAMUserDetail`. The `*_data`, counter and streak fields are read-only.

use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DeveloperSkill {
    #[serde(default)]
    pub id: i64,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
}

/// Same shape as [`DeveloperSkill`].
pub type InvestmentInterest = DeveloperSkill;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Tag {
    #[serde(default)]
    pub name: String,
}

/// `IAMUserDetail`, the details endpoint's answer. Lists are kept as JSON
/// values: the documents disagree on ids versus names.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct IAMUserDetail {
    #[serde(default)]
    pub profile_picture: Option<String>,
    #[serde(default)]
    pub bio: Option<String>,
    #[serde(default)]
    pub address: Value,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub dob: Option<String>,
    #[serde(default)]
    pub user_type: Option<String>,
    #[serde(default)]
    pub linkedin_url: Option<String>,
    #[serde(default)]
    pub github_url: Option<String>,
    #[serde(default)]
    pub twitter_url: Option<String>,
    #[serde(default)]
    pub facebook_url: Option<String>,
    #[serde(default)]
    pub website_url: Option<String>,
    #[serde(default)]
    pub portfolio_url: Option<String>,
    #[serde(default)]
    pub skills: Vec<Value>,
    #[serde(default)]
    pub investment_interests: Vec<Value>,
    #[serde(default)]
    pub technical_interests: Option<Vec<Value>>,
    #[serde(default)]
    pub focus_area: Option<Vec<Value>>,
    #[serde(default)]
    pub resume: Option<String>,
    #[serde(default)]
    pub communication_preferences_phone: Option<bool>,
    #[serde(default)]
    pub communication_preferences_email: Option<bool>,
    #[serde(default)]
    pub platform_features_emails: Option<bool>,
    #[serde(default)]
    pub activity_based_emails: Option<bool>,
    #[serde(default)]
    pub company_info: Value,
    #[serde(default)]
    pub skills_data: Vec<DeveloperSkill>,
    #[serde(default)]
    pub investment_interests_data: Vec<InvestmentInterest>,
    #[serde(default)]
    pub technical_interests_data: Vec<DeveloperSkill>,
    #[serde(default)]
    pub focus_area_data: Vec<Tag>,
    #[serde(default)]
    pub additional_data: Value,
    #[serde(default)]
    pub top_domain_elo: Option<f64>,
    #[serde(default)]
    pub top_domain_rank: Option<i64>,
    #[serde(default)]
    pub streak: Option<String>,
    #[serde(default)]
    pub highest_streak: Option<String>,
    #[serde(default)]
    pub streak_freeze_days: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub unlocked_titles: Option<String>,
    #[serde(default)]
    pub followers_count: Option<i64>,
    #[serde(default)]
    pub following_count: Option<i64>,
    #[serde(default)]
    pub is_following: Option<bool>,
    #[serde(default)]
    pub is_followed_back: Option<bool>,
}

/// `IAMUserDetailView`, the profile endpoint's answer: the user's own
/// fields plus every [`IAMUserDetail`] field, flat.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct IAMUserDetailView {
    #[serde(default)]
    pub user_id: Option<String>,
    #[serde(default)]
    pub full_name: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub username: Option<String>,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub is_current_user: Option<bool>,
    #[serde(flatten)]
    pub detail: IAMUserDetail,
}

/// `PatchedIAMUserDetail` without its read-only fields, and without the
/// files (`profile_picture`, `resume`), which JSON cannot upload.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PatchedIAMUserDetail {
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::double_option")]
    pub bio: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::double_option")]
    pub address: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::double_option")]
    pub phone: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::double_option")]
    pub dob: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::double_option")]
    pub linkedin_url: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::double_option")]
    pub github_url: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::double_option")]
    pub twitter_url: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::double_option")]
    pub facebook_url: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::double_option")]
    pub website_url: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::double_option")]
    pub portfolio_url: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skills: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub investment_interests: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::double_option")]
    pub technical_interests: Option<Option<Vec<String>>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::double_option")]
    pub focus_area: Option<Option<Vec<String>>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::double_option")]
    pub communication_preferences_phone: Option<Option<bool>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::double_option")]
    pub communication_preferences_email: Option<Option<bool>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::double_option")]
    pub platform_features_emails: Option<Option<bool>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::double_option")]
    pub activity_based_emails: Option<Option<bool>>,
}

/// `PatchedUserProfileUpdate`: user fields plus nested `details`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PatchedUserProfileUpdate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<PatchedIAMUserDetail>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn detail_view_reads_flat_answer_with_unknown_fields() {
        let v: IAMUserDetailView = serde_json::from_value(json!({
            "user_id": "1", "username": "jd", "bio": "hi", "skills": [1, 2],
            "skills_data": [{"id": 1, "name": "Rust"}], "followers_count": 4, "new_field": true
        }))
        .unwrap();
        assert_eq!(v.detail.bio.as_deref(), Some("hi"));
        assert_eq!(v.detail.skills_data[0].name, "Rust");
    }

    #[test]
    fn profile_update_nests_details_and_drops_read_only_fields() {
        let w: PatchedUserProfileUpdate = serde_json::from_value(json!({
            "username": "jd", "details": {"bio": null, "followers_count": 9, "skills_data": []}
        }))
        .unwrap();
        assert_eq!(serde_json::to_value(&w).unwrap(), json!({"username": "jd", "details": {"bio": null}}));
    }
}

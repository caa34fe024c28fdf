//! Demo users, created on start when missing (matched by dialect + email),
//! so a fresh database is usable at once and `reset` restores them.
//! Every demo password is `demo-pass-123`.

use crate::Backend;
use serde_json::{json, Map, Value};

use crate::db::{Db, NewUser};

pub const DEMO_PASSWORD: &str = "demo-pass-123";

struct Demo {
    dialect: Backend,
    public_id: Option<&'static str>,
    data: Value,
}

fn demos() -> Vec<Demo> {
    let aisquare = |email: &str, full_name: &str, username: &str| {
        json!({"email": email, "full_name": full_name, "username": username,
               "bio": "Analyst of engines.", "country": "GBR", "phone": null, "dob": "1815-12-10",
               "user_type": "developer", "address": null, "linkedin_url": null, "github_url": null,
               "twitter_url": null, "facebook_url": null, "website_url": null, "portfolio_url": null,
               "profile_picture": null, "resume": null, "company_info": null, "additional_data": null,
               "skills": ["Mathematics"], "investment_interests": [], "technical_interests": ["Computing"],
               "focus_area": ["Machine Learning"],
               "communication_preferences_phone": false, "communication_preferences_email": true,
               "platform_features_emails": true, "activity_based_emails": false,
               "top_domain_elo": 1500.0, "top_domain_rank": 1, "streak": "3", "highest_streak": "7",
               "streak_freeze_days": "0", "title": "Pioneer", "unlocked_titles": "Pioneer",
               "followers_count": 0, "following_count": 0, "is_following": false, "is_followed_back": false})
    };
    let group = json!([{"id": 1, "name": "Administrators", "notes": "All system administrators with full permissions",
                        "users_count": 1, "created_at": "2025-11-22T13:07:28.186722Z",
                        "updated_at": "2025-11-22T13:07:28.186728Z"}]);
    vec![
        Demo {
            dialect: Backend::Pwgen,
            public_id: None,
            data: json!({"email": "demo@example.com", "username": "ada", "first_name": "Ada",
                         "last_name": "Lovelace", "number_phone": "5550100"}),
        },
        Demo {
            dialect: Backend::Pwgen,
            public_id: None,
            data: json!({"email": "other@example.com", "username": "grace", "first_name": "Grace",
                         "last_name": "Hopper", "number_phone": null}),
        },
        Demo {
            dialect: Backend::Letraz,
            public_id: Some("user_demo_ada"),
            data: json!({"email": "demo@example.com", "title": "Ms.", "first_name": "Ada", "last_name": "Lovelace",
                         "phone": "+44 20 7946 0000", "dob": "1815-12-10", "nationality": "British",
                         "address": "12 St James's Square", "city": "London", "postal": "SW1Y 4JH",
                         "country": "GBR", "website": "https://example.com/ada", "profile_text": "First programmer."}),
        },
        Demo {
            dialect: Backend::Letraz,
            public_id: Some("user_demo_grace"),
            data: json!({"email": "other@example.com", "title": null, "first_name": "Grace", "last_name": "Hopper",
                         "phone": null, "dob": null, "nationality": null, "address": null, "city": null,
                         "postal": null, "country": "USA", "website": null, "profile_text": null}),
        },
        Demo {
            dialect: Backend::AisquareProfile,
            public_id: None,
            data: aisquare("demo@example.com", "Ada Lovelace", "ada"),
        },
        Demo {
            dialect: Backend::AisquareProfile,
            public_id: None,
            data: aisquare("other@example.com", "Grace Hopper", "grace"),
        },
        Demo {
            dialect: Backend::UsersMe,
            public_id: None,
            data: json!({"email": "demo@example.com", "username": "BehroozGhorbani", "first_name": "بهروز",
                         "last_name": "قربانی", "mobile_number": "09308744204", "gender": "male", "groups": group}),
        },
        Demo {
            dialect: Backend::UsersMe,
            public_id: None,
            data: json!({"email": "other@example.com", "username": "grace", "first_name": "Grace",
                         "last_name": "Hopper", "mobile_number": null, "gender": null, "groups": []}),
        },
    ]
}

pub fn ensure_demo_users(db: &Db) -> Result<(), rusqlite::Error> {
    for demo in demos() {
        let email = demo.data["email"].as_str().unwrap_or_default();
        if db.user_by_field(demo.dialect, "email", email)?.is_some() {
            continue;
        }
        let data: Map<String, Value> = demo.data.as_object().cloned().unwrap_or_default();
        db.insert_user(&NewUser {
            dialect: demo.dialect,
            public_id: demo.public_id.map(str::to_string),
            password: crate::password::make_password(DEMO_PASSWORD),
            data,
            avatar: None,
        })?;
    }
    Ok(())
}

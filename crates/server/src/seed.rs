//! Demo users, created on start when missing (matched by dialect + email),
//! so a fresh database is usable at once and `reset` restores them.
//! Every demo password is `demo-pass-123`.

use profile_model::Dialect;
use serde_json::{json, Map, Value};

use crate::db::{Db, NewUser};

pub const DEMO_PASSWORD: &str = "demo-pass-123";

struct Demo {
    dialect: Dialect,
    public_id: Option<&'static str>,
    data: Value,
}

fn demos() -> Vec<Demo> {
    vec![
        Demo {
            dialect: Dialect::Pwgen,
            public_id: None,
            data: json!({"email": "demo@example.com", "username": "ada", "first_name": "Ada",
                         "last_name": "Lovelace", "number_phone": "5550100"}),
        },
        Demo {
            dialect: Dialect::Pwgen,
            public_id: None,
            data: json!({"email": "other@example.com", "username": "grace", "first_name": "Grace",
                         "last_name": "Hopper", "number_phone": null}),
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

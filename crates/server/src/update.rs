//! Saving a validated partial update: unique checks, the avatar file and the
//! row write happen together, in one transaction.

use axum::response::Response;

use crate::db::{self, UserRow};
use crate::fields::{Change, Field};
use crate::{drf, AppState};

pub enum SaveError {
    /// Unique conflicts: `(field name, message)`.
    Conflicts(Vec<(&'static str, &'static str)>),
    Internal(Response),
}

/// Applies `changes` to user `id`; avatars go under `media/<avatar_dir>/`.
pub fn save(
    state: &AppState,
    id: i64,
    fields: &[Field],
    changes: &[(&'static str, Change)],
    avatar_dir: &str,
) -> Result<UserRow, SaveError> {
    let media = &state.config.media_dir;
    let mut new_file: Option<String> = None;
    let mut old_file: Option<String> = None;
    let result = state.db.write(|tx| {
        let Some(mut user) = db::user_in_tx(tx, id)? else {
            return Ok(Err(SaveError::Internal(drf::server_error())));
        };
        let mut conflicts = Vec::new();
        for (name, change) in changes {
            let (Change::Set(serde_json::Value::String(value)), Some(f)) = (change, fields.iter().find(|f| f.name == *name))
            else {
                continue;
            };
            if let Some(message) = f.unique {
                if db::field_taken(tx, user.dialect, name, value, user.id)? {
                    conflicts.push((*name, message));
                }
            }
        }
        if !conflicts.is_empty() {
            return Ok(Err(SaveError::Conflicts(conflicts)));
        }
        crate::fields::apply(&mut user.data, changes);
        for (_, change) in changes {
            if let Change::Avatar(upload) = change {
                old_file = user.avatar.take();
                if let Some(u) = upload {
                    match crate::media::store(media, avatar_dir, &u.filename, &u.bytes) {
                        Ok(rel) => {
                            new_file = Some(rel.clone());
                            user.avatar = Some(rel);
                        }
                        Err(e) => return Ok(Err(SaveError::Internal(drf::internal(e)))),
                    }
                }
            }
        }
        db::save_user(tx, &user)?;
        Ok(Ok(user))
    });
    match result {
        Ok(Ok(user)) => {
            // Only once the row no longer points at it.
            if let Some(old) = old_file.filter(|o| Some(o) != user.avatar.as_ref()) {
                crate::media::remove(media, &old);
            }
            Ok(user)
        }
        Ok(Err(e)) => {
            if let Some(f) = new_file {
                crate::media::remove(media, &f);
            }
            Err(e)
        }
        Err(e) => {
            if let Some(f) = new_file {
                crate::media::remove(media, &f);
            }
            Err(SaveError::Internal(drf::internal(e)))
        }
    }
}

//! Saving a validated partial update: unique checks, the avatar file and the
//! row write happen together, in one transaction.

use crate::db::{self, UserRow};
use crate::drf::{ApiError, FieldErrors};
use crate::fields::{Change, Changes};
use crate::AppState;

/// A unique column: its storage name and Django's message for a clash.
pub type Unique = (&'static str, &'static str);

pub enum SaveError {
    /// Unique conflicts: `(field path, message)`.
    Conflicts(Vec<(&'static str, &'static str)>),
    Internal(ApiError),
}

impl SaveError {
    /// DRF's field-error map for conflicts; the internal error as is.
    pub fn into_parts(self) -> Result<FieldErrors, ApiError> {
        match self {
            SaveError::Conflicts(c) => {
                let mut e = FieldErrors::default();
                c.into_iter().for_each(|(p, m)| e.add(p, m));
                Ok(e)
            }
            SaveError::Internal(e) => Err(e),
        }
    }
}

/// Conflicts are a serializer's field errors, as DRF's default handler
/// answers them; dialects with their own envelope use `into_parts`.
impl From<SaveError> for ApiError {
    fn from(e: SaveError) -> ApiError {
        e.into_parts().map_or_else(|e| e, ApiError::Fields)
    }
}

/// Applies `changes` to user `id`; avatars go under `media/<avatar_dir>/`.
pub fn save(
    state: &AppState,
    id: i64,
    changes: &Changes,
    uniques: &[Unique],
    avatar_dir: &str,
) -> Result<UserRow, SaveError> {
    let media = &state.config.media_dir;
    let mut new_file: Option<String> = None;
    let mut old_file: Option<String> = None;
    let result = state.db.write(|tx| {
        let Some(mut user) = db::user_in_tx(tx, id)? else {
            return Ok(Err(SaveError::Internal(ApiError::internal(format!("user {id} vanished during an update")))));
        };
        let mut conflicts = Vec::new();
        for (spec, change) in changes {
            let Change::Set(serde_json::Value::String(value)) = change else {
                continue;
            };
            let Some((_, message)) = uniques.iter().find(|(name, _)| *name == spec.name()) else {
                continue;
            };
            if db::field_taken(tx, user.dialect, spec.name(), value, user.id)? {
                conflicts.push((spec.path.as_str(), *message));
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
                        Err(e) => return Ok(Err(SaveError::Internal(ApiError::internal(e)))),
                    }
                }
            }
        }
        db::save_user(tx, &user)?;
        Ok(Ok(user))
    });
    let discard_new = |f: Option<String>| {
        if let Some(f) = f {
            crate::media::remove(media, &f);
        }
    };
    match result {
        Ok(Ok(user)) => {
            // Only once the row no longer points at it.
            if let Some(old) = old_file.filter(|o| Some(o) != user.avatar.as_ref()) {
                crate::media::remove(media, &old);
            }
            Ok(user)
        }
        Ok(Err(e)) => {
            discard_new(new_file);
            Err(e)
        }
        Err(e) => {
            discard_new(new_file);
            Err(SaveError::Internal(e.into()))
        }
    }
}

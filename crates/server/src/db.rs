//! The one SQLite file: schema migrations, users, tokens and sessions.
//!
//! WAL mode with `synchronous=FULL`, and every write in a transaction, so a
//! server killed mid-request loses nothing that was answered as saved.

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use crate::Backend;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde_json::{Map, Value};

pub type DbResult<T> = Result<T, rusqlite::Error>;

/// Each entry moves the schema from version `i` to `i + 1`; never edit one
/// that has shipped, append a new one.
const MIGRATIONS: &[&str] = &[
    // 1: users of every dialect in one table; per-dialect fields live in
    // `data` (a JSON object) so each dialect module owns its shape.
    "CREATE TABLE users (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        dialect TEXT NOT NULL,
        public_id TEXT NOT NULL,
        password TEXT NOT NULL,
        data TEXT NOT NULL DEFAULT '{}',
        avatar TEXT,
        last_login TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (dialect, public_id)
     );
     CREATE TABLE tokens (
        key TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at TEXT NOT NULL
     );
     CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);",
    // 2: aisquare's named tags (skills, interests, focus areas): written as
    // names, answered with ids, created on first use.
    "CREATE TABLE tags (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        UNIQUE (kind, name)
     );",
];

/// The two aisquare endpoints are one backend with one user table.
fn stored(dialect: Backend) -> &'static str {
    match dialect {
        Backend::AisquareDetails => Backend::AisquareProfile.name(),
        d => d.name(),
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct UserRow {
    pub id: i64,
    pub dialect: Backend,
    /// The id the dialect shows (letraz uses a string id; the others the row id).
    pub public_id: String,
    pub password: String,
    pub data: Map<String, Value>,
    /// Path under the media dir, e.g. `avatars/3f2a….png`.
    pub avatar: Option<String>,
    pub last_login: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

impl UserRow {
    pub fn str_field(&self, name: &str) -> Option<&str> {
        self.data.get(name).and_then(Value::as_str)
    }
}

/// Token kinds stored in `tokens`.
pub mod kind {
    /// users-me `Authorization: Token <key>` (DRF authtoken).
    pub const AUTHTOKEN: &str = "authtoken";
    /// letraz Django session (`sessionid` cookie).
    pub const SESSION: &str = "session";
    /// A signed-out JWT refresh token's `jti` (simplejwt blacklist).
    pub const BLACKLIST: &str = "blacklist";
}

#[derive(Clone)]
pub struct Db {
    conn: Arc<Mutex<Connection>>,
}

impl Db {
    pub fn open(path: &Path) -> DbResult<Db> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            let _ = std::fs::create_dir_all(dir);
        }
        let conn = Connection::open(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let db = Db { conn: Arc::new(Mutex::new(conn)) };
        db.migrate()?;
        Ok(db)
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves SQLite consistent (the
        // transaction rolls back on drop), so a poisoned lock is still usable.
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn migrate(&self) -> DbResult<()> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        tx.execute_batch("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")?;
        let current: Option<i64> = tx.query_row("SELECT version FROM schema_version", [], |r| r.get(0)).optional()?;
        if current.is_none() {
            tx.execute("INSERT INTO schema_version (version) VALUES (0)", [])?;
        }
        let current = current.unwrap_or(0) as usize;
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(current) {
            tx.execute_batch(sql)?;
            tx.execute("UPDATE schema_version SET version = ?1", [i as i64 + 1])?;
        }
        tx.commit()
    }

    pub fn schema_version(&self) -> DbResult<i64> {
        self.lock().query_row("SELECT version FROM schema_version", [], |r| r.get(0))
    }

    /// Deletes every row (the `reset` command), keeping the schema.
    pub fn wipe(&self) -> DbResult<()> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        tx.execute_batch("DELETE FROM tokens; DELETE FROM users; DELETE FROM settings; DELETE FROM tags;")?;
        tx.commit()
    }

    /// A setting, created with `init` on first use (e.g. the JWT secret).
    pub fn setting_or_init(&self, key: &str, init: impl FnOnce() -> String) -> DbResult<String> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        let existing: Option<String> =
            tx.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?;
        let value = match existing {
            Some(v) => v,
            None => {
                let v = init();
                tx.execute("INSERT INTO settings (key, value) VALUES (?1, ?2)", params![key, v])?;
                v
            }
        };
        tx.commit()?;
        Ok(value)
    }

    pub fn insert_user(&self, user: &NewUser) -> DbResult<i64> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        let now = crate::clock::now_iso();
        tx.execute(
            "INSERT INTO users (dialect, public_id, password, data, avatar, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            params![
                stored(user.dialect),
                user.public_id.clone().unwrap_or_else(crate::secret::uuid4),
                user.password,
                Value::Object(user.data.clone()).to_string(),
                user.avatar,
                now
            ],
        )?;
        let id = tx.last_insert_rowid();
        if user.public_id.is_none() {
            tx.execute("UPDATE users SET public_id = ?1 WHERE id = ?2", params![id.to_string(), id])?;
        }
        tx.commit()?;
        Ok(id)
    }

    pub fn user_by_id(&self, dialect: Backend, id: i64) -> DbResult<Option<UserRow>> {
        query_user(&self.lock(), "dialect = ?1 AND id = ?2", params![stored(dialect), id])
    }

    pub fn user_by_public_id(&self, dialect: Backend, public_id: &str) -> DbResult<Option<UserRow>> {
        query_user(&self.lock(), "dialect = ?1 AND public_id = ?2", params![stored(dialect), public_id])
    }

    /// The first user of `dialect` whose JSON field `field` equals `value`.
    pub fn user_by_field(&self, dialect: Backend, field: &str, value: &str) -> DbResult<Option<UserRow>> {
        query_user(
            &self.lock(),
            "dialect = ?1 AND json_extract(data, '$.' || ?2) = ?3",
            params![stored(dialect), field, value],
        )
    }

    pub fn touch_last_login(&self, id: i64) -> DbResult<()> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        tx.execute("UPDATE users SET last_login = ?1 WHERE id = ?2", params![crate::clock::now_iso(), id])?;
        tx.commit()
    }

    /// Runs `f` inside one write transaction: the read of the current row,
    /// the unique checks and the write all see the same state.
    pub fn write<T>(&self, f: impl FnOnce(&Transaction<'_>) -> DbResult<T>) -> DbResult<T> {
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Replaces a user's password hash (Django's `set_password` + `save`).
    pub fn set_password(&self, id: i64, encoded: &str) -> DbResult<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE users SET password = ?1, updated_at = ?2 WHERE id = ?3",
                params![encoded, crate::clock::now_iso(), id],
            )?;
            Ok(())
        })
    }

    /// Deletes a user of `dialect` and, by the foreign key's cascade, their
    /// tokens and sessions (as Django's `user.delete()` cascades to
    /// `authtoken_token` and sessions stop resolving). Returns whether a row
    /// went and its avatar, for the caller to remove once the row is gone.
    pub fn delete_user(&self, dialect: Backend, id: i64) -> DbResult<Option<Option<String>>> {
        self.write(|tx| {
            let Some(user) = query_user(tx, "dialect = ?1 AND id = ?2", params![stored(dialect), id])? else {
                return Ok(None);
            };
            tx.execute("DELETE FROM users WHERE id = ?1", [id])?;
            Ok(Some(user.avatar))
        })
    }

    pub fn insert_token(&self, key: &str, kind: &str, user_id: i64) -> DbResult<()> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        tx.execute(
            "INSERT OR REPLACE INTO tokens (key, kind, user_id, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![key, kind, user_id, crate::clock::now_iso()],
        )?;
        tx.commit()
    }

    pub fn token_user(&self, key: &str, kind: &str) -> DbResult<Option<i64>> {
        self.lock()
            .query_row("SELECT user_id FROM tokens WHERE key = ?1 AND kind = ?2", params![key, kind], |r| r.get(0))
            .optional()
    }

    /// The existing token of that kind for the user (DRF authtoken keeps one per user).
    pub fn token_for_user(&self, user_id: i64, kind: &str) -> DbResult<Option<String>> {
        self.lock()
            .query_row("SELECT key FROM tokens WHERE user_id = ?1 AND kind = ?2", params![user_id, kind], |r| r.get(0))
            .optional()
    }

    pub fn delete_token(&self, key: &str, kind: &str) -> DbResult<bool> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        let n = tx.execute("DELETE FROM tokens WHERE key = ?1 AND kind = ?2", params![key, kind])?;
        tx.commit()?;
        Ok(n > 0)
    }

    /// `(id, name)` for each name, creating missing tags (get-or-create by
    /// name, as aisquare's serializer does).
    pub fn tags(&self, kind: &str, names: &[String]) -> DbResult<Vec<(i64, String)>> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        let mut out = Vec::with_capacity(names.len());
        for name in names {
            tx.execute("INSERT OR IGNORE INTO tags (kind, name) VALUES (?1, ?2)", params![kind, name])?;
            let id =
                tx.query_row("SELECT id FROM tags WHERE kind = ?1 AND name = ?2", params![kind, name], |r| r.get(0))?;
            out.push((id, name.clone()));
        }
        tx.commit()?;
        Ok(out)
    }

    pub fn all_avatars(&self) -> DbResult<Vec<String>> {
        let conn = self.lock();
        let mut st = conn.prepare("SELECT avatar FROM users WHERE avatar IS NOT NULL")?;
        let rows = st.query_map([], |r| r.get(0))?;
        rows.collect()
    }
}

pub struct NewUser {
    pub dialect: Backend,
    /// `None`: a random UUID (the row id is what most dialects show).
    pub public_id: Option<String>,
    pub password: String,
    pub data: Map<String, Value>,
    pub avatar: Option<String>,
}

pub fn query_user(conn: &Connection, filter: &str, params: impl rusqlite::Params) -> DbResult<Option<UserRow>> {
    let sql = format!(
        "SELECT id, dialect, public_id, password, data, avatar, last_login, created_at, updated_at
         FROM users WHERE {filter} ORDER BY id LIMIT 1"
    );
    conn.query_row(&sql, params, |r| {
        let dialect: String = r.get(1)?;
        let data: String = r.get(4)?;
        Ok(UserRow {
            id: r.get(0)?,
            dialect: Backend::from_name(&dialect).unwrap_or(Backend::Pwgen),
            public_id: r.get(2)?,
            password: r.get(3)?,
            data: serde_json::from_str(&data).unwrap_or_default(),
            avatar: r.get(5)?,
            last_login: r.get(6)?,
            created_at: r.get(7)?,
            updated_at: r.get(8)?,
        })
    })
    .optional()
}

/// Whether another user of the dialect already has `value` in JSON field
/// `field` (Django's unique validator, case-sensitive like the default).
pub fn field_taken(tx: &Transaction<'_>, dialect: Backend, field: &str, value: &str, except_id: i64) -> DbResult<bool> {
    tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM users WHERE dialect = ?1 AND id <> ?2
                        AND json_extract(data, '$.' || ?3) = ?4)",
        params![stored(dialect), except_id, field, value],
        |r| r.get(0),
    )
}

/// Stores the new state of a user read earlier in the same transaction.
pub fn save_user(tx: &Transaction<'_>, user: &UserRow) -> DbResult<()> {
    tx.execute(
        "UPDATE users SET data = ?1, avatar = ?2, updated_at = ?3 WHERE id = ?4",
        params![Value::Object(user.data.clone()).to_string(), user.avatar, crate::clock::now_iso(), user.id],
    )?;
    Ok(())
}

pub fn user_in_tx(tx: &Transaction<'_>, id: i64) -> DbResult<Option<UserRow>> {
    query_user(tx, "id = ?1", params![id])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A user of `dialect` with the email `a@b.co`.
    fn insert_a_b_co(db: &Db, dialect: Backend) -> i64 {
        let mut data = Map::new();
        data.insert("email".into(), Value::String("a@b.co".into()));
        db.insert_user(&NewUser { dialect, public_id: None, password: "x".into(), data, avatar: None }).unwrap()
    }

    #[test]
    fn migrates_once_and_keeps_rows() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.sqlite3");
        let db = Db::open(&path).unwrap();
        assert_eq!(db.schema_version().unwrap(), MIGRATIONS.len() as i64);
        let id = insert_a_b_co(&db, Backend::UsersMe);
        drop(db);
        let db = Db::open(&path).unwrap();
        assert_eq!(db.schema_version().unwrap(), MIGRATIONS.len() as i64);
        let u = db.user_by_field(Backend::UsersMe, "email", "a@b.co").unwrap().unwrap();
        assert_eq!((u.id, u.public_id.as_str()), (id, id.to_string().as_str()));
        let mode: String = db.lock().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
    }

    #[test]
    fn deleting_a_user_takes_their_tokens_along() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("x.sqlite3")).unwrap();
        let id = insert_a_b_co(&db, Backend::UsersMe);
        let other = insert_a_b_co(&db, Backend::Pwgen);
        db.insert_token("k", kind::AUTHTOKEN, id).unwrap();
        assert_eq!(db.delete_user(Backend::Pwgen, id).unwrap(), None, "another dialect's user is not touched");
        assert_eq!(db.delete_user(Backend::UsersMe, id).unwrap(), Some(None));
        assert_eq!(db.token_user("k", kind::AUTHTOKEN).unwrap(), None);
        assert!(db.user_by_id(Backend::UsersMe, id).unwrap().is_none());
        assert!(db.user_by_id(Backend::Pwgen, other).unwrap().is_some());
    }

    #[test]
    fn aisquare_views_share_users() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("x.sqlite3")).unwrap();
        let id = insert_a_b_co(&db, Backend::AisquareDetails);
        assert!(db.user_by_id(Backend::AisquareProfile, id).unwrap().is_some());
        assert!(db.user_by_id(Backend::Pwgen, id).unwrap().is_none());
    }
}

//! The one home of every profile rule, shared by the browser app (wasm) and
//! the reference server (native). Depends on serde only: no web crates, no
//! regex, no IDNA tables, so it costs the wasm bundle little.
//!
//! - [`catalogue`]: what each dialect shows and edits, one line per field.
//! - [`values`] and [`patch`]: form values from answers, minimal update bodies.
//! - [`validate`]: catalogue-driven rules ([`email`], [`url`], [`date`]).
//! - [`parse_error`]: every failed answer into [`FieldErrors`] and a kind.
//! - [`dialect`]: a backend described as data (a dialect file).
//! - [`config`]: the runtime app config.
//! - [`account`]: the bodies of a password change and an account deletion.
//! - [`image`]: which files are photos (magic bytes), avatar crop geometry.
//! - [`password`]: Django's default password validators; the common list is data.

pub mod account;
pub mod catalogue;
pub mod config;
pub mod date;
pub mod dialect;
pub mod email;
pub mod errors;
pub mod image;
pub mod ip;
pub mod messages;
pub mod parse_error;
pub mod password;
pub mod patch;
pub mod pychar;
#[cfg(feature = "shipped")]
pub mod shipped;
pub mod url;
pub mod validate;
pub mod values;

pub use account::{DeleteAccount, PasswordChange, PasswordInput};
pub use catalogue::{FieldKind, FieldSpec, Page, Section};
pub use config::{
    parse_config, parse_config_unexplained, parse_config_with, serde_json_text, AppConfig, AuthMode, AvatarPolicy,
    ConfigError, ConfigFile, Endpoint, Endpoints, LoginField, ReadJson, SignIn,
};
pub use date::Date;
pub use dialect::{
    dialect_source, dialect_source_unexplained, dialect_source_with, parse_dialect, parse_dialect_unexplained,
    parse_dialect_with, Dialect, DialectSource, PhotoRemoval,
};
pub use errors::{FieldErrors, Message};
pub use parse_error::{parse_error, parse_error_in, parse_error_with, ApiError, ErrorKind};
pub use password::{password_errors, validate_password, CommonPasswords, PasswordError, UserAttributes};
pub use patch::{apply_patch, patch};
pub use validate::{validate, validate_changes, validate_field};
pub use values::{FieldValue, FormValues};

//! One file per route; pages own their resources and actions.

pub mod not_found;
pub mod profile;
pub mod settings;
pub mod sign_in;

//! One module per route (settings has its sections in settings/); pages
//! own their resources and actions. `profile_read` is the profile load
//! the profile and settings pages share.

pub mod not_found;
pub mod profile;
pub mod profile_read;
pub mod settings;
pub mod sign_in;

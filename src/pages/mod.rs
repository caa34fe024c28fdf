//! One module per route (settings has its sections in settings/); pages
//! own their resources and actions. `profile_behaviour` is what the
//! profile page does once a person acts, fetched after its first screen
//! (`form_behaviour` draws that line for every form). `profile_read` is the profile load
//! the profile and settings pages share; `save_news` is how both tell the
//! person about a save; `reauth` brings both the sign-in dialog when a
//! session ends.

pub mod account_deleted;
pub mod form_behaviour;
pub mod not_found;
pub mod profile;
pub mod profile_behaviour;
pub mod profile_read;
pub mod reauth;
pub mod save_news;
pub mod settings;
pub mod sign_in;

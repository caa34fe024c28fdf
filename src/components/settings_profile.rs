//! One profile read for the whole Settings page: Notifications and Account
//! both need it, and share a single request (and a single retry).

use leptos::prelude::*;

use crate::api::profile::LoadedProfile;
use crate::api::{ApiClient, ClientError};

pub type ProfileResource = LocalResource<Result<LoadedProfile, ClientError>>;

#[derive(Clone, Copy)]
struct SettingsProfile(ProfileResource);

/// Starts the read; call once in the Settings route, above its sections.
pub fn provide_settings_profile() {
    provide_context(SettingsProfile(load()));
}

/// The shared read, or a read of its own for a section shown alone.
pub fn use_settings_profile() -> ProfileResource {
    use_context::<SettingsProfile>().map(|shared| shared.0).unwrap_or_else(load)
}

fn load() -> ProfileResource {
    let api = expect_context::<ApiClient>();
    LocalResource::new(move || {
        let api = api.clone();
        async move { api.load_profile().await }
    })
}

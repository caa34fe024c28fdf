//! The signed-in person's profile as a resource: the profile page reads
//! it, and the whole Settings page shares one read between Notifications
//! and Account (one request, one retry).

use leptos::prelude::*;

use crate::api::profile::LoadedProfile;
use crate::api::{ApiClient, ClientError};
use crate::components::banner::ErrorBanner;

pub type ProfileResource = LocalResource<Result<LoadedProfile, ClientError>>;

#[derive(Clone, Copy)]
struct SettingsProfile(ProfileResource);

/// A read of the profile, started now (refetch to read again).
pub fn use_profile_read() -> ProfileResource {
    let api = expect_context::<ApiClient>();
    LocalResource::new(move || {
        let api = api.clone();
        async move { api.load_profile().await }
    })
}

/// Starts the shared read; call once in the Settings route, above its sections.
pub fn provide_settings_profile() {
    provide_context(SettingsProfile(use_profile_read()));
}

/// The shared read, or a read of its own for a section shown alone.
pub fn use_settings_profile() -> ProfileResource {
    use_context::<SettingsProfile>().map(|shared| shared.0).unwrap_or_else(use_profile_read)
}

/// The read's answer, the same way on every page: `pending` while it is
/// read, `loaded` once it is, or what went wrong with Retry.
#[component]
pub fn ProfileAnswer(
    profile: ProfileResource,
    /// What shows while the first read is on its way (nothing by default).
    #[prop(optional, into)]
    pending: ViewFnOnce,
    loaded: Callback<LoadedProfile, AnyView>,
) -> impl IntoView {
    view! {
        <Transition fallback=pending>
            {move || profile.get().map(|answer| match answer {
                Ok(profile) => loaded.run(profile),
                Err(e) => view! {
                    <ErrorBanner messages=Signal::stored(e.form_messages())
                        on_retry=Callback::new(move |_| profile.refetch())/>
                }
                .into_any(),
            })}
        </Transition>
    }
}

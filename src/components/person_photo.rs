//! A person's photo wherever one is shown (header, profile, the editor at
//! rest): the picture, or their initials when there is none or it fails to
//! load, never a broken image with clipped alt text.

use leptos::prelude::*;

use crate::app_state::CurrentUser;

/// `class` styles both the image and the initials disc
/// (`<class> person-photo--initials`).
#[component]
pub fn PersonPhoto(
    /// The photo's URL, already resolved and checked (`app_state::photo_url`).
    #[prop(into)]
    url: Signal<Option<String>>,
    /// Class of the image or the disc.
    class: &'static str,
    /// The image's text alternative ("" where the name stands beside it).
    #[prop(into)]
    alt: Signal<String>,
    /// The image's test id.
    test_id: &'static str,
) -> impl IntoView {
    // The shell's person, if there is a shell (a component alone shows an
    // empty disc): never one made here, which would die with this photo.
    let name = use_context::<CurrentUser>().map(|user| user.name);
    let broken = RwSignal::new(false);
    Effect::new(move || {
        url.track();
        broken.set(false);
    });
    move || match url.get().filter(|_| !broken.get()) {
        Some(src) => view! {
            <img class=class src=src alt=move || alt.get() on:error=move |_| broken.set(true) data-testid=test_id/>
        }
        .into_any(),
        None => view! {
            <span class=format!("{class} person-photo--initials") aria-hidden="true" data-testid="photo-initials">
                {move || name.and_then(|n| n.try_get().flatten()).map(|n| initials(&n)).unwrap_or_default()}
            </span>
        }
        .into_any(),
    }
}

/// Up to two letters: the first of the first two words.
pub fn initials(name: &str) -> String {
    name.split_whitespace().take(2).filter_map(|w| w.chars().next()).flat_map(char::to_uppercase).collect()
}

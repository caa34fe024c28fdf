//! The photo as the profile page first shows it: the current picture and
//! the ways to change it. The editor's own code (checks, decoding,
//! cropping, encoding) is a module of its own that the page fetches when
//! the person first chooses, drops or pastes a photo or removes one.

use leptos::prelude::*;

use super::photo_input::{use_photo_input, PhotoDropZone, PhotoFileInput};
use super::{AvatarStart, StillPhoto};
use crate::i18n::use_i18n;

/// Looks like the editor at rest; `on_start` gets the first thing the
/// person does with it.
#[component]
pub fn AvatarLauncher(
    /// URL of the photo the server has now, if any.
    #[prop(into)]
    current_url: Signal<Option<String>>,
    /// The file input's `accept` (from the avatar policy).
    accept: String,
    /// Whether this dialect can remove a photo.
    #[prop(into)]
    can_remove: Signal<bool>,
    /// The person chose a file or asked to remove the photo.
    on_start: Callback<AvatarStart>,
) -> impl IntoView {
    let i18n = use_i18n();
    let photo_input = use_photo_input(Callback::new(move |file| on_start.run(AvatarStart::Pick(file))));
    view! {
        <div class="avatar" class:avatar--dragover=move || photo_input.dragging_over.get() data-testid="avatar-editor">
            <PhotoDropZone photo_input><StillPhoto url=current_url/></PhotoDropZone>
            <div class="avatar__controls">
                <div class="avatar__actions">
                    <button type="button" class="button" on:click=move |_| photo_input.open_picker.run(())>
                        {move || if current_url.with(Option::is_some) { i18n.t("avatar.change") } else { i18n.t("avatar.choose") }}
                    </button>
                    <Show when=move || can_remove.get() && current_url.with(Option::is_some)>
                        <button type="button" class="button button--danger" data-testid="avatar-remove"
                            on:click=move |_| on_start.run(AvatarStart::Remove)>
                            {i18n.tr("avatar.remove")}
                        </button>
                    </Show>
                </div>
                <PhotoFileInput photo_input accept/>
                <p class="avatar__status" role="status" aria-live="polite" data-testid="avatar-status"></p>
            </div>
        </div>
    }
}

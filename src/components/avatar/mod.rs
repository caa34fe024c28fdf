//! The profile photo editor: choose, drop or paste a photo; it is checked by
//! its first bytes and the size limit, previewed at once, cropped square
//! (drag, arrow keys, zoom) and downscaled in the browser to at most
//! 512×512 before the page uploads it. The editor never talks HTTP: it
//! tells the page what the person wants through `on_change`.

mod check;
mod crop_view;
mod launcher;
mod photo_input;
mod prepared;

use leptos::prelude::*;
use profile_model::image::{MAX_ZOOM, MIN_ZOOM};
use profile_model::{AvatarPolicy, Message};
use web_sys::File;

use crate::api::profile::AvatarUpload;
use crate::components::person_photo::PersonPhoto;
use crate::format::fixed;
use crate::i18n::use_i18n;
use check::format_bytes;
use crop_view::CropView;
pub use launcher::AvatarLauncher;
use photo_input::{use_photo_input, PhotoDropZone, PhotoFileInput};
pub use prepared::{use_prepared_avatar, Ready, UsePreparedAvatar};

/// What the person did first, before the editor's code was here (the
/// page shows [`AvatarLauncher`] until then).
#[derive(Clone, Debug)]
pub enum AvatarStart {
    Pick(File),
    Remove,
}

/// Edits the profile photo. `on_change` gets what the person wants done
/// with it (see [`use_prepared_avatar`]): the photo prepared for upload,
/// its removal, or `Keep`.
#[component]
pub fn AvatarEditor(
    /// URL of the photo the server has now, if any.
    #[prop(into)]
    current_url: Signal<Option<String>>,
    /// Size and type limits from the runtime config.
    policy: AvatarPolicy,
    /// Whether this dialect can remove a photo.
    #[prop(into)]
    can_remove: Signal<bool>,
    /// Called whenever the pending change changes (Keep after the person cancels).
    on_change: Callback<AvatarUpload>,
    /// Error text from the server for the avatar field, shown under the photo.
    #[prop(into, optional)]
    server_error: MaybeProp<String>,
    /// Carried out at once: what the person asked the launcher for.
    #[prop(optional)]
    start: Option<AvatarStart>,
) -> impl IntoView {
    let i18n = use_i18n();
    let accept = policy.accept_attribute();
    let prepared = use_prepared_avatar(policy, current_url, on_change);
    let UsePreparedAvatar { crop, preview_src, removing, preparing, ready, error, .. } = prepared;
    let photo_input = use_photo_input(prepared.pick);
    match start {
        Some(AvatarStart::Pick(file)) => prepared.pick.run(file),
        Some(AvatarStart::Remove) => prepared.remove.run(()),
        None => {}
    }

    // One still photo for the editor's life: it follows the server's URL
    // and removal itself, so it is not rebuilt under a running effect.
    let still_url = Signal::derive(move || current_url.get().filter(|_| !removing.get()));
    let photo = move || match preview_src.get() {
        Some(src) => view! { <CropView src crop/> }.into_any(),
        None => view! { <StillPhoto url=still_url/> }.into_any(),
    };

    let has_photo = move || preview_src.with(Option::is_some) || current_url.with(Option::is_some) && !removing.get();
    let show_remove = move || can_remove.get() && current_url.with(Option::is_some) && !removing.get();
    let show_cancel = move || preview_src.with(Option::is_some) || removing.get();
    let status = move || {
        if removing.get() {
            Some(i18n.t("avatar.removed"))
        } else if preparing.get() {
            Some(i18n.t("avatar.preparing"))
        } else {
            ready.get().map(|Ready { side, bytes }| {
                i18n.message(&Message::rule("avatar.ready").with("side", side).with("size", format_bytes(bytes)))
            })
        }
    };
    let error_text =
        move || error.get().map(|m| i18n.message(&m)).or_else(|| server_error.get().filter(|s| !s.is_empty()));

    view! {
        <div class="avatar" class:avatar--dragover=move || photo_input.dragging_over.get() data-testid="avatar-editor">
            <PhotoDropZone photo_input>{photo}</PhotoDropZone>
            <div class="avatar__controls">
                <div class="avatar__actions">
                    <button type="button" class="button" on:click=move |_| photo_input.open_picker.run(())>
                        {move || if has_photo() { i18n.t("avatar.change") } else { i18n.t("avatar.choose") }}
                    </button>
                    <Show when=show_remove>
                        <button type="button" class="button button--danger" data-testid="avatar-remove"
                            on:click=move |_| prepared.remove.run(())>
                            {i18n.tr("avatar.remove")}
                        </button>
                    </Show>
                    <Show when=show_cancel>
                        <button type="button" class="button" data-testid="avatar-cancel"
                            on:click=move |_| prepared.cancel.run(())>
                            {i18n.tr("avatar.cancel")}
                        </button>
                    </Show>
                </div>
                <PhotoFileInput photo_input accept/>
                <Show when=move || crop.with(Option::is_some)>
                    <label class="avatar__zoom">
                        <span>{i18n.tr("avatar.zoom")}</span>
                        // Numbers cross as text through integer formatting and
                        // the input's own `valueAsNumber`: Rust's float parser
                        // and printer would add their tables to the wasm.
                        <input type="range" min=fixed(MIN_ZOOM, 2) max=fixed(MAX_ZOOM, 2) step="0.01" data-testid="avatar-zoom"
                            prop:value=move || fixed(crop.get().map_or(MIN_ZOOM, |c| c.zoom()), 2)
                            on:input=move |ev| {
                                let zoom = event_target::<web_sys::HtmlInputElement>(&ev).value_as_number();
                                if zoom.is_finite() {
                                    crop.update(|c| *c = c.map(|c| c.with_zoom(zoom)));
                                }
                            }/>
                    </label>
                </Show>
                <p class="avatar__status" role="status" aria-live="polite" data-testid="avatar-status">{status}</p>
            </div>
            <p class="avatar__error" role="alert" data-testid="avatar-error">{error_text}</p>
        </div>
    }
}

/// The server's photo, or the person's initials.
#[component]
fn StillPhoto(#[prop(into)] url: Signal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="avatar__crop avatar__crop--still">
            <PersonPhoto url class="avatar__img" alt=i18n.tr("avatar.alt.current") test_id="avatar-preview"/>
        </div>
    }
}

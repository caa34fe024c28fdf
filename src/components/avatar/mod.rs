//! The profile photo editor: choose, drop or paste a photo; it is checked by
//! its first bytes and the size limit, previewed at once, cropped square
//! (drag, arrow keys, zoom) and downscaled in the browser to at most
//! 512×512 before the page uploads it. The editor never talks HTTP: it
//! tells the page what the person wants through `on_change`.

mod check;
mod crop_view;
mod launcher;
mod photo_input;

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use profile_model::image::{Crop, AVATAR_MAX_SIDE, MAX_ZOOM, MIN_ZOOM};
use profile_model::{AvatarPolicy, Message};
use web_sys::{File, HtmlImageElement};

use crate::components::person_photo::PersonPhoto;
use crate::format::fixed;
use crate::i18n::use_i18n;
use crate::media::{crop_square, decode_image, encode, Encoded, ObjectUrl};
use check::{check_file, format_bytes, output_formats, output_name};
use crop_view::CropView;
pub use launcher::AvatarLauncher;
use photo_input::{use_photo_input, PhotoDropZone, PhotoFileInput};

/// A photo the person prepared: already cropped square and downscaled.
///
/// Holds a JS object, so it is `!Send`: keep it in a local signal
/// (`RwSignal::new_local`, `signal_local`) or a `SendWrapper`.
#[derive(Clone, Debug)]
pub struct PreparedAvatar {
    pub blob: web_sys::Blob,
    /// Original name with the extension of the encoded type (`me.jpg`).
    pub file_name: String,
    pub bytes: u64,
    /// `image/webp` where the browser can write it and the config accepts
    /// it, else `image/jpeg`.
    pub mime: String,
}

/// The avatar change the person asked for.
#[derive(Clone, Debug)]
pub enum AvatarChange {
    Keep,
    Replace(PreparedAvatar),
    Remove,
}

/// What the person did first, before the editor's code was here (the
/// page shows [`AvatarLauncher`] until then).
#[derive(Clone, Debug)]
pub enum AvatarStart {
    Pick(File),
    Remove,
}

/// Encoder quality for the uploaded photo.
const QUALITY: f64 = 0.85;
/// Crop moves settle for this long before the photo is encoded again.
const SETTLE: Duration = Duration::from_millis(150);

/// The file the person picked, while it is pending. Dropping it revokes
/// the preview's object URL.
struct Picked {
    url: ObjectUrl,
    file_name: String,
    image: Option<HtmlImageElement>,
}

/// Edits the profile photo. `on_change` gets `Replace` each time a photo
/// (or a new crop of it) is ready, `Remove` when the person removes the
/// photo, and `Keep` when they cancel or when `current_url` changes while
/// something is pending (the page saved it: the editor then shows the
/// server's photo again).
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
    on_change: Callback<AvatarChange>,
    /// Error text from the server for the avatar field, shown under the photo.
    #[prop(into, optional)]
    server_error: MaybeProp<String>,
    /// Carried out at once: what the person asked the launcher for.
    #[prop(optional)]
    start: Option<AvatarStart>,
) -> impl IntoView {
    let i18n = use_i18n();
    let accept = policy.accept_attribute();
    let policy = StoredValue::new(policy);
    let picked = RwSignal::new_local(None::<Picked>);
    let crop = RwSignal::new(None::<Crop>);
    let removing = RwSignal::new(false);
    let error = RwSignal::new(None::<Message>);
    let preparing = RwSignal::new(false);
    // Side and bytes of the photo that was last handed to the page.
    let ready = RwSignal::new(None::<(u32, u64)>);
    // Bumped by every pick, cancel and remove: async checks of an older
    // pick stop. `version` is also bumped by every crop change: only the
    // newest encoding reaches the page.
    let choice = StoredValue::new(0u64);
    let version = StoredValue::new(0u64);
    let bump = |counter: StoredValue<u64>| {
        counter.update_value(|n| *n += 1);
        counter.get_value()
    };

    // Back to a state with nothing pending (or a removal pending).
    let reset = move |remove: bool| {
        bump(choice);
        bump(version);
        picked.set(None);
        crop.set(None);
        removing.set(remove);
        error.set(None);
        ready.set(None);
        preparing.set(false);
    };

    // The server's photo changed (a save went through, or the profile was
    // reloaded): what was pending is done, show the server's photo.
    Effect::new(move |before: Option<Option<String>>| {
        let now = current_url.get();
        if before.is_some_and(|before| before != now)
            && (picked.with_untracked(Option::is_some) || removing.get_untracked())
        {
            reset(false);
            on_change.run(AvatarChange::Keep);
        }
        now
    });

    let pick = move |file: File| {
        let this = bump(choice);
        error.set(None);
        spawn_local(async move {
            let checked = check_file(&file, &policy.get_value()).await;
            if choice.try_get_value() != Some(this) {
                return;
            }
            if let Err(refused) = checked {
                error.set(Some(refused));
                return;
            }
            let Ok(url) = ObjectUrl::new(&file) else {
                error.set(Some(Message::rule("avatar.error.unreadable")));
                return;
            };
            let src = url.as_str().to_string();
            bump(version);
            picked.set(Some(Picked { url, file_name: file.name(), image: None }));
            crop.set(None);
            removing.set(false);
            ready.set(None);
            preparing.set(true);
            let decoded = decode_image(&src).await;
            if choice.try_get_value() != Some(this) {
                return;
            }
            match decoded {
                Ok(image) => {
                    crop.set(Some(Crop::centered(image.natural_width(), image.natural_height())));
                    picked.update(|p| {
                        if let Some(p) = p {
                            p.image = Some(image);
                        }
                    });
                }
                Err(_) => {
                    reset(false);
                    error.set(Some(Message::rule("avatar.error.unreadable")));
                    on_change.run(AvatarChange::Keep);
                }
            }
        });
    };

    // Encode the crop once it has settled and hand it to the page.
    let prepare = move |c: Crop, this: u64| async move {
        let source =
            picked.try_with_untracked(|p| p.as_ref().and_then(|p| Some((p.image.clone()?, p.file_name.clone()))));
        let Some(Some((image, name))) = source else {
            return;
        };
        let side = c.output_side(AVATAR_MAX_SIDE);
        let formats = output_formats(&policy.get_value());
        let encoded = match crop_square(&image, c.rect(), side) {
            Ok(canvas) => encode(&canvas, &formats, QUALITY).await,
            Err(e) => Err(e),
        };
        if version.try_get_value() != Some(this) {
            return;
        }
        preparing.set(false);
        match encoded {
            Ok(Encoded { blob, mime }) => {
                let bytes = blob.size() as u64;
                let max = policy.with_value(|p| p.max_bytes);
                if bytes > max {
                    // Only with a limit far below any photo's size.
                    error.set(Some(
                        Message::rule("avatar.error.too_large")
                            .with("size", format_bytes(bytes))
                            .with("max", format_bytes(max)),
                    ));
                    return;
                }
                ready.set(Some((side, bytes)));
                let file_name = output_name(&name, &mime);
                on_change.run(AvatarChange::Replace(PreparedAvatar { blob, file_name, bytes, mime }));
            }
            Err(_) => error.set(Some(Message::rule("avatar.error.encode"))),
        }
    };
    // A freshly decoded photo is encoded at once; moves wait to settle.
    Effect::new(move |had_crop: Option<bool>| {
        let Some(c) = crop.get() else { return false };
        let this = bump(version);
        preparing.set(true);
        set_timeout(
            move || {
                if version.try_get_value() == Some(this) {
                    spawn_local(prepare(c, this));
                }
            },
            if had_crop == Some(true) { SETTLE } else { Duration::ZERO },
        );
        true
    });

    let photo_input = use_photo_input(Callback::new(pick));
    match start {
        Some(AvatarStart::Pick(file)) => pick(file),
        Some(AvatarStart::Remove) => {
            reset(true);
            on_change.run(AvatarChange::Remove);
        }
        None => {}
    }

    let preview_src = Memo::new(move |_| picked.with(|p| p.as_ref().map(|p| p.url.as_str().to_string())));
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
            ready.get().map(|(side, bytes)| {
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
                            on:click=move |_| {
                                reset(true);
                                on_change.run(AvatarChange::Remove);
                            }>
                            {i18n.tr("avatar.remove")}
                        </button>
                    </Show>
                    <Show when=show_cancel>
                        <button type="button" class="button" data-testid="avatar-cancel"
                            on:click=move |_| {
                                reset(false);
                                on_change.run(AvatarChange::Keep);
                            }>
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

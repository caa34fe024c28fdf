//! The photo's way from a picked file to an upload: check → decode → crop
//! → encode. Every step is async, so every step first asks whether the
//! person has moved on (a newer pick, a cancel, a newer crop) and drops its
//! result if so.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use profile_model::image::{Crop, AVATAR_MAX_SIDE};
use profile_model::{AvatarPolicy, Message};
use web_sys::{File, HtmlImageElement};

use super::check::{check_file, format_bytes, output_formats, output_name};
use crate::api::profile::{AvatarFile, AvatarUpload};
use crate::media::{crop_square, decode_image, encode, Encoded, ObjectUrl};

/// Encoder quality for the uploaded photo.
const QUALITY: f64 = 0.85;
/// Crop moves settle for this long before the photo is encoded again.
const SETTLE: Duration = Duration::from_millis(150);

/// The photo last handed to the page: its side in pixels and its size.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ready {
    pub side: u32,
    pub bytes: u64,
}

/// What [`use_prepared_avatar`] gives the view.
#[derive(Clone, Copy)]
pub struct UsePreparedAvatar {
    /// Checks and decodes a file the person picked, then prepares it.
    pub pick: Callback<File>,
    /// Asks the page to remove the server's photo.
    pub remove: Callback<()>,
    /// Drops whatever is pending; the page keeps the server's photo.
    pub cancel: Callback<()>,
    /// The crop of the decoded photo; the view moves and zooms it, and each
    /// settled change is encoded again.
    pub crop: RwSignal<Option<Crop>>,
    /// Object URL of the picked file while it is pending.
    pub preview_src: Memo<Option<String>>,
    pub removing: Signal<bool>,
    pub preparing: Signal<bool>,
    pub ready: Signal<Option<Ready>>,
    pub error: Signal<Option<Message>>,
}

/// The file the person picked, while it is pending. Dropping it revokes
/// the preview's object URL.
struct Picked {
    url: ObjectUrl,
    file_name: String,
    image: Option<HtmlImageElement>,
}

/// Prepares the photo within `policy` and tells `on_change` what the
/// person wants: `Replace` each time a photo (or a new crop of it) is
/// encoded, `Remove`, or `Keep` after a cancel, a failed decode, or when
/// `current_url` changes while something is pending (the page saved it).
pub fn use_prepared_avatar(
    policy: AvatarPolicy,
    current_url: Signal<Option<String>>,
    on_change: Callback<AvatarUpload>,
) -> UsePreparedAvatar {
    let policy = StoredValue::new(policy);
    let picked = RwSignal::new_local(None::<Picked>);
    let crop = RwSignal::new(None::<Crop>);
    let removing = RwSignal::new(false);
    let error = RwSignal::new(None::<Message>);
    let preparing = RwSignal::new(false);
    let ready = RwSignal::new(None::<Ready>);
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
    // reloaded): what was pending is done.
    Effect::new(move |before: Option<Option<String>>| {
        let now = current_url.get();
        if before.is_some_and(|before| before != now)
            && (picked.with_untracked(Option::is_some) || removing.get_untracked())
        {
            reset(false);
            on_change.run(AvatarUpload::Keep);
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
                    on_change.run(AvatarUpload::Keep);
                }
            }
        });
    };

    // Encodes the crop and hands it to the page, unless a newer crop came.
    let encode_crop = move |c: Crop, this: u64| async move {
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
                ready.set(Some(Ready { side, bytes }));
                let file_name = output_name(&name, &mime);
                on_change.run(AvatarUpload::Replace(AvatarFile { blob, file_name }));
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
                    spawn_local(encode_crop(c, this));
                }
            },
            if had_crop == Some(true) { SETTLE } else { Duration::ZERO },
        );
        true
    });

    UsePreparedAvatar {
        pick: Callback::new(pick),
        remove: Callback::new(move |()| {
            reset(true);
            on_change.run(AvatarUpload::Remove);
        }),
        cancel: Callback::new(move |()| {
            reset(false);
            on_change.run(AvatarUpload::Keep);
        }),
        crop,
        preview_src: Memo::new(move |_| picked.with(|p| p.as_ref().map(|p| p.url.as_str().to_string()))),
        removing: removing.into(),
        preparing: preparing.into(),
        ready: ready.into(),
        error: error.into(),
    }
}

//! What the editor decides about a file before and after preparing it.

use profile_model::image::{sniff, ImageKind, SNIFF_LEN};
use profile_model::{AvatarPolicy, Message};
use web_sys::File;

use crate::media::read_head;

/// Refuses a file that is over the size limit (checked on the original, so
/// the person learns it before any work), that is not a JPEG, PNG, WebP or
/// GIF by its first bytes (whatever its name and claimed type), or whose
/// real type the config does not accept.
pub async fn check_file(file: &File, policy: &AvatarPolicy) -> Result<ImageKind, Message> {
    let size = file.size() as u64;
    if size > policy.max_bytes {
        return Err(Message::rule("avatar.error.too_large")
            .with("size", format_bytes(size))
            .with("max", format_bytes(policy.max_bytes)));
    }
    let head = read_head(file, SNIFF_LEN).await.map_err(|_| Message::rule("avatar.error.unreadable"))?;
    let kind = sniff(&head).ok_or_else(|| Message::rule("avatar.error.not_image"))?;
    match policy.check(size, kind.mime()) {
        Some(refused) => Err(refused),
        None => Ok(kind),
    }
}

/// The types to encode the prepared photo in, best first: WebP (smaller at
/// the same quality), then JPEG, then PNG, each only if the config accepts it.
pub fn output_formats(policy: &AvatarPolicy) -> Vec<&'static str> {
    ["image/webp", "image/jpeg", "image/png"].into_iter().filter(|m| policy.check(0, m).is_none()).collect()
}

/// `holiday.photo.png` encoded as JPEG uploads as `holiday.photo.jpg`.
pub fn output_name(original: &str, mime: &str) -> String {
    let stem = match original.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ if !original.is_empty() && !original.starts_with('.') => original,
        _ => "avatar",
    };
    let ext = match mime {
        "image/webp" => "webp",
        "image/png" => "png",
        _ => "jpg",
    };
    format!("{stem}.{ext}")
}

/// `5 MB`, `38 KB`, `900 bytes`.
pub fn format_bytes(n: u64) -> String {
    const KB: u64 = 1024;
    if n >= KB * KB {
        let mb = crate::format::fixed(n as f64 / (KB * KB) as f64, 1);
        format!("{} MB", mb.strip_suffix(".0").unwrap_or(&mb))
    } else if n >= KB {
        format!("{} KB", crate::format::kilobytes(n as f64))
    } else {
        format!("{n} bytes")
    }
}

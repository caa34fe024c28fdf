//! Avatar files: checked by content (not by the claimed type or name),
//! stored under a generated name, and served back under `/media/`. Which
//! files count as images is the model's rule (`profile_model::image::sniff`),
//! the same one the browser applies before uploading.

use std::path::{Path, PathBuf};

use profile_model::image::{sniff, ImageKind};

/// Writes `bytes` under `<media_dir>/<subdir>/<random>.<ext>` and returns
/// the path relative to the media dir. Written to a temporary name and
/// renamed, so a crash never leaves a half-written avatar in place.
pub fn store(media_dir: &Path, subdir: &str, original_name: &str, bytes: &[u8]) -> std::io::Result<String> {
    let ext = sniff(bytes).map_or("bin", ImageKind::extension);
    let stem: String = Path::new(original_name)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("avatar")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .take(40)
        .collect();
    let stem = if stem.is_empty() { "avatar".to_string() } else { stem };
    let name = format!("{stem}_{}.{ext}", crate::secret::random_string(7, crate::secret::ALNUM));
    let dir = media_dir.join(subdir);
    std::fs::create_dir_all(&dir)?;
    let tmp = dir.join(format!(".{name}.part"));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, dir.join(&name))?;
    Ok(format!("{subdir}/{name}"))
}

/// Best effort: a missing file is already gone.
pub fn remove(media_dir: &Path, relative: &str) {
    if let Some(path) = safe_join(media_dir, relative) {
        let _ = std::fs::remove_file(path);
    }
}

fn safe_join(base: &Path, relative: &str) -> Option<PathBuf> {
    let rel = Path::new(relative);
    rel.components().all(|c| matches!(c, std::path::Component::Normal(_))).then(|| base.join(rel))
}

/// `/media/<relative>`, as Django's `FieldFile.url` gives without a request.
pub fn url_path(relative: &str) -> String {
    format!("/media/{relative}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_escaping_paths() {
        assert!(safe_join(Path::new("/m"), "../etc/passwd").is_none());
        assert!(safe_join(Path::new("/m"), "avatars/a.png").is_some());
    }
}

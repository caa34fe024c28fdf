//! Load and save the person's profile for whichever dialect is configured.
//! What to send is the model crate's business (`patch`, `multipart_parts`,
//! the catalogue); this module only decides JSON vs multipart and fills
//! `{id}` from the dialect file's `id_field`.

use profile_model::catalogue::upload_field;
use profile_model::patch::multipart_parts;
use profile_model::values::from_answer_with;
use profile_model::{patch, FormValues, PhotoRemoval};
use serde_json::Value;
use web_sys::{Blob, FormData};

use super::{ApiClient, Body, ClientError};

/// The profile as loaded (or as the server returned it after a save).
#[derive(Clone, Debug, PartialEq)]
pub struct LoadedProfile {
    /// Editable and read-only values by catalogue path.
    pub values: FormValues,
    /// The user's id where the update path needs it (pwgen's `{id}`).
    pub id: Option<String>,
}

/// A new photo, already cropped and downscaled by the avatar editor. Its
/// size and type are the blob's own (`size()`, `type_()`).
///
/// Holds a JS object, so it is `!Send`: keep it in a local signal
/// (`RwSignal::new_local`) or a `SendWrapper`.
#[derive(Clone, Debug)]
pub struct AvatarFile {
    pub blob: Blob,
    /// Original name with the extension of the encoded type (`me.jpg`).
    pub file_name: String,
}

/// What to do with the photo in this save.
#[derive(Clone, Debug, Default)]
pub enum AvatarUpload {
    #[default]
    Keep,
    Replace(AvatarFile),
    Remove,
}

impl ApiClient {
    pub async fn load_profile(&self) -> Result<LoadedProfile, ClientError> {
        self.require_credential()?;
        let endpoint = self.config().endpoints.read.clone();
        let answer = self.send(&endpoint.method, &self.config().url(&endpoint, None), Body::None).await?;
        self.read_answer(&answer)
    }

    /// Sends only what changed between `loaded` and `edited` (and the
    /// avatar change, as multipart). Answers the server's new state.
    pub async fn save_profile(
        &self,
        loaded: &LoadedProfile,
        edited: &FormValues,
        avatar: AvatarUpload,
    ) -> Result<LoadedProfile, ClientError> {
        self.require_credential()?;
        let dialect = self.dialect();
        let mut changes = patch(dialect, &loaded.values, edited);
        let body = match (&avatar, upload_field(dialect)) {
            // `{"avatar": null}` where the dialect removes photos that way.
            (AvatarUpload::Remove, Some(field)) if dialect.photo_removal == PhotoRemoval::Null => {
                if let Some(body) = changes.as_object_mut() {
                    body.insert(field.path.clone(), Value::Null);
                }
                Body::Json(changes)
            }
            (AvatarUpload::Keep, _) | (_, None) => {
                if changes.as_object().is_none_or(|o| o.is_empty()) {
                    return Ok(loaded.clone());
                }
                Body::Json(changes)
            }
            (upload, Some(field)) => {
                let form = FormData::new().map_err(|_| ClientError::Network)?;
                for (name, value) in multipart_parts(&changes) {
                    let _ = form.append_with_str(&name, &value);
                }
                match upload {
                    AvatarUpload::Replace(file) => {
                        let _ = form.append_with_blob_and_filename(&field.path, &file.blob, &file.file_name);
                    }
                    // An empty file part clears a nullable FileField in DRF
                    // (the dialect file's `"remove": "empty_part"`).
                    _ => {
                        let _ = form.append_with_str(&field.path, "");
                    }
                }
                Body::Form(form)
            }
        };
        let endpoint = self.config().endpoints.update.clone();
        let url = self.config().url(&endpoint, loaded.id.as_deref());
        let answer = self.send(&endpoint.method, &url, body).await?;
        self.read_answer(&answer)
    }

    fn read_answer(&self, answer: &Value) -> Result<LoadedProfile, ClientError> {
        if !answer.is_object() {
            return Err(ClientError::Api(profile_model::ApiError::malformed(200)));
        }
        let id = answer.get(&self.dialect().id_field).and_then(|id| match id {
            Value::Number(n) => Some(n.to_string()),
            Value::String(s) => Some(s.clone()),
            _ => None,
        });
        Ok(LoadedProfile { values: from_answer_with(self.dialect(), answer, crate::json::text), id })
    }
}

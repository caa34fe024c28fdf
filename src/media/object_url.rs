use wasm_bindgen::JsValue;
use web_sys::{Blob, Url};

/// A `blob:` URL for a file, revoked when this value is dropped, so a
/// preview holds the file's memory only as long as it is shown.
#[derive(Debug)]
pub struct ObjectUrl(String);

impl ObjectUrl {
    pub fn new(blob: &Blob) -> Result<ObjectUrl, JsValue> {
        Url::create_object_url_with_blob(blob).map(ObjectUrl)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Drop for ObjectUrl {
    fn drop(&mut self) {
        let _ = Url::revoke_object_url(&self.0);
    }
}

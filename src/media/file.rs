use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, HtmlImageElement};

/// The first `len` bytes of a file (fewer if it is shorter), without
/// reading the rest.
pub async fn read_head(blob: &Blob, len: usize) -> Result<Vec<u8>, JsValue> {
    let head = blob.slice_with_f64_and_f64(0.0, len as f64)?;
    let buffer = JsFuture::from(head.array_buffer()).await?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Loads and decodes the image at `url` (an object URL). An `<img>` rather
/// than `createImageBitmap`, because both browsers apply the photo's EXIF
/// orientation to it when it is shown and when it is drawn on a canvas, so
/// the preview and the upload agree.
pub async fn decode_image(url: &str) -> Result<HtmlImageElement, JsValue> {
    let img = HtmlImageElement::new()?;
    img.set_src(url);
    JsFuture::from(img.decode()).await?;
    if img.natural_width() == 0 || img.natural_height() == 0 {
        return Err(JsValue::from_str("image has no pixels"));
    }
    Ok(img)
}

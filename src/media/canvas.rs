use profile_model::image::{downscale_steps, CropRect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, CanvasRenderingContext2d, HtmlCanvasElement, HtmlImageElement};

fn canvas(width: u32, height: u32) -> Result<(HtmlCanvasElement, CanvasRenderingContext2d), JsValue> {
    let canvas: HtmlCanvasElement = leptos::prelude::document().create_element("canvas")?.unchecked_into();
    canvas.set_width(width);
    canvas.set_height(height);
    let ctx: CanvasRenderingContext2d =
        canvas.get_context("2d")?.ok_or_else(|| JsValue::from_str("no 2d canvas"))?.unchecked_into();
    ctx.set_image_smoothing_enabled(true);
    // Not in web-sys; both browsers read it (Firefox since 2023).
    let _ = js_sys::Reflect::set(&ctx, &"imageSmoothingQuality".into(), &"high".into());
    Ok((canvas, ctx))
}

/// Draws the `rect` square of `image` on a new `out_side`×`out_side`
/// canvas. Large crops go through canvases that each at most halve the
/// size, so the browser's bilinear smoothing never skips source pixels
/// (one 6× step in Firefox looks grainy).
pub fn crop_square(image: &HtmlImageElement, rect: CropRect, out_side: u32) -> Result<HtmlCanvasElement, JsValue> {
    let steps = downscale_steps(rect.side, out_side);
    let first = steps.first().copied().unwrap_or(out_side);
    let (mut current, ctx) = canvas(first, first)?;
    ctx.draw_image_with_html_image_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
        image,
        rect.x,
        rect.y,
        rect.side,
        rect.side,
        0.0,
        0.0,
        first as f64,
        first as f64,
    )?;
    for &side in steps.iter().skip(1) {
        let (next, ctx) = canvas(side, side)?;
        ctx.draw_image_with_html_canvas_element_and_dw_and_dh(&current, 0.0, 0.0, side as f64, side as f64)?;
        // Free the larger bitmap now rather than at the next collection.
        current.set_width(0);
        current = next;
    }
    Ok(current)
}

/// An encoded photo.
pub struct Encoded {
    pub blob: Blob,
    pub mime: String,
}

/// Encodes the canvas in the first of `formats` this browser can write
/// (a browser that cannot write WebP silently gives PNG, so the answer's
/// type is checked). JPEG has no transparency: it is flattened on white.
pub async fn encode(canvas: &HtmlCanvasElement, formats: &[&str], quality: f64) -> Result<Encoded, JsValue> {
    for &mime in formats {
        let blob = if mime == "image/jpeg" {
            let (flat, ctx) = self::canvas(canvas.width(), canvas.height())?;
            ctx.set_fill_style_str("#fff");
            ctx.fill_rect(0.0, 0.0, canvas.width() as f64, canvas.height() as f64);
            ctx.draw_image_with_html_canvas_element(canvas, 0.0, 0.0)?;
            to_blob(&flat, mime, quality).await?
        } else {
            to_blob(canvas, mime, quality).await?
        };
        if let Some(blob) = blob.filter(|b| b.type_() == mime) {
            return Ok(Encoded { blob, mime: mime.to_string() });
        }
    }
    Err(JsValue::from_str("this browser cannot encode any of the accepted image types"))
}

/// `canvas.toBlob` as a future; `None` when the browser could not encode.
async fn to_blob(canvas: &HtmlCanvasElement, mime: &str, quality: f64) -> Result<Option<Blob>, JsValue> {
    let mut failed = None;
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let done = Closure::once_into_js(move |blob: JsValue| {
            let _ = resolve.call1(&JsValue::NULL, &blob);
        });
        if let Err(e) = canvas.to_blob_with_type_and_encoder_options(done.unchecked_ref(), mime, &quality.into()) {
            failed = Some(e);
        }
    });
    if let Some(e) = failed {
        return Err(e);
    }
    Ok(JsFuture::from(promise).await?.dyn_into::<Blob>().ok())
}

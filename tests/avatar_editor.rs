//! The avatar editor in Chrome and Firefox: files are checked by their
//! first bytes and the size limit, photos come out square and at most
//! 512×512, remove and cancel tell the page, previews are released.
//! No server needed: the editor only hands the page a prepared photo.

mod support;

use leptos::prelude::*;
use profile_app::api::profile::{AvatarFile, AvatarUpload};
use profile_app::components::avatar::AvatarEditor;
use profile_app::media::{decode_image, encode, ObjectUrl};
use profile_model::image::CropRect;
use profile_model::AvatarPolicy;
use support::*;
use wasm_bindgen::{Clamped, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{
    CanvasRenderingContext2d, DataTransfer, Element, Event, EventInit, File, FilePropertyBag, HtmlCanvasElement,
    HtmlElement, HtmlInputElement, ImageData,
};

wasm_bindgen_test_configure!(run_in_browser);

const NOT_AN_IMAGE: &str = "This file is not a JPEG, PNG, WebP or GIF image.";

/// A mounted editor and every change it reported, oldest first.
struct Editor {
    root: HtmlElement,
    changes: RwSignal<Vec<AvatarUpload>, LocalStorage>,
    mounted: Option<Box<dyn std::any::Any>>,
}

impl Editor {
    fn mount(policy: AvatarPolicy, current_url: Option<&str>, can_remove: bool) -> Editor {
        let root = container();
        // Outside the mount's owner, so it outlives the editor.
        let changes = RwSignal::new_local(Vec::new());
        let current_url = current_url.map(str::to_string);
        let handle = leptos::mount::mount_to(root.clone(), move || {
            let on_change = Callback::new(move |change| changes.update(|v| v.push(change)));
            view! { <AvatarEditor current_url policy can_remove on_change/> }
        });
        Editor { root, changes, mounted: Some(Box::new(handle)) }
    }

    /// Mounted with the server's photo URL in a signal the test changes.
    fn mount_with_url(current_url: RwSignal<Option<String>>) -> Editor {
        let root = container();
        let changes = RwSignal::new_local(Vec::new());
        let handle = leptos::mount::mount_to(root.clone(), move || {
            let on_change = Callback::new(move |change| changes.update(|v| v.push(change)));
            view! { <AvatarEditor current_url policy=AvatarPolicy::default() can_remove=true on_change/> }
        });
        Editor { root, changes, mounted: Some(Box::new(handle)) }
    }

    fn count(&self) -> usize {
        self.changes.with_untracked(Vec::len)
    }

    /// Waits for the change after the first `seen` ones.
    async fn change_after(&self, seen: usize) -> AvatarUpload {
        let changes = self.changes;
        wait_for("an avatar change", 20_000.0, || changes.with_untracked(|v| v.get(seen).cloned())).await
    }

    async fn prepared_after(&self, seen: usize) -> AvatarFile {
        match self.change_after(seen).await {
            AvatarUpload::Replace(p) => p,
            other => panic!("expected Replace, got {other:?}"),
        }
    }

    async fn choose(&self, file: &File) {
        let input = wait_for_test_id(&self.root, "avatar-input").await;
        set_files(input.unchecked_ref(), file);
    }

    fn text(&self, test_id: &str) -> String {
        find(&self.root, test_id).and_then(|e| e.text_content()).unwrap_or_default()
    }

    async fn error_text(&self) -> String {
        let root = self.root.clone();
        wait_for("an avatar error", 10_000.0, || {
            let text = find(&root, "avatar-error")?.text_content()?;
            (!text.is_empty()).then_some(text)
        })
        .await
    }

    fn preview_src(&self) -> Option<String> {
        find(&self.root, "avatar-preview").and_then(|img| img.get_attribute("src"))
    }

    fn unmount(&mut self) {
        self.mounted.take();
    }
}

impl Drop for Editor {
    fn drop(&mut self) {
        self.unmount();
        self.root.remove();
    }
}

/// What a person's file picker does: put the file in `input.files`, fire `change`.
fn set_files(input: &HtmlInputElement, file: &File) {
    input.set_files(Some(&file_list(file)));
    input.dispatch_event(&bubbling("change")).unwrap();
}

fn data_transfer(file: &File) -> DataTransfer {
    let dt = DataTransfer::new().unwrap();
    dt.items().add_with_file(file).unwrap();
    dt
}

fn file_list(file: &File) -> web_sys::FileList {
    data_transfer(file).files().unwrap()
}

fn bubbling(name: &str) -> Event {
    let init = EventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    Event::new_with_event_init_dict(name, &init).unwrap()
}

fn file_from_bytes(bytes: &[u8], name: &str, mime: &str) -> File {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = FilePropertyBag::new();
    options.set_type(mime);
    File::new_with_u8_array_sequence_and_options(&parts, name, &options).unwrap()
}

fn file_from_blob(blob: &web_sys::Blob, name: &str, mime: &str) -> File {
    let options = FilePropertyBag::new();
    options.set_type(mime);
    File::new_with_blob_sequence_and_options(&js_sys::Array::of1(blob), name, &options).unwrap()
}

/// A `width`×`height` picture with smooth colour fields, shapes at every
/// scale (detail that survives downscaling, as in a busy photo) and a
/// little sensor-like noise, so encoders have photo-like work to do.
fn photo_canvas(width: u32, height: u32, noise: u8) -> HtmlCanvasElement {
    let canvas: HtmlCanvasElement = document().create_element("canvas").unwrap().unchecked_into();
    canvas.set_width(width);
    canvas.set_height(height);
    let ctx: CanvasRenderingContext2d = canvas.get_context("2d").unwrap().unwrap().unchecked_into();
    let mut seed = 0x9E37_79B9u32;
    let mut rand = move || {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        seed
    };
    let mut pixels = vec![0u8; (width * height * 4) as usize];
    let (w, h) = (width as f32, height as f32);
    for y in 0..height {
        for x in 0..width {
            let (fx, fy) = (x as f32 / w, y as f32 / h);
            let n = if noise == 0 { 0.0 } else { (rand() % (2 * noise as u32 + 1)) as f32 - noise as f32 };
            let i = ((y * width + x) * 4) as usize;
            pixels[i] = (255.0 * fx + n).clamp(0.0, 255.0) as u8;
            pixels[i + 1] = (128.0 + 100.0 * (fx * 9.0 + fy * 5.0).sin() + n).clamp(0.0, 255.0) as u8;
            pixels[i + 2] = (255.0 * fy + n).clamp(0.0, 255.0) as u8;
            pixels[i + 3] = 255;
        }
    }
    let data = ImageData::new_with_u8_clamped_array_and_sh(Clamped(&pixels), width, height).unwrap();
    ctx.put_image_data(&data, 0.0, 0.0).unwrap();
    let shapes = (width * height / 4000).clamp(40, 4000);
    for i in 0..shapes {
        // Radii from a sixth of the picture down to a few pixels.
        let max_r = ((width.min(height) / 6) >> (i % 6)).max(2);
        let r = (2 + rand() % max_r) as f64;
        ctx.begin_path();
        ctx.arc((rand() % width) as f64, (rand() % height) as f64, r, 0.0, std::f64::consts::TAU).unwrap();
        ctx.set_fill_style_str(&format!("rgba({}, {}, {}, 0.6)", rand() % 256, rand() % 256, rand() % 256));
        ctx.fill();
    }
    canvas
}

async fn image_file(width: u32, height: u32, noise: u8, mime: &str, name: &str) -> File {
    let canvas = photo_canvas(width, height, noise);
    let encoded = encode(&canvas, &[mime], 0.92).await.expect("the browser encodes test images");
    canvas.set_width(0);
    file_from_blob(&encoded.blob, name, mime)
}

/// The pixel size of an encoded image, decoded the way the server's
/// browser clients will.
async fn dimensions(blob: &web_sys::Blob) -> (u32, u32) {
    let url = ObjectUrl::new(blob).unwrap();
    let img = decode_image(url.as_str()).await.expect("the prepared photo decodes");
    (img.natural_width(), img.natural_height())
}

async fn head(blob: &web_sys::Blob, n: usize) -> Vec<u8> {
    profile_app::media::read_head(blob, n).await.unwrap()
}

/// Whether a `blob:` URL still serves its file.
async fn url_is_alive(url: &str) -> bool {
    JsFuture::from(web_sys::window().unwrap().fetch_with_str(url)).await.is_ok()
}

fn log(text: String) {
    web_sys::console::log_1(&JsValue::from_str(&text));
}

async fn assert_square_photo(prepared: &AvatarFile, side: u32) {
    assert_eq!(dimensions(&prepared.blob).await, (side, side));
    let mime = prepared.blob.type_();
    assert!(matches!(mime.as_str(), "image/webp" | "image/jpeg"), "mime {mime}");
    let sniffed = profile_model::image::sniff(&head(&prepared.blob, 12).await).expect("a web image");
    assert_eq!(sniffed.mime(), mime, "the bytes are what the type says");
}

#[wasm_bindgen_test]
async fn chosen_png_is_previewed_and_prepared_square_within_512() {
    let editor = Editor::mount(AvatarPolicy::default(), None, false);
    editor.choose(&image_file(800, 600, 0, "image/png", "holiday.photo.png").await).await;

    let root = editor.root.clone();
    let src = wait_for("the preview", 10_000.0, || {
        find(&root, "avatar-preview")?.get_attribute("src").filter(|s| s.starts_with("blob:"))
    })
    .await;
    let prepared = editor.prepared_after(0).await;
    assert_square_photo(&prepared, 512).await;
    let ext = if prepared.blob.type_() == "image/webp" { "webp" } else { "jpg" };
    assert_eq!(prepared.file_name, format!("holiday.photo.{ext}"));
    assert!(url_is_alive(&src).await, "the preview URL lives while it is shown");
    assert_eq!(editor.text("avatar-error"), "");
    assert!(find(&editor.root, "avatar-zoom").is_some());
    assert!(find(&editor.root, "avatar-cancel").is_some());
}

#[wasm_bindgen_test]
async fn small_jpeg_is_cropped_but_never_upscaled() {
    let editor = Editor::mount(AvatarPolicy::default(), None, false);
    editor.choose(&image_file(300, 200, 4, "image/jpeg", "small.jpg").await).await;
    let prepared = editor.prepared_after(0).await;
    assert_square_photo(&prepared, 200).await;
}

#[wasm_bindgen_test]
async fn svg_named_png_is_refused_by_its_bytes() {
    let editor = Editor::mount(AvatarPolicy::default(), None, false);
    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>"#;
    editor.choose(&file_from_bytes(svg, "x.png", "image/png")).await;

    assert_eq!(editor.error_text().await, NOT_AN_IMAGE);
    next_turn(300).await;
    assert_eq!(editor.count(), 0, "a refused file changes nothing");
    assert_eq!(editor.preview_src(), None);
}

#[wasm_bindgen_test]
async fn file_over_the_size_limit_is_refused() {
    let policy = AvatarPolicy { max_bytes: 1000, ..AvatarPolicy::default() };
    let editor = Editor::mount(policy, None, false);
    let file = image_file(120, 120, 60, "image/png", "noisy.png").await;
    assert!(file.size() > 1000.0);
    editor.choose(&file).await;

    let message = editor.error_text().await;
    assert!(
        message.starts_with("This file is ") && message.ends_with("; photos can be at most 1000 bytes."),
        "{message}"
    );
    next_turn(300).await;
    assert_eq!(editor.count(), 0);
    assert_eq!(editor.preview_src(), None);
}

#[wasm_bindgen_test]
async fn type_the_config_refuses_is_refused_after_sniffing() {
    let policy = AvatarPolicy { accepted_types: vec!["image/jpeg".into()], ..AvatarPolicy::default() };
    let editor = Editor::mount(policy, None, false);
    // A PNG that claims to be a JPEG: the bytes decide.
    let png = image_file(40, 40, 0, "image/png", "x.png").await;
    let file = file_from_blob(&png, "x.jpg", "image/jpeg");
    editor.choose(&file).await;
    assert_eq!(editor.error_text().await, "This file type is not accepted (use image/jpeg).");
    assert_eq!(editor.count(), 0);
}

#[wasm_bindgen_test]
async fn photo_of_4000_by_3000_ends_up_at_most_512() {
    let file = image_file(4000, 3000, 10, "image/jpeg", "camera.jpg").await;
    let jpeg_only =
        AvatarPolicy { accepted_types: vec!["image/jpeg".into(), "image/png".into()], ..AvatarPolicy::default() };
    // As configured (WebP where the browser writes it), then JPEG only.
    for policy in [AvatarPolicy::default(), jpeg_only] {
        let editor = Editor::mount(policy, None, false);
        let input = wait_for_test_id(&editor.root, "avatar-input").await;

        let started = js_sys::Date::now();
        set_files(input.unchecked_ref(), &file);
        let prepared = editor.prepared_after(0).await;
        let elapsed = js_sys::Date::now() - started;

        assert_square_photo(&prepared, 512).await;
        assert!(prepared.blob.size() < 200_000.0, "{} bytes", prepared.blob.size());
        log(format!(
            "AVATAR 4000x3000: original {} bytes (image/jpeg) -> prepared {} bytes ({}, 512x512) in {elapsed:.0} ms",
            file.size(),
            prepared.blob.size(),
            prepared.blob.type_()
        ));
        if option_env!("AVATAR_DUMP").is_some() {
            // Lets a person look at the result, re-encoded losslessly as
            // PNG: `xxd -r -p` the line into a file.
            let url = ObjectUrl::new(&prepared.blob).unwrap();
            let img = decode_image(url.as_str()).await.unwrap();
            let canvas = profile_app::media::crop_square(&img, CropRect { x: 0.0, y: 0.0, side: 512.0 }, 512).unwrap();
            let png = encode(&canvas, &["image/png"], 1.0).await.unwrap().blob;
            let bytes = head(&png, png.size() as usize).await;
            let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
            log(format!("AVATAR_PNG {} {hex}", prepared.blob.type_()));
        }
    }
}

#[wasm_bindgen_test]
async fn remove_emits_remove_and_cancel_keeps() {
    let current = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7";
    let editor = Editor::mount(AvatarPolicy::default(), Some(current), true);
    assert_eq!(editor.preview_src().as_deref(), Some(current));
    assert!(find(&editor.root, "avatar-cancel").is_none());

    click(&wait_for_test_id(&editor.root, "avatar-remove").await);
    assert!(matches!(editor.change_after(0).await, AvatarUpload::Remove));
    let root = editor.root.clone();
    wait_for("the photo to be shown as removed", 5_000.0, || find(&root, "avatar-preview").is_none().then_some(()))
        .await;

    click(&wait_for_test_id(&editor.root, "avatar-cancel").await);
    assert!(matches!(editor.change_after(1).await, AvatarUpload::Keep));
    wait_for("the current photo back", 5_000.0, || find(&root, "avatar-preview").map(|_| ())).await;
}

#[wasm_bindgen_test]
async fn no_remove_button_where_the_dialect_cannot_remove() {
    let editor = Editor::mount(
        AvatarPolicy::default(),
        Some("data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"),
        false,
    );
    wait_for_test_id(&editor.root, "avatar-input").await;
    next_turn(50).await;
    assert!(find(&editor.root, "avatar-remove").is_none());
}

#[wasm_bindgen_test]
async fn cancel_returns_to_keep_and_releases_the_preview() {
    let editor = Editor::mount(AvatarPolicy::default(), None, false);
    editor.choose(&image_file(600, 600, 0, "image/png", "a.png").await).await;
    editor.prepared_after(0).await;
    let src = editor.preview_src().unwrap();

    click(&wait_for_test_id(&editor.root, "avatar-cancel").await);
    assert!(matches!(editor.change_after(1).await, AvatarUpload::Keep));
    let root = editor.root.clone();
    wait_for("the preview to go", 5_000.0, || find(&root, "avatar-preview").is_none().then_some(())).await;
    assert!(!url_is_alive(&src).await, "the object URL is revoked");
}

#[wasm_bindgen_test]
async fn unmounting_releases_the_preview() {
    let mut editor = Editor::mount(AvatarPolicy::default(), None, false);
    editor.choose(&image_file(100, 100, 0, "image/png", "a.png").await).await;
    editor.prepared_after(0).await;
    let src = editor.preview_src().unwrap();
    assert!(url_is_alive(&src).await);
    editor.unmount();
    assert!(!url_is_alive(&src).await, "the object URL is revoked on unmount");
}

#[wasm_bindgen_test]
async fn zoom_and_arrow_keys_move_the_crop_and_prepare_again() {
    let editor = Editor::mount(AvatarPolicy::default(), None, false);
    editor.choose(&image_file(1200, 800, 0, "image/png", "a.png").await).await;
    editor.prepared_after(0).await;
    let style =
        |root: &Element| find(root, "avatar-preview").and_then(|img| img.get_attribute("style")).unwrap_or_default();
    let at_zoom_1 = style(&editor.root);
    assert!(at_zoom_1.contains("height:100.0000%"), "{at_zoom_1}");

    let zoom = wait_for_test_id(&editor.root, "avatar-zoom").await;
    type_into(&zoom, "2");
    let zoomed = editor.prepared_after(1).await;
    assert_square_photo(&zoomed, 400).await;
    assert!(style(&editor.root).contains("height:200.0000%"), "{}", style(&editor.root));

    let crop = find(&editor.root, "avatar-crop").unwrap();
    let before = style(&editor.root);
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("ArrowLeft");
    init.set_bubbles(true);
    init.set_cancelable(true);
    let key = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    crop.dispatch_event(&key).unwrap();
    assert!(key.default_prevented(), "arrow keys are the crop's, not the page's");
    editor.prepared_after(2).await;
    assert_ne!(style(&editor.root), before, "the arrow key moved the photo");
}

fn pointer(name: &str, x: i32, y: i32) -> web_sys::PointerEvent {
    let init = web_sys::PointerEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_pointer_id(7);
    init.set_is_primary(true);
    init.set_client_x(x);
    init.set_client_y(y);
    web_sys::PointerEvent::new_with_event_init_dict(name, &init).unwrap()
}

#[wasm_bindgen_test]
async fn dragging_moves_the_photo_with_the_pointer() {
    let editor = Editor::mount(AvatarPolicy::default(), None, false);
    editor.choose(&image_file(1200, 800, 0, "image/png", "wide.png").await).await;
    editor.prepared_after(0).await;
    let crop = find(&editor.root, "avatar-crop").unwrap();
    let left = |root: &Element| -> f64 {
        let style = find(root, "avatar-preview").and_then(|img| img.get_attribute("style")).unwrap_or_default();
        let value = style.split(';').find_map(|d| d.strip_prefix("left:")).expect("a placed preview");
        value.trim_end_matches('%').parse().unwrap()
    };
    // Centred: the 800 px square starts 200 px in, a quarter of its side.
    assert!((left(&editor.root) + 25.0).abs() < 1e-6);

    crop.dispatch_event(&pointer("pointerdown", 100, 100)).unwrap();
    crop.dispatch_event(&pointer("pointermove", 120, 100)).unwrap();
    crop.dispatch_event(&pointer("pointerup", 120, 100)).unwrap();
    let root = editor.root.clone();
    // The picture follows the pointer: 20 px to the right in a frame of
    // `client_width` px.
    let frame = crop.client_width() as f64;
    let expected = -25.0 + 20.0 / frame * 100.0;
    wait_for("the photo to follow the pointer", 5_000.0, || ((left(&root) - expected).abs() < 1e-3).then_some(()))
        .await;
    editor.prepared_after(1).await;
    // After the pointer is up, moving it does nothing.
    crop.dispatch_event(&pointer("pointermove", 200, 100)).unwrap();
    next_turn(50).await;
    assert!((left(&editor.root) - expected).abs() < 1e-3);
}

/// A `paste` carrying `data`, as the browser makes one when a person pastes.
fn paste_event(data: &DataTransfer) -> web_sys::ClipboardEvent {
    let init = web_sys::ClipboardEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_clipboard_data(Some(data));
    let paste = web_sys::ClipboardEvent::new_with_event_init_dict("paste", &init).unwrap();
    if paste.clipboard_data().and_then(|d| d.files()).map_or(0, |f| f.length()) != data.files().unwrap().length() {
        // Firefox's constructor copies only text into `clipboardData`; a
        // real paste of a picture has the file there, so put it there.
        let descriptor = js_sys::Object::new();
        js_sys::Reflect::set(&descriptor, &"value".into(), data).unwrap();
        js_sys::Object::define_property(&paste, &"clipboardData".into(), &descriptor);
    }
    paste
}

#[wasm_bindgen_test]
async fn pasted_photo_is_taken() {
    let editor = Editor::mount(AvatarPolicy::default(), None, false);
    let file = image_file(300, 300, 0, "image/png", "image.png").await;
    wait_for_test_id(&editor.root, "avatar-input").await;
    let paste = paste_event(&data_transfer(&file));
    document().body().unwrap().dispatch_event(&paste).unwrap();
    assert!(paste.default_prevented());
    assert_square_photo(&editor.prepared_after(0).await, 300).await;
}

#[wasm_bindgen_test]
async fn text_pasted_into_a_field_stays_the_fields() {
    let editor = Editor::mount(AvatarPolicy::default(), None, false);
    let file = image_file(50, 50, 0, "image/png", "image.png").await;
    wait_for_test_id(&editor.root, "avatar-input").await;
    let field = document().create_element("textarea").unwrap();
    editor.root.append_child(&field).unwrap();
    // Rich text copied from a document often carries a picture as well.
    let data = data_transfer(&file);
    data.set_data("text/plain", "hello").unwrap();
    let paste = paste_event(&data);
    field.dispatch_event(&paste).unwrap();
    assert!(!paste.default_prevented());
    next_turn(300).await;
    assert_eq!(editor.count(), 0);
}

#[wasm_bindgen_test]
async fn dropped_photo_is_taken() {
    let editor = Editor::mount(AvatarPolicy::default(), None, false);
    let file = image_file(300, 300, 0, "image/jpeg", "image.jpg").await;
    wait_for_test_id(&editor.root, "avatar-input").await;
    let target = editor.root.query_selector(".avatar__photo").unwrap().unwrap();
    let init = web_sys::DragEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_data_transfer(Some(&data_transfer(&file)));
    let drop = web_sys::DragEvent::new_with_event_init_dict("drop", &init).unwrap();
    target.dispatch_event(&drop).unwrap();
    assert!(drop.default_prevented(), "the browser must not open the dropped file");
    assert_square_photo(&editor.prepared_after(0).await, 300).await;
}

#[wasm_bindgen_test]
async fn a_new_server_photo_ends_the_pending_change() {
    let current_url = RwSignal::new(None::<String>);
    let editor = Editor::mount_with_url(current_url);
    editor.choose(&image_file(200, 200, 0, "image/png", "a.png").await).await;
    editor.prepared_after(0).await;
    let src = editor.preview_src().unwrap();

    // The page saved the photo and took the server's answer.
    let saved = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7";
    current_url.set(Some(saved.to_string()));
    assert!(matches!(editor.change_after(1).await, AvatarUpload::Keep));
    let root = editor.root.clone();
    wait_for("the server's photo", 5_000.0, || {
        find(&root, "avatar-preview")?.get_attribute("src").filter(|s| s == saved)
    })
    .await;
    assert!(find(&editor.root, "avatar-cancel").is_none());
    assert!(!url_is_alive(&src).await, "the preview is released");

    // Nothing pending: a later reload with another URL reports nothing.
    current_url.set(Some(format!("{saved}#2")));
    next_turn(100).await;
    assert_eq!(editor.count(), 2);
}

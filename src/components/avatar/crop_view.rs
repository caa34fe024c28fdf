//! The square the person moves and zooms: pointer drags, arrow keys and
//! +/- on the photo; the zoom slider lives next to it in the editor.

use leptos::ev;
use leptos::prelude::*;
use profile_model::image::Crop;

use crate::dom_id;
use crate::i18n::use_i18n;

/// One arrow key press moves the photo by this share of the frame (Shift: 4×).
const KEY_STEP_PERCENT: f64 = 5.0;
/// One +/- press zooms by this factor.
const KEY_ZOOM: f64 = 1.1;

/// The pointer that is dragging the photo, and where it was last seen.
#[derive(Clone, Copy)]
struct Drag {
    pointer: i32,
    x: i32,
    y: i32,
}

#[component]
pub fn CropView(
    /// Object URL of the picked file.
    src: String,
    /// The crop; `None` until the image is decoded (the preview then fills
    /// the frame like the default crop does).
    crop: RwSignal<Option<Crop>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let hint_id = dom_id::unique("avatar-crop-hint");
    let frame = NodeRef::<leptos::html::Div>::new();
    let drag = StoredValue::new(None::<Drag>);
    let move_crop = move |f: &dyn Fn(Crop) -> Crop| crop.update(|c| *c = c.map(f));

    let on_pointerdown = move |ev: ev::PointerEvent| {
        if crop.with_untracked(Option::is_none) || ev.button() != 0 {
            return;
        }
        if let Some(el) = frame.get_untracked() {
            let _ = el.set_pointer_capture(ev.pointer_id());
        }
        drag.set_value(Some(Drag { pointer: ev.pointer_id(), x: ev.client_x(), y: ev.client_y() }));
    };
    let on_pointermove = move |ev: ev::PointerEvent| {
        let Some(last) = drag.get_value().filter(|d| d.pointer == ev.pointer_id()) else {
            return;
        };
        let (dx, dy) = ((ev.client_x() - last.x) as f64, (ev.client_y() - last.y) as f64);
        let viewport = frame.get_untracked().map(|el| el.client_width() as f64).unwrap_or(0.0);
        drag.set_value(Some(Drag { x: ev.client_x(), y: ev.client_y(), ..last }));
        move_crop(&|c| c.dragged_by(dx, dy, viewport));
    };
    let end_drag = move |_| drag.set_value(None);
    let on_keydown = move |ev: ev::KeyboardEvent| {
        let step = if ev.shift_key() { 4.0 * KEY_STEP_PERCENT } else { KEY_STEP_PERCENT };
        let change: &dyn Fn(Crop) -> Crop = match ev.key().as_str() {
            "ArrowLeft" => &|c| c.dragged_by(-step, 0.0, 100.0),
            "ArrowRight" => &|c| c.dragged_by(step, 0.0, 100.0),
            "ArrowUp" => &|c| c.dragged_by(0.0, -step, 100.0),
            "ArrowDown" => &|c| c.dragged_by(0.0, step, 100.0),
            "+" | "=" => &|c| c.with_zoom(c.zoom() * KEY_ZOOM),
            "-" | "_" => &|c| c.with_zoom(c.zoom() / KEY_ZOOM),
            _ => return,
        };
        ev.prevent_default();
        move_crop(change);
    };

    let placed = move || crop.with(Option::is_some);
    let style = move || {
        crop.get().map(|c| {
            let p = c.placement();
            let pct = |x: f64| crate::format::fixed(x, 4);
            format!("left:{}%;top:{}%;width:{}%;height:{}%", pct(p.left), pct(p.top), pct(p.width), pct(p.height))
        })
    };

    view! {
        <div class="avatar__crop" node_ref=frame tabindex="0" role="group" data-testid="avatar-crop"
            aria-label=i18n.tr("avatar.crop.label")
            aria-describedby=hint_id.clone()
            on:pointerdown=on_pointerdown
            on:pointermove=on_pointermove
            on:pointerup=end_drag
            on:pointercancel=end_drag
            on:lostpointercapture=end_drag
            on:keydown=on_keydown>
            <img class="avatar__img" class:avatar__img--placed=placed style=style src=src
                alt=i18n.tr("avatar.alt.preview") draggable="false" data-testid="avatar-preview"/>
            <span class="avatar__guide" aria-hidden="true"></span>
        </div>
        <p class="avatar__hint" id=hint_id>{i18n.tr("avatar.crop.hint")}</p>
    }
}

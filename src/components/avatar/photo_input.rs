//! The ways a person hands the photo field a file: the hidden file input,
//! a drop on the photo, a paste anywhere outside a text field.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{File, HtmlInputElement};

use crate::i18n::use_i18n;

/// What [`use_photo_input`] gives the markup: bind each handler to its
/// element (`input` and `on_change` on the `<input type=file>`, the drag
/// handlers on the drop zone).
#[derive(Clone, Copy)]
pub struct UsePhotoInput {
    /// The hidden `<input type=file>`; `open_picker` clicks it.
    pub input: NodeRef<leptos::html::Input>,
    pub on_change: Callback<ev::Event>,
    pub on_dragenter: Callback<ev::DragEvent>,
    pub on_dragover: Callback<ev::DragEvent>,
    pub on_dragleave: Callback<ev::DragEvent>,
    pub on_drop: Callback<ev::DragEvent>,
    /// A file is being dragged over the drop zone.
    pub dragging_over: Signal<bool>,
    /// Opens the browser's file picker.
    pub open_picker: Callback<()>,
}

/// Calls `on_file` with each file the person chooses, drops or pastes.
/// Paste listens on the window while the caller is mounted.
pub fn use_photo_input(on_file: Callback<File>) -> UsePhotoInput {
    let input = NodeRef::<leptos::html::Input>::new();
    // Enter and leave fire for every child the pointer crosses (the
    // preview image): count them, or the drag-over style flickers.
    let depth = RwSignal::new(0u32);

    let paste = window_event_listener(ev::paste, move |ev: web_sys::ClipboardEvent| {
        let Some(data) = ev.clipboard_data() else { return };
        if is_text_field(ev.target()) && data.types().includes(&"text/plain".into(), 0) {
            return;
        }
        if let Some(file) = data.files().and_then(|files| files.get(0)) {
            ev.prevent_default();
            on_file.run(file);
        }
    });
    on_cleanup(move || paste.remove());

    UsePhotoInput {
        input,
        on_change: Callback::new(move |ev: ev::Event| {
            let el: HtmlInputElement = event_target(&ev);
            if let Some(file) = el.files().and_then(|files| files.get(0)) {
                on_file.run(file);
            }
            // Choosing the same file again must fire `change` again.
            el.set_value("");
        }),
        on_dragenter: Callback::new(move |ev: ev::DragEvent| {
            ev.prevent_default();
            depth.update(|d| *d += 1);
        }),
        on_dragover: Callback::new(move |ev: ev::DragEvent| ev.prevent_default()),
        on_dragleave: Callback::new(move |_| depth.update(|d| *d = d.saturating_sub(1))),
        on_drop: Callback::new(move |ev: ev::DragEvent| {
            ev.prevent_default();
            depth.set(0);
            if let Some(file) = ev.data_transfer().and_then(|d| d.files()).and_then(|files| files.get(0)) {
                on_file.run(file);
            }
        }),
        dragging_over: Signal::derive(move || depth.get() > 0),
        open_picker: Callback::new(move |_| {
            if let Some(el) = input.get_untracked() {
                el.click();
            }
        }),
    }
}

/// The photo as a drop target for [`use_photo_input`]'s handlers.
#[component]
pub fn PhotoDropZone(photo_input: UsePhotoInput, children: Children) -> impl IntoView {
    view! {
        <div class="avatar__photo"
            on:dragenter=move |ev| photo_input.on_dragenter.run(ev)
            on:dragover=move |ev| photo_input.on_dragover.run(ev)
            on:dragleave=move |ev| photo_input.on_dragleave.run(ev)
            on:drop=move |ev| photo_input.on_drop.run(ev)>
            {children()}
        </div>
    }
}

/// The hidden file input `open_picker` clicks, and the hint about the
/// other ways in.
#[component]
pub fn PhotoFileInput(photo_input: UsePhotoInput, accept: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <input type="file" class="avatar__input" node_ref=photo_input.input accept=accept hidden
            data-testid="avatar-input" on:change=move |ev| photo_input.on_change.run(ev)/>
        <p class="avatar__drop-hint">{i18n.tr("avatar.drop_hint")}</p>
    }
}

/// Whether a paste lands in something the person types into.
fn is_text_field(target: Option<web_sys::EventTarget>) -> bool {
    let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) else { return false };
    el.is_content_editable() || matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA")
}

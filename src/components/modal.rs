//! The app's one modal: the platform's `<dialog>`, opened with
//! `showModal()`. The browser then gives what the WAI-ARIA modal pattern
//! asks for: the top layer (nothing on the page paints over it), an inert
//! page behind (no click or Tab reaches it), Escape to close, and focus
//! back where it was on close. Every dialog the app shows is this one.

use leptos::prelude::*;

/// A modal dialog, open while `open` is true. The owner opens and closes
/// it through `open` (a Cancel button in `children` sets it to false);
/// when the browser closes it (Escape), `open` turns false too.
#[component]
pub fn Modal(
    /// Open while true.
    open: RwSignal<bool>,
    /// Id of the element inside that names the dialog.
    labelled_by: &'static str,
    /// `data-testid` of the `<dialog>`.
    test_id: &'static str,
    /// Where focus goes on close when the browser had nowhere to return it
    /// (the control that opened it was disabled meanwhile, as Save is
    /// while it waits for the server).
    #[prop(optional)]
    return_focus: Option<NodeRef<leptos::html::Button>>,
    /// The content, rendered only while open (so each opening starts fresh).
    children: ChildrenFn,
) -> impl IntoView {
    let UseModalReturn { node, on_close } = use_modal(open, return_focus);
    view! {
        <dialog class="modal" node_ref=node aria-labelledby=labelled_by data-testid=test_id
            on:close=move |_| on_close.run(())>
            <Show when=move || open.get()>{children()}</Show>
        </dialog>
    }
}

/// What [`use_modal`] hands the `<dialog>`.
pub struct UseModalReturn {
    /// The `<dialog>` element.
    pub node: NodeRef<leptos::html::Dialog>,
    /// For its `close` event.
    pub on_close: Callback<()>,
}

/// Keeps a `<dialog>` modal while `open` holds: `showModal()` once its
/// content has painted (the browser focuses the first control then),
/// `close()` when `open` turns false (the browser returns focus), and
/// `open` false when the browser closed it (Escape). The browser returns
/// focus to where it was before `showModal()`; where that was nowhere
/// (`<body>`), to `return_focus`.
pub fn use_modal(open: RwSignal<bool>, return_focus: Option<NodeRef<leptos::html::Button>>) -> UseModalReturn {
    let node = NodeRef::<leptos::html::Dialog>::new();
    Effect::new(move || {
        let (want, Some(dialog)) = (open.get(), node.get()) else { return };
        if want {
            // After the content is in the DOM, so its first control gets focus.
            request_animation_frame(move || {
                if open.get_untracked() && !dialog.open() {
                    let _ = dialog.show_modal();
                }
            });
        } else if dialog.open() {
            dialog.close();
        }
    });
    let on_close = Callback::new(move |()| {
        if open.get_untracked() {
            open.set(false);
        }
        // Once the browser has restored focus (after `close` on Escape).
        request_animation_frame(move || {
            let nowhere = document().active_element().is_none_or(|el| el.tag_name() == "BODY");
            if let Some(button) = return_focus.and_then(|r| r.get_untracked()).filter(|_| nowhere) {
                let _ = button.focus();
            }
        });
    });
    UseModalReturn { node, on_close }
}

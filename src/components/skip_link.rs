use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::use_i18n;

/// First thing a keyboard reaches: jumps past the header to `target`.
/// Focus is moved by hand because the router would otherwise treat
/// `#main` as a navigation and only scroll.
#[component]
pub fn SkipLink(
    /// Id of the element to focus (it needs `tabindex="-1"`).
    target: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let on_click = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        let el = document().get_element_by_id(target).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(el) = el {
            let _ = el.focus();
        }
    };
    view! {
        <a class="skip-link" href=format!("#{target}") on:click=on_click data-testid="skip-link">
            {i18n.tr("nav.skip")}
        </a>
    }
}

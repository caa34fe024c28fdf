//! How the profile and account pages tell the person about their save
//! cycle (`forms::SaveFlow` says when): the live region speaks, focus
//! moves to the problem, the header shows the person as saved.

use leptos::prelude::*;
use profile_model::Message;
use wasm_bindgen::JsCast;

use crate::api::ApiClient;
use crate::app_state::{use_announcer, use_current_user};
use crate::dom_id;
use crate::forms::save::{Problem, SaveNews};
use crate::i18n::use_i18n;

pub fn use_save_news() -> SaveNews {
    let i18n = use_i18n();
    let announcer = use_announcer();
    let user = use_current_user();
    let api = expect_context::<ApiClient>();
    let dialect = api.dialect();
    let api_base_url = api.config().api_base_url.clone();
    SaveNews {
        saved: Callback::new(move |()| announcer.announce(i18n.t("form.saved"))),
        failed: Callback::new(move |messages: Vec<Message>| {
            let said: Vec<String> = messages.iter().map(|m| i18n.message(m)).collect();
            announcer.alert(said.join(" "));
        }),
        // Once painted: the error lines and the banner are in the DOM.
        show_problem: Callback::new(|problem| request_animation_frame(move || take_to(problem))),
        confirmed: Callback::new(move |loaded: crate::api::profile::LoadedProfile| {
            user.show(dialect, &api_base_url, &loaded.values)
        }),
    }
}

/// Focus on the field, else scroll the banner into view. Either is
/// scrolled explicitly: Save may sit in a sticky bar far from the banner,
/// and focus alone may leave an error line under that bar.
fn take_to(problem: Problem) {
    match problem {
        Problem::Field(path) => {
            let element = document().get_element_by_id(&dom_id::field(&path));
            if let Some(el) = element.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = el.focus();
                // The input's box holds its label and error line too.
                if let Some(field_box) = el.parent_element() {
                    scroll_to(&field_box);
                }
            }
        }
        Problem::Banner(banner_box) => {
            if let Some(el) = banner_box.get_untracked().filter(|el| el.child_element_count() > 0) {
                scroll_to(&el);
            }
        }
    }
}

/// The least scrolling that shows `el` whole (its CSS scroll-margin kept).
fn scroll_to(el: &web_sys::Element) {
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Nearest);
    el.scroll_into_view_with_scroll_into_view_options(&options);
}

//! The list of a long page's sections beside it on wide screens (CSS hides
//! it on narrow ones): a link per section, the one being read marked with
//! `aria-current`, a dot on those that need attention.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::use_i18n;

/// One section in the list.
#[derive(Clone)]
pub struct NavEntry {
    /// The section element's id.
    pub id: String,
    pub label: Signal<String>,
    /// An unsaved change or an error inside: the link shows a dot.
    pub flagged: Signal<bool>,
}

#[component]
pub fn SectionNav(entries: Vec<NavEntry>) -> impl IntoView {
    let i18n = use_i18n();
    let spy = use_current_section(entries.iter().map(|e| e.id.clone()).collect());
    let links = entries
        .into_iter()
        .map(|entry| {
            let NavEntry { id, label, flagged } = entry;
            let href = format!("#{id}");
            let target = StoredValue::new(id);
            let is_current = move || target.with_value(|id| spy.current.with(|c| c.as_deref() == Some(id)));
            let hidden = move || target.with_value(|id| !spy.present.with(|p| p.contains(id)));
            view! {
                <li hidden=hidden>
                    <a href=href class="section-nav__link" aria-current=move || is_current().then_some("true")
                        on:click=move |ev| {
                            ev.prevent_default();
                            target.with_value(|id| spy.go_to(id));
                        }>
                        <span>{label}</span>
                        <span class="section-nav__dot" aria-hidden="true" hidden=move || !flagged.get()></span>
                        <span class="visually-hidden">
                            {move || flagged.get().then(|| format!(" ({})", i18n.t("section_nav.attention")))}
                        </span>
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="section-nav" aria-label=i18n.tr("section_nav.label") data-testid="section-nav">
            <ul>{links}</ul>
        </nav>
    }
}

/// Which of a page's sections is being read, and a way to go to one.
#[derive(Clone, Copy)]
pub struct CurrentSection {
    /// The last section whose top has scrolled above the reading line (the
    /// first until then; the last once the page's end is reached).
    pub current: ReadSignal<Option<String>>,
    /// The ids that exist on the page (a section may render nothing).
    pub present: ReadSignal<Vec<String>>,
    set_current: WriteSignal<Option<String>>,
    /// A section gone to by its link, kept current while the page's end
    /// stops it from reaching the top (and it is in view).
    chosen: StoredValue<Option<String>>,
}

impl CurrentSection {
    /// Scrolls the section to the top and moves focus into it, so Tab
    /// goes on from there.
    pub fn go_to(&self, id: &str) {
        let Some(section) = document().get_element_by_id(id) else { return };
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Start);
        section.scroll_into_view_with_scroll_into_view_options(&options);
        if let Some(section) = section.dyn_ref::<web_sys::HtmlElement>() {
            let focus = web_sys::FocusOptions::new();
            focus.set_prevent_scroll(true);
            let _ = section.focus_with_options(&focus);
        }
        self.chosen.set_value(Some(id.to_string()));
        self.set_current.set(Some(id.to_string()));
    }
}

/// How far below the window's top a section's heading counts as being
/// read: a little more than where going to it puts it (CSS
/// `scroll-margin-block-start`).
const READING_LINE: f64 = 96.0;

/// Follows the scroll position over the sections `ids` (in page order).
pub fn use_current_section(ids: Vec<String>) -> CurrentSection {
    let (current, set_current) = signal(ids.first().cloned());
    let (present, set_present) = signal(Vec::<String>::new());
    let chosen = StoredValue::new(None::<String>);
    let spy = CurrentSection { current, present, set_current, chosen };
    let update = move || {
        let window = window();
        let document = document();
        let top_of = |id: &str| document.get_element_by_id(id).map(|el| el.get_bounding_client_rect().top());
        let viewport = window.inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(0.0);
        let scrolled = window.scroll_y().unwrap_or(0.0);
        let page_height = document.document_element().map_or(0.0, |el| f64::from(el.scroll_height()));
        let at_end = scrolled > 0.0 && scrolled + viewport >= page_height - 2.0;
        let chosen_in_view =
            chosen.get_value().and_then(|id| top_of(&id).filter(|top| (0.0..viewport).contains(top)).map(|_| id));
        let tops: Vec<(&String, f64)> = ids.iter().filter_map(|id| Some((id, top_of(id)?))).collect();
        let found = match chosen_in_view {
            Some(id) if at_end => Some(id),
            _ => {
                chosen.set_value(None);
                if at_end {
                    tops.last()
                } else {
                    tops.iter().rev().find(|(_, top)| *top <= READING_LINE).or(tops.first())
                }
                .map(|(id, _)| (*id).clone())
            }
        };
        if current.get_untracked() != found {
            set_current.set(found);
        }
        let ids_present: Vec<String> = tops.iter().map(|(id, _)| (*id).clone()).collect();
        if present.with_untracked(|p| *p != ids_present) {
            set_present.set(ids_present);
        }
    };
    let update = StoredValue::new_local(update);
    let listeners =
        ["scroll", "resize"].map(|event| window_event_listener_untyped(event, move |_| update.with_value(|f| f())));
    on_cleanup(move || listeners.into_iter().for_each(WindowListenerHandle::remove));
    // The sections are in the document once this view is mounted.
    request_animation_frame(move || update.try_with_value(|f| f()).unwrap_or_default());
    spy
}

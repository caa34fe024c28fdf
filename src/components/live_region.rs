use leptos::prelude::*;

use crate::app_state::use_announcer;

/// The shell's `aria-live` regions, present from the start so that later
/// text changes are announced. Visually hidden.
#[component]
pub fn LiveRegion() -> impl IntoView {
    let announcer = use_announcer();
    view! {
        <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="announcer">
            {move || announcer.polite_text()}
        </div>
        <div class="visually-hidden" role="alert" aria-live="assertive" aria-atomic="true" data-testid="announcer-urgent">
            {move || announcer.urgent_text()}
        </div>
    }
}

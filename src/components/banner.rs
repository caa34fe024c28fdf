use leptos::prelude::*;
use profile_model::Message;

use crate::i18n::use_i18n;

/// Form-level messages (server text verbatim, ours translated), with an
/// optional one-click retry for failures that may pass.
#[component]
pub fn ErrorBanner(
    /// What went wrong; nothing renders while empty.
    #[prop(into)]
    messages: Signal<Vec<Message>>,
    /// Shown as a "Try again" button when set (and `can_retry` allows).
    #[prop(optional)]
    on_retry: Option<Callback<()>>,
    /// Whether retrying may help now (default: yes).
    #[prop(optional, into)]
    can_retry: MaybeProp<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Show when=move || messages.with(|m| !m.is_empty())>
            <div class="banner banner--error" role="alert" data-testid="form-banner">
                <ul class="banner__list">
                    // By position, not keyed (`For`): a list this short gains
                    // nothing from keys, and leptos' keyed list cost ~7 KB of
                    // wasm on every first screen.
                    {move || messages.with(|all| all.iter().map(|message| {
                        let message = message.clone();
                        view! { <li dir="auto">{move || i18n.message(&message)}</li> }
                    }).collect_view())}
                </ul>
                {on_retry.map(|retry| view! {
                    <Show when=move || can_retry.get().unwrap_or(true)>
                        <button type="button" class="button" data-testid="retry" on:click=move |_| retry.run(())>
                            {i18n.tr("action.retry")}
                        </button>
                    </Show>
                })}
            </div>
        </Show>
    }
}

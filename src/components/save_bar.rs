//! The pieces around a form's save cycle ([`SaveFlow`]): the Save and
//! Discard buttons with their status, and the offer of an older draft.
//! The sign-in dialog that lets a save survive an ended session is
//! `reauth_dialog.rs` (its code arrives on first use: `pages/reauth.rs`).

use leptos::prelude::*;

use crate::components::banner::ErrorBanner;
use crate::forms::SaveFlow;
use crate::i18n::use_i18n;

/// Save, Discard and a polite status line ("Saving…", "Saved", paused).
#[component]
pub fn SaveBar(flow: SaveFlow) -> impl IntoView {
    let i18n = use_i18n();
    let status = move || {
        if flow.pending.get() {
            // fetch reports no upload progress: say what is going up and how big.
            match flow.uploading_bytes() {
                Some(bytes) => i18n.t("profile.uploading").replace("{kb}", &crate::format::kilobytes(bytes)),
                None => i18n.t("form.saving"),
            }
        } else if flow.saved_notice.get() && !flow.dirty.get() {
            i18n.t("form.saved")
        } else if flow.needs_sign_in.get() && flow.dirty.get() {
            i18n.t("form.waiting_sign_in")
        } else if flow.rate_limited.get() {
            i18n.t("form.rate_limited")
        } else {
            String::new()
        }
    };
    view! {
        <div class="form-actions">
            <button type="submit" class="button button--primary" data-testid="save" node_ref=flow.save_button
                disabled=move || !flow.can_save() aria-busy=move || flow.pending.get().then_some("true")>
                {move || i18n.t(if flow.pending.get() { "form.saving" } else { "form.save" })}
            </button>
            <button type="button" class="button" data-testid="discard"
                disabled=move || !flow.dirty.get() || flow.pending.get()
                on:click=move |_| flow.discard()>
                {i18n.tr("form.discard")}
            </button>
            <span class="form-actions__status" role="status" aria-live="polite" data-testid="save-status">{status}</span>
        </div>
    }
}

/// The form-level messages, with "Try again" when retrying may help (not
/// while the server asked us to wait: Save says so meanwhile).
#[component]
pub fn SaveErrors(flow: SaveFlow) -> impl IntoView {
    view! {
        <div node_ref=flow.banner_box>
            <ErrorBanner messages=flow.banner can_retry=Signal::derive(move || flow.retryable.get() && !flow.rate_limited.get()) on_retry=Callback::new(move |_| flow.submit())/>
        </div>
    }
}

/// "You have unsaved changes from before": restore or drop them.
#[component]
pub fn DraftOffer(flow: SaveFlow) -> impl IntoView {
    let i18n = use_i18n();
    let restore = move |_| {
        if let Some(draft) = flow.offered_draft.get_untracked() {
            flow.form.restore(&draft);
        }
        flow.offered_draft.set(None);
    };
    view! {
        <Show when=move || flow.offered_draft.with(Option::is_some)>
            <div class="banner banner--info" role="status" data-testid="draft-offer">
                <p>{i18n.tr("form.draft_found")}</p>
                <button type="button" class="button" data-testid="draft-restore" on:click=restore>
                    {i18n.tr("form.draft_restore")}
                </button>
                <button type="button" class="button" data-testid="draft-drop" on:click=move |_| flow.drop_draft()>
                    {i18n.tr("form.draft_drop")}
                </button>
            </div>
        </Show>
    }
}

//! The sign-in dialog a lost session brings ([`ReauthDialog`]), as code
//! that arrives on first use: most visits never see a session end, so the
//! profile and settings pages do not download the dialog (nor the sign-in
//! form in it) before they work. It rides in the sign-in page's module,
//! which holds the form already: one module, not the form's code cut into
//! chunks shared three ways.

use leptos::prelude::*;

use crate::components::reauth_dialog::ReauthDialog;
use crate::forms::SaveFlow;
use crate::on_demand::OnDemand;

/// What the dialog needs from the save cycle, carried into its module.
#[derive(Clone, Copy)]
struct ReauthArgs {
    open: RwSignal<bool>,
    return_focus: NodeRef<leptos::html::Button>,
    on_signed_in: Callback<()>,
}

on_demand!(reauth: fn reauth_view(args: ReauthArgs) -> AnyView {
    let ReauthArgs { open, return_focus, on_signed_in } = args;
    view! { <ReauthDialog open return_focus on_signed_in/> }.into_any()
});

/// Fetches and shows the dialog when `flow` first needs a sign-in; it
/// then stays mounted (closed) for the next time.
#[component]
pub fn ReauthOnDemand(flow: SaveFlow) -> impl IntoView {
    let open = flow.sign_in_open;
    let wanted = Memo::new(move |was: Option<&bool>| was.copied().unwrap_or(false) || open.get());
    let args = ReauthArgs {
        open,
        return_focus: flow.save_button,
        on_signed_in: Callback::new(move |()| flow.signed_in_again()),
    };
    view! {
        <Show when=move || wanted.get()>
            <OnDemand load=move || reauth_view(args)/>
        </Show>
    }
}

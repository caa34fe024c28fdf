//! Code that arrives when it is first needed: each route's page, the avatar
//! editor. The release build (`.ci/build`, feature `split`) cuts every
//! `on_demand!` function into its own wasm module, fetched by the split
//! loader on the first call; other builds (tests, `trunk serve`) link it
//! in and call it directly, so the same code runs either way.
//!
//! A module that fails to download is not fatal: [`OnDemand`] shows a
//! message with Retry (the loader caches only successes), and whatever
//! the page around it holds (the form and its edits) stays.

use std::future::Future;

use leptos::prelude::*;

use profile_model::Message;

use crate::components::banner::ErrorBanner;

pub use crate::chunk::ChunkError;

/// Renders what `load` produces once its module is here; `fallback` until
/// then, and a message with Retry if the module cannot be fetched.
#[component]
pub fn OnDemand<L, F>(
    /// Fetches the module (first call only) and builds the view.
    load: L,
    /// Shown while the module downloads.
    #[prop(optional, into)]
    fallback: ViewFn,
) -> impl IntoView
where
    L: Fn() -> F + Send + Sync + 'static,
    F: Future<Output = Result<AnyView, ChunkError>> + Send + 'static,
{
    let attempt = RwSignal::new(0u32);
    view! {
        <Suspense fallback=move || fallback.run()>
            {move || {
                attempt.track();
                let loading = load();
                Suspend::new(async move {
                    match loading.await {
                        Ok(view) => view,
                        Err(ChunkError) => view! {
                            <ErrorBanner messages=Signal::stored(vec![Message::rule("error.chunk")])
                                on_retry=Callback::new(move |_| attempt.update(|n| *n += 1))/>
                        }
                        .into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

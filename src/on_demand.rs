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

/// A module of the app could not be fetched (offline, a deploy replaced
/// it). Carries nothing: the loader logs the cause to the console.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChunkError;

impl From<leptos::wasm_split::SplitLoaderError> for ChunkError {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkError
    }
}

/// `on_demand!(chunk_name: pub fn name(args) -> T { body })` defines
/// `async fn name(args) -> Result<T, ChunkError>`; in the split build its
/// body lives in the module `chunk_name`. Functions with the same chunk
/// name share one module.
#[macro_export]
macro_rules! on_demand {
    ($chunk:ident: $(#[$attr:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        #[cfg(feature = "split")]
        #[::leptos::wasm_split::wasm_split($chunk, fallible, wasm_split_path = ::leptos::wasm_split)]
        $(#[$attr])* $vis fn $name($($arg: $ty),*) -> ::core::result::Result<$ret, $crate::on_demand::ChunkError> {
            ::core::result::Result::Ok($body)
        }
        #[cfg(not(feature = "split"))]
        $(#[$attr])* $vis async fn $name($($arg: $ty),*) -> ::core::result::Result<$ret, $crate::on_demand::ChunkError> {
            ::core::result::Result::Ok($body)
        }
    };
}

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

//! The split point itself, below every layer: `on_demand!` and its
//! error. Any module may define code that arrives on first use (the API
//! client's token renewal does); showing a page that waits for such code
//! is `on_demand.rs`'s [`OnDemand`](crate::on_demand::OnDemand).

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
        $(#[$attr])* $vis fn $name($($arg: $ty),*) -> ::core::result::Result<$ret, $crate::chunk::ChunkError> {
            ::core::result::Result::Ok($body)
        }
        #[cfg(not(feature = "split"))]
        $(#[$attr])* $vis async fn $name($($arg: $ty),*) -> ::core::result::Result<$ret, $crate::chunk::ChunkError> {
            ::core::result::Result::Ok($body)
        }
    };
}

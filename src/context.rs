//! The one "context or a fresh default" accessor behind the `use_x`
//! getters: `App` provides each shared state once; a component mounted on
//! its own (a test, a page shown alone) gets a fresh one, provided there
//! so its children share it.

use leptos::prelude::{provide_context, use_context};

pub fn use_or_provide<T: Clone + Send + Sync + 'static>(make: impl FnOnce() -> T) -> T {
    use_context::<T>().unwrap_or_else(|| {
        let fresh = make();
        provide_context(fresh.clone());
        fresh
    })
}

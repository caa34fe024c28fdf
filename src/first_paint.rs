//! Work the first screen can do without (the form's behaviour module, the
//! browser's date control), run once the frame showing it has been
//! painted, so its cost lands after the person sees the form.

use std::time::Duration;

use leptos::prelude::*;

/// Runs `then` in a task after the next frame has been painted.
pub fn after_next_paint(then: impl FnOnce() + 'static) {
    // A frame's callbacks run before its paint; a task queued from one runs after it.
    request_animation_frame(move || set_timeout(then, Duration::ZERO));
}

/// `false` until the frame showing the caller's view has been painted.
pub fn use_first_paint() -> ReadSignal<bool> {
    let (painted, set_painted) = signal(false);
    after_next_paint(move || _ = set_painted.try_set(true));
    painted
}

//! Reusable pieces; they take signals and callbacks as props.

pub mod avatar;
pub mod banner;
pub mod choice_group;
pub mod facts;
pub mod field;
pub mod live_region;
pub mod nav;
pub mod person_photo;
pub mod save_bar;
pub mod sign_in_form;
pub mod skip_link;
pub mod switch;
pub mod user_badge;

use std::sync::atomic::{AtomicUsize, Ordering};

/// A document-unique id for `for`/`aria-describedby` pairs.
pub fn unique_id(prefix: &str) -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!("{prefix}-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

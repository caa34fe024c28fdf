//! Element ids, made in one place: a label's `for`, an error's
//! `aria-describedby`, a section link's `href` and a focus call must all
//! spell the same id, so each family of ids has one function here.

use std::sync::atomic::{AtomicUsize, Ordering};

/// A field's input (`details.bio` becomes `field-details-bio`).
pub fn field(path: &str) -> String {
    format!("field-{}", path.replace('.', "-"))
}

/// The error line under a field's input.
pub fn field_error(path: &str) -> String {
    format!("{}-error", field(path))
}

/// A section of the profile form (`section-address`).
pub fn profile_section(name: &str) -> String {
    format!("section-{name}")
}

/// A section of the settings page (`settings-account`).
pub fn settings_section(name: &str) -> String {
    format!("settings-{name}")
}

/// An id unique in the document, for an element with no key of its own.
pub fn unique(prefix: &str) -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!("{prefix}-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

#[cfg(test)]
mod tests {
    #[test]
    fn nested_paths_make_valid_ids() {
        assert_eq!(super::field("details.bio"), "field-details-bio");
        assert_eq!(super::field_error("details.bio"), "field-details-bio-error");
    }

    #[test]
    fn unique_ids_differ() {
        assert_ne!(super::unique("x"), super::unique("x"));
    }
}

//! State every page shares, in context: who the header shows, the status
//! announcer, unsaved changes (the tab-close guard), theme and language.
//! Below the components that read it; the shell (`shell.rs`) and the pages
//! only render it.

use std::time::Duration;

use leptos::prelude::*;
use profile_model::catalogue::{catalogue, FieldKind, Section};
use profile_model::{Dialect, FormValues};

use crate::context::use_or_provide;
use crate::i18n::I18n;
use crate::theme::Theme;

/// The signed-in person as the header shows them. The profile loader fills
/// it; signing out clears it.
#[derive(Clone, Copy)]
pub struct CurrentUser {
    pub name: RwSignal<Option<String>>,
    pub avatar_url: RwSignal<Option<String>>,
}

impl CurrentUser {
    pub fn new() -> Self {
        CurrentUser { name: RwSignal::new(None), avatar_url: RwSignal::new(None) }
    }

    /// Shows the person described by a loaded profile (photo URLs are on
    /// the API's host: `api_base_url`).
    pub fn show(&self, dialect: &'static Dialect, api_base_url: &str, values: &FormValues) {
        self.name.set(display_name(values));
        self.avatar_url.set(photo_url(dialect, api_base_url, values));
    }

    pub fn clear(&self) {
        self.name.set(None);
        self.avatar_url.set(None);
    }
}

/// The name the header shows: the full name where the dialect has one,
/// else first and last name, else the username or email.
fn display_name(values: &FormValues) -> Option<String> {
    let full = values.text("full_name").trim().to_string();
    let parts = format!("{} {}", values.text("first_name").trim(), values.text("last_name").trim()).trim().to_string();
    [full, parts, values.text("username").to_string(), values.text("email").to_string()]
        .into_iter()
        .find(|n| !n.is_empty())
}

/// The person's photo URL (editable or not) as the browser can load it:
/// a path resolved against the API's host, http(s) only
/// ([`profile_model::url::backend_url`]).
pub fn photo_url(dialect: &'static Dialect, api_base_url: &str, values: &FormValues) -> Option<String> {
    let spec = catalogue(dialect).iter().find(|s| s.section == Section::Photo && s.kind == FieldKind::File)?;
    profile_model::url::backend_url(api_base_url, values.get(&spec.path)?.as_text())
}

impl Default for CurrentUser {
    fn default() -> Self {
        CurrentUser::new()
    }
}

pub fn use_current_user() -> CurrentUser {
    use_or_provide(CurrentUser::new)
}

/// Says status changes out loud through the shell's `aria-live` regions
/// ("Saved", "Theme: Dark"). Text is shown to screen readers only.
#[derive(Clone, Copy)]
pub struct Announcer {
    polite: RwSignal<String>,
    urgent: RwSignal<String>,
}

impl Announcer {
    pub fn new() -> Self {
        Announcer { polite: RwSignal::new(String::new()), urgent: RwSignal::new(String::new()) }
    }

    /// Announced when the screen reader is idle (`role="status"`).
    pub fn announce(&self, text: impl Into<String>) {
        replace_text(self.polite, text.into());
    }

    /// Interrupts (`role="alert"`): failures the person must act on.
    pub fn alert(&self, text: impl Into<String>) {
        replace_text(self.urgent, text.into());
    }

    pub fn polite_text(&self) -> String {
        self.polite.get()
    }

    pub fn urgent_text(&self) -> String {
        self.urgent.get()
    }
}

impl Default for Announcer {
    fn default() -> Self {
        Announcer::new()
    }
}

/// Empties the region first and fills it a moment later, so the same
/// text twice ("Saved", "Saved") is announced twice.
fn replace_text(region: RwSignal<String>, text: String) {
    region.set(String::new());
    set_timeout(move || drop(region.try_set(text)), Duration::from_millis(60));
}

pub fn use_announcer() -> Announcer {
    use_or_provide(Announcer::new)
}

/// Whether the current page holds edits that are not saved yet. While it
/// does, the header's links ask before leaving and so does closing or
/// reloading the tab. Pages report through [`use_unsaved_guard`].
#[derive(Clone, Copy)]
pub struct UnsavedChanges {
    dirty: RwSignal<bool>,
}

impl UnsavedChanges {
    pub fn new() -> Self {
        UnsavedChanges { dirty: RwSignal::new(false) }
    }

    pub fn is_dirty(&self) -> bool {
        self.dirty.get_untracked()
    }

    pub fn set_dirty(&self, dirty: bool) {
        self.dirty.set(dirty);
    }

    /// True when there is nothing to lose or the person agrees to lose it.
    pub fn confirm_leave(&self, i18n: I18n) -> bool {
        !self.is_dirty() || window().confirm_with_message(&i18n.t("profile.leave_confirm")).unwrap_or(true)
    }
}

impl Default for UnsavedChanges {
    fn default() -> Self {
        UnsavedChanges::new()
    }
}

pub fn use_unsaved_changes() -> UnsavedChanges {
    use_or_provide(UnsavedChanges::new)
}

/// For a page with a form: keeps the shell's guard in step with `dirty`
/// and clears it when the page goes away.
pub fn use_unsaved_guard(dirty: Signal<bool>) {
    let unsaved = use_unsaved_changes();
    Effect::new(move || unsaved.set_dirty(dirty.get()));
    on_cleanup(move || {
        let _ = unsaved.dirty.try_set(false);
    });
}

/// Provides the app-wide contexts: remembered theme and language (applied
/// to `<html>`), the header's user and the announcer. `App` calls it once;
/// the session and API client are provided next to it.
pub fn provide_app_state() {
    provide_context(I18n::restore());
    provide_context(Theme::restore());
    provide_context(CurrentUser::new());
    provide_context(Announcer::new());
    provide_context(UnsavedChanges::new());
}

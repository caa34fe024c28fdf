//! Unsaved edits survive a reload or a failed save: the changed fields (not
//! files) are kept in `sessionStorage`, per dialect, page and person, and
//! dropped after a successful save or on sign-out. A draft is offered only
//! to the person who typed it: if someone else signs in next in this tab
//! (after an expired session kept it), it is deleted unseen.
//!
//! No keystroke waits on storage: `keep` only notes the latest changes,
//! and they are written once typing pauses (`WRITE_AFTER`), when the page
//! is hidden or left, or when a draft is read. Forgetting cancels what is
//! still waiting, so a late write cannot bring a dropped draft back.

use leptos::prelude::{set_timeout_with_handle, TimeoutHandle};
use profile_model::{Dialect, FormValues};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

use crate::storage::Store;

const PREFIX: &str = "profile-app.draft.";
/// Long enough to coalesce a burst of typing, short enough that a crash
/// loses at most this much of it.
const WRITE_AFTER: std::time::Duration = std::time::Duration::from_millis(150);

#[derive(Default)]
struct Pending {
    /// Storage key and the draft's JSON to write (`None` removes it).
    writes: Vec<(String, Option<String>)>,
    timer: Option<TimeoutHandle>,
    flush_on_leave: bool,
}

thread_local! {
    static PENDING: RefCell<Pending> = RefCell::default();
}

fn page_prefix(dialect: &'static Dialect, page: &str) -> String {
    format!("{PREFIX}{}.{page}.", dialect.name)
}

fn key(dialect: &'static Dialect, page: &str, owner: &str) -> String {
    format!("{}{owner}", page_prefix(dialect, page))
}

/// Drafts last for this tab: a closed tab forgets them.
const DRAFTS: Store = Store::Session;

/// Keeps `owner`'s `changes` (soon); an empty set removes the draft.
pub fn keep(dialect: &'static Dialect, page: &str, owner: &str, changes: &FormValues) {
    let json = if changes.iter().next().is_some() { serde_json::to_string(changes).ok() } else { None };
    let key = key(dialect, page, owner);
    PENDING.with_borrow_mut(|p| {
        p.writes.retain(|(k, _)| *k != key);
        p.writes.push((key, json));
        if p.timer.is_none() {
            p.timer = set_timeout_with_handle(flush, WRITE_AFTER).ok();
        }
        if !p.flush_on_leave {
            p.flush_on_leave = flush_when_hidden();
        }
    });
}

/// `owner`'s draft of this page; anyone else's is deleted.
pub fn load(dialect: &'static Dialect, page: &str, owner: &str) -> Option<FormValues> {
    flush();
    let own = key(dialect, page, owner);
    let others = page_prefix(dialect, page);
    DRAFTS.remove_where(&|k| k.starts_with(&others) && k != own);
    let json = DRAFTS.read(&own)?;
    let value = crate::json::parse(&json).ok()?;
    serde_json::from_value::<FormValues>(value).ok().filter(|d| d.iter().next().is_some())
}

pub fn forget(dialect: &'static Dialect, page: &str, owner: &str) {
    let key = key(dialect, page, owner);
    PENDING.with_borrow_mut(|p| p.writes.retain(|(k, _)| *k != key));
    DRAFTS.remove(&key);
}

/// Drops every draft (sign-out: the next person must not see them).
pub fn forget_all() {
    PENDING.with_borrow_mut(|p| {
        p.writes.clear();
        if let Some(timer) = p.timer.take() {
            timer.clear();
        }
    });
    DRAFTS.remove_where(&|k| k.starts_with(PREFIX));
}

/// Writes whatever is waiting, now.
pub fn flush() {
    let writes = PENDING.with_borrow_mut(|p| {
        if let Some(timer) = p.timer.take() {
            timer.clear();
        }
        std::mem::take(&mut p.writes)
    });
    if writes.is_empty() {
        return;
    }
    for (key, json) in writes {
        match json {
            Some(json) => drop(DRAFTS.write(&key, &json)),
            None => DRAFTS.remove(&key),
        }
    }
}

/// Flushes when the tab is hidden or the page is left (reload, close,
/// navigation away): the moments a timer may never fire. Installed once.
fn flush_when_hidden() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let on_leave = Closure::<dyn Fn()>::new(flush);
    let installed = window.add_event_listener_with_callback("pagehide", on_leave.as_ref().unchecked_ref()).is_ok()
        && window.add_event_listener_with_callback("visibilitychange", on_leave.as_ref().unchecked_ref()).is_ok();
    // Lives as long as the page: one listener, never removed.
    on_leave.forget();
    installed
}

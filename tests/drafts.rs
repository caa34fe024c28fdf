//! The draft store: typing only notes changes; they reach sessionStorage
//! once typing pauses or the page is hidden or left; forgetting cancels a
//! write still waiting; a draft is offered only to the person who typed it.

mod support;

use profile_app::drafts as draft;
use profile_model::shipped;
use profile_model::{FieldValue, FormValues};
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const PAGE: &str = "draft-test";
const ADA: &str = "42";

fn changes(text: &str) -> FormValues {
    let mut values = FormValues::new();
    values.set("first_name", FieldValue::Text(text.to_string()));
    values
}

fn stored_for(owner: &str) -> Option<String> {
    let storage = web_sys::window().unwrap().session_storage().unwrap().unwrap();
    storage.get_item(&format!("profile-app.draft.{}.{PAGE}.{owner}", shipped::pwgen().name)).unwrap()
}

fn stored() -> Option<String> {
    stored_for(ADA)
}

#[wasm_bindgen_test]
async fn a_kept_draft_reaches_storage_without_further_calls() {
    draft::forget_all();
    draft::keep(shipped::pwgen(), PAGE, ADA, &changes("Ada"));
    let json = wait_for("the draft in sessionStorage", 3_000.0, stored).await;
    assert!(json.contains("Ada"), "{json}");
    draft::forget_all();
}

#[wasm_bindgen_test]
fn the_latest_of_several_keeps_is_what_loads() {
    draft::forget_all();
    draft::keep(shipped::pwgen(), PAGE, ADA, &changes("A"));
    draft::keep(shipped::pwgen(), PAGE, ADA, &changes("Ad"));
    draft::keep(shipped::pwgen(), PAGE, ADA, &changes("Ada"));
    let loaded = draft::load(shipped::pwgen(), PAGE, ADA).expect("a draft");
    assert_eq!(loaded.get("first_name"), Some(&FieldValue::Text("Ada".into())));
    draft::forget_all();
}

#[wasm_bindgen_test]
fn leaving_the_page_writes_at_once() {
    draft::forget_all();
    draft::keep(shipped::pwgen(), PAGE, ADA, &changes("Grace"));
    let window = web_sys::window().unwrap();
    window.dispatch_event(&web_sys::Event::new("pagehide").unwrap()).unwrap();
    assert!(stored().is_some_and(|json| json.contains("Grace")), "written during pagehide");
    draft::forget_all();
}

#[wasm_bindgen_test]
fn forgetting_cancels_a_waiting_write() {
    draft::forget_all();
    draft::keep(shipped::pwgen(), PAGE, ADA, &changes("Secret"));
    draft::forget_all();
    draft::flush();
    assert_eq!(stored(), None, "sign-out must not be followed by a late write");

    draft::keep(shipped::pwgen(), PAGE, ADA, &changes("Saved"));
    draft::forget(shipped::pwgen(), PAGE, ADA);
    draft::flush();
    assert_eq!(stored(), None, "a saved form's draft stays gone");
}

#[wasm_bindgen_test]
fn someone_else_is_never_offered_a_draft_and_it_is_deleted() {
    draft::forget_all();
    draft::keep(shipped::pwgen(), PAGE, ADA, &changes("Ada's private bio"));
    draft::flush();
    assert_eq!(draft::load(shipped::pwgen(), PAGE, "43"), None, "another person signed in next in this tab");
    assert_eq!(stored_for(ADA), None, "and the first person's draft is gone from storage");
    assert_eq!(draft::load(shipped::pwgen(), PAGE, ADA), None);
}

/// The one storage helper the drafts, the session, the preferences and the
/// config override share: each store is the browser's own, and
/// `remove_where` removes exactly the keys it picks.
#[wasm_bindgen_test]
fn the_storage_helper_reads_writes_and_removes_in_the_browsers_stores() {
    use profile_app::storage::Store;
    let window = web_sys::window().unwrap();
    Store::Session.write("storage-test.a", "1").unwrap();
    Store::Session.write("storage-test.b", "2").unwrap();
    Store::Session.write("kept-test", "3").unwrap();
    assert_eq!(window.session_storage().unwrap().unwrap().get_item("storage-test.a").unwrap().as_deref(), Some("1"));
    assert_eq!(Store::Local.read("storage-test.a"), None, "the stores are apart");
    Store::Session.remove_where(&|k| k.starts_with("storage-test."));
    assert_eq!((Store::Session.read("storage-test.a"), Store::Session.read("storage-test.b")), (None, None));
    assert_eq!(Store::Session.read("kept-test").as_deref(), Some("3"));
    Store::Session.remove("kept-test");
    assert_eq!(Store::Session.read("kept-test"), None);
    Store::Local.write("storage-test.local", "x").unwrap();
    assert_eq!(window.local_storage().unwrap().unwrap().get_item("storage-test.local").unwrap().as_deref(), Some("x"));
    Store::Local.remove("storage-test.local");
}

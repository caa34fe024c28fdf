//! The app shell in the browser: skip link, header with the signed-in
//! person, navigation with `aria-current`, the live region and the
//! not-found page.

mod support;

use leptos::prelude::*;
use leptos_router::components::{FlatRoutes, Route, Router};
use leptos_router::path;
use profile_app::app_state::{use_unsaved_guard, Announcer, CurrentUser, UnsavedChanges};
use profile_app::i18n::{I18n, Locale};
use profile_app::pages::not_found::NotFound;
use profile_app::session::Session;
use profile_app::shell::AppShell;
use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

struct Shell {
    root: web_sys::HtmlElement,
    user: CurrentUser,
    announcer: Announcer,
    i18n: I18n,
    unsaved: UnsavedChanges,
}

/// The shell around two stand-in pages and the not-found fallback.
fn mount_shell(signed_in: bool) -> (Shell, impl Drop) {
    reset_preferences();
    let root = container();
    let session = Session::signed_out();
    if signed_in {
        session.sign_in(profile_app::session::Credential::Secret("token".into()), None, false);
    }
    let (user, announcer, i18n) = (CurrentUser::new(), Announcer::new(), I18n::new(Locale::En));
    let unsaved = UnsavedChanges::new();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(session);
        provide_context(user);
        provide_context(announcer);
        provide_context(i18n);
        provide_context(unsaved);
        view! {
            <Router>
                <AppShell>
                    <FlatRoutes fallback=NotFound>
                        <Route path=path!("/profile") view=|| view! { <p data-testid="profile-stub">"profile"</p> }/>
                        <Route path=path!("/editing") view=EditingStub/>
                        <Route path=path!("/settings") view=|| view! { <p data-testid="settings-stub">"settings"</p> }/>
                    </FlatRoutes>
                </AppShell>
            </Router>
        }
    });
    (Shell { root, user, announcer, i18n, unsaved }, handle)
}

/// A page with unsaved edits.
#[component]
fn EditingStub() -> impl IntoView {
    use_unsaved_guard(Signal::stored(true));
    view! { <p data-testid="editing-stub">"editing"</p> }
}

fn go_to(path: &str) {
    web_sys::window()
        .unwrap()
        .history()
        .unwrap()
        .push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path))
        .unwrap();
}

fn link(root: &web_sys::Element, href: &str) -> web_sys::Element {
    root.query_selector(&format!(".app-nav a[href=\"{href}\"]")).unwrap().unwrap()
}

#[wasm_bindgen_test]
async fn skip_link_comes_first_and_moves_focus_to_main() {
    go_to("/profile");
    let (shell, _mounted) = mount_shell(false);
    let skip = wait_for_test_id(&shell.root, "skip-link").await;
    let first_focusable = shell.root.query_selector("a[href], button, input").unwrap().unwrap();
    assert_eq!(first_focusable, skip, "the skip link is the first thing Tab reaches");
    click(&skip);
    let active = document().active_element().unwrap();
    assert_eq!(active.id(), "main");
    shell.root.remove();
}

#[wasm_bindgen_test]
async fn navigation_marks_the_current_page() {
    // Starts at /settings rather than clicking there: routers of earlier
    // tests in this page may still catch link clicks (the e2e suite clicks
    // and tabs through the real app instead).
    go_to("/settings");
    let (shell, _mounted) = mount_shell(true);
    wait_for_test_id(&shell.root, "settings-stub").await;
    let nav = shell.root.query_selector("nav").unwrap().unwrap();
    assert_eq!(nav.get_attribute("aria-label").as_deref(), Some("Main"));
    let current =
        wait_for("aria-current on Settings", 5_000.0, || link(&shell.root, "/settings").get_attribute("aria-current"))
            .await;
    assert_eq!(current, "page");
    assert_eq!(link(&shell.root, "/profile").get_attribute("aria-current"), None);

    shell.i18n.set_locale(Locale::Fa);
    wait_for("Persian nav", 5_000.0, || (link(&shell.root, "/settings").text_content()? == "تنظیمات").then_some(()))
        .await;
    assert_eq!(nav.get_attribute("aria-label").as_deref(), Some("اصلی"));
    reset_preferences();
    go_to("/profile");
    shell.root.remove();
}

/// A 1×1 SVG that loads without a server.
const PHOTO: &str = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='1' height='1'/%3E";

#[wasm_bindgen_test]
async fn header_shows_the_signed_in_person() {
    go_to("/profile");
    let (shell, _mounted) = mount_shell(true);
    wait_for_test_id(&shell.root, "profile-stub").await;
    assert!(find(&shell.root, "user-badge").is_none(), "nothing to show before the profile loads");

    shell.user.name.set(Some("Ada Lovelace".into()));
    let name = wait_for_test_id(&shell.root, "user-name").await;
    assert_eq!(name.text_content().unwrap(), "Ada Lovelace");
    let badge = find(&shell.root, "user-badge").unwrap();
    assert!(badge.text_content().unwrap().contains("AL"), "initials stand in for a missing photo");

    shell.user.avatar_url.set(Some(PHOTO.into()));
    let photo = wait_for_test_id(&shell.root, "user-photo").await;
    assert_eq!(photo.get_attribute("src").as_deref(), Some(PHOTO));
    assert_eq!(photo.get_attribute("alt").as_deref(), Some(""), "decorative: the name is right next to it");

    // A photo that fails to load gives way to the initials again.
    shell.user.avatar_url.set(Some("/no/such/photo.png".into()));
    wait_for("initials after a broken photo", 10_000.0, || {
        (find(&shell.root, "user-photo").is_none() && badge.text_content()?.contains("AL")).then_some(())
    })
    .await;
    shell.root.remove();
}

#[wasm_bindgen_test]
async fn signed_out_header_offers_sign_in() {
    go_to("/profile");
    let (shell, _mounted) = mount_shell(false);
    wait_for("sign-in link", 5_000.0, || shell.root.query_selector(".app-header a[href=\"/sign-in\"]").ok().flatten())
        .await;
    shell.root.remove();
}

#[wasm_bindgen_test]
async fn announcer_fills_the_live_region() {
    go_to("/profile");
    let (shell, _mounted) = mount_shell(false);
    let region = wait_for_test_id(&shell.root, "announcer").await;
    assert_eq!(region.get_attribute("aria-live").as_deref(), Some("polite"));
    shell.announcer.announce("Saved");
    wait_for("announcement", 5_000.0, || (region.text_content()? == "Saved").then_some(())).await;
    shell.announcer.alert("Not saved");
    let urgent = find(&shell.root, "announcer-urgent").unwrap();
    wait_for("alert", 5_000.0, || (urgent.text_content()? == "Not saved").then_some(())).await;
    shell.root.remove();
}

#[wasm_bindgen_test]
async fn unknown_address_shows_not_found() {
    go_to("/no/such/page");
    let (shell, _mounted) = mount_shell(false);
    let page = wait_for_test_id(&shell.root, "not-found").await;
    assert!(page.text_content().unwrap().contains("Page not found"));
    let back = page.query_selector("a").unwrap().unwrap();
    assert!(back.unchecked_ref::<web_sys::HtmlAnchorElement>().href().ends_with("/profile"));
    wait_for("page title", 5_000.0, || document().title().starts_with("Page not found").then_some(())).await;
    go_to("/profile");
    shell.root.remove();
}

#[wasm_bindgen_test]
async fn unsaved_edits_make_header_links_ask_first() {
    go_to("/editing");
    let (shell, _mounted) = mount_shell(true);
    wait_for_test_id(&shell.root, "editing-stub").await;
    // The page's guard is armed by an effect, which runs after the page is
    // drawn (FlatRoutes draws it in the task that mounts the shell).
    wait_for("the unsaved guard", 5_000.0, || shell.unsaved.is_dirty().then_some(())).await;
    // The person answers "Cancel": the link does nothing.
    js_sys::eval("window.__asked = 0; window.confirm = () => { window.__asked += 1; return false; };").unwrap();
    let settings = link(&shell.root, "/settings");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = web_sys::Event::new_with_event_init_dict("click", &init).unwrap();
    settings.dispatch_event(&event).unwrap();
    assert!(event.default_prevented(), "the router must not navigate");
    assert_eq!(js_sys::eval("window.__asked").unwrap().as_f64(), Some(1.0));
    next_turn(50).await;
    assert!(find(&shell.root, "editing-stub").is_some());
    assert_eq!(web_sys::window().unwrap().location().pathname().unwrap(), "/editing");
    go_to("/profile");
    shell.root.remove();
}

//! The page people come for: their profile, rendered from the model
//! crate's catalogue for the configured dialect.

use leptos::prelude::*;
use leptos_router::components::Redirect;
use profile_model::catalogue::{catalogue, sections, upload_field, FieldKind, FieldSpec, Page, Section};
use profile_model::{FieldValue, FormValues, Message};

use crate::api::profile::{AvatarFile, AvatarUpload, LoadedProfile};
use crate::api::{ApiClient, ClientError};
use crate::components::avatar::{AvatarChange, AvatarEditor};
use crate::components::banner::ErrorBanner;
use crate::components::field::{input_id, FieldInput};
use crate::forms::{draft, today, FormState};
use crate::i18n::use_i18n;
use crate::pages::sign_in::SignInForm;
use crate::session::Session;

const DRAFT_PAGE: &str = "profile";

/// Loads the signed-in person's profile, then hands it to the editor.
#[component]
pub fn ProfilePage() -> impl IntoView {
    let session = expect_context::<Session>();
    let api = expect_context::<ApiClient>();
    let profile = LocalResource::new(move || {
        let api = api.clone();
        async move { api.load_profile().await }
    });

    // Only signing out may tear the editor down: signing in again from the
    // 401 dialog swaps the credential, and re-rendering then would drop
    // the very edits the dialog promises to keep.
    let signed_in = Memo::new(move |_| session.is_signed_in());
    move || {
        if !signed_in.get() {
            return view! { <Redirect path="/sign-in"/> }.into_any();
        }
        view! {
            <Transition fallback=move || view! { <ProfileSkeleton/> }>
                {move || profile.get().map(|answer| match answer {
                    Ok(loaded) => view! { <ProfileEditor loaded/> }.into_any(),
                    Err(e) => {
                        if e.is_unauthorized() {
                            session.sign_out();
                        }
                        let messages = e.form_messages();
                        view! {
                            <ErrorBanner messages=Signal::stored(messages)
                                on_retry=Callback::new(move |_| profile.refetch())/>
                        }
                        .into_any()
                    }
                })}
            </Transition>
        }
        .into_any()
    }
}

/// Grey blocks in the shape of the form while it loads.
#[component]
fn ProfileSkeleton() -> impl IntoView {
    view! {
        <div class="card skeleton" data-testid="loading" aria-busy="true">
            <div class="skeleton__avatar"></div>
            <div class="skeleton__line"></div>
            <div class="skeleton__line"></div>
            <div class="skeleton__line skeleton__line--short"></div>
        </div>
    }
}

/// The form: sections of fields, read-only facts, and the save bar.
#[component]
fn ProfileEditor(loaded: LoadedProfile) -> impl IntoView {
    let api = expect_context::<ApiClient>();
    let i18n = use_i18n();
    let dialect = api.dialect();
    let api_config_avatar = api.config().avatar.clone();
    let today = today();
    let form = FormState::new(dialect, Page::Profile, &loaded.values);
    let loaded = RwSignal::new(loaded);
    let avatar = RwSignal::new_local(AvatarUpload::Keep);
    let avatar_error = RwSignal::new(None::<String>);
    let banner = RwSignal::new(Vec::<Message>::new());
    let banner_box = NodeRef::<leptos::html::Div>::new();
    let retryable = RwSignal::new(false);
    let rate_limited = RwSignal::new(false);
    let needs_sign_in = RwSignal::new(false);
    let saved_notice = RwSignal::new(false);
    let offered_draft = RwSignal::new(draft::load(dialect, DRAFT_PAGE));
    let last_sent = StoredValue::new(FormValues::new());

    let dirty = Memo::new(move |_| form.is_dirty() || avatar.with(|a| !matches!(a, AvatarUpload::Keep)));
    let invalid = Memo::new(move |_| form.has_errors(today));

    let save = Action::new_local(move |(sent, upload): &(FormValues, AvatarUpload)| {
        let api = api.clone();
        let (sent, upload) = (sent.clone(), upload.clone());
        async move { api.save_profile(&loaded.get_untracked(), &sent, upload).await }
    });
    let pending = save.pending();
    let can_save = move || dirty.get() && !invalid.get() && !pending.get() && !rate_limited.get();

    let submit = move || {
        form.touch_changed();
        if pending.get_untracked() || !dirty.get_untracked() || invalid.get_untracked() || rate_limited.get_untracked() {
            show_problem(form, today, banner_box);
            return;
        }
        let sent = form.edited(&loaded.get_untracked().values);
        last_sent.set_value(sent.clone());
        banner.set(Vec::new());
        saved_notice.set(false);
        save.dispatch((sent, avatar.get_untracked()));
    };

    // The server's answer: adopt it, or put its complaints where they belong;
    // either way, say it out loud for screen readers.
    let announcer = crate::shell::use_announcer();
    Effect::new(move || {
        let Some(result) = save.value().get() else { return };
        match result {
            Ok(profile) => {
                form.accept_saved(&last_sent.get_value(), &profile.values);
                avatar.set(AvatarUpload::Keep);
                avatar_error.set(None);
                loaded.set(profile);
                draft::forget(dialect, DRAFT_PAGE);
                saved_notice.set(true);
                announcer.announce(i18n.t("profile.saved"));
            }
            Err(mut error) => {
                avatar_error.set(take_avatar_error(dialect, &mut error).map(|m| i18n.message(&m)));
                on_save_error(error, form, banner, retryable, rate_limited, needs_sign_in);
                show_problem(form, today, banner_box);
                announcer.alert(banner.with_untracked(|m| m.iter().map(|m| i18n.message(m)).collect::<Vec<_>>().join(" ")));
            }
        }
    });

    // Keep unsaved edits in sessionStorage (not files) for reloads and failures.
    Effect::new(move || {
        let changes = form.changes();
        if offered_draft.with_untracked(Option::is_none) {
            draft::keep(dialect, DRAFT_PAGE, &changes);
        }
    });

    // The shell asks before navigation or closing the tab loses edits.
    crate::shell::use_unsaved_guard(Signal::derive(move || dirty.get()));

    // The photo field, editable (pwgen, users-me) or not (aisquare).
    let photo_spec = catalogue(dialect).iter().find(|s| s.section == Section::Photo && s.kind == FieldKind::File);
    let photo_url = move || {
        photo_spec
            .and_then(|f| loaded.with(|l| l.values.get(f.path).map(|v| v.as_text().to_string())))
            .filter(|url| profile_model::url::is_valid_url(url) || url.starts_with('/'))
    };

    let current_user = crate::shell::use_current_user();
    Effect::new(move || {
        current_user.name.set(loaded.with(|l| display_name(&l.values)));
        current_user.avatar_url.set(photo_url());
    });

    view! {
        <form class="card profile" novalidate on:submit=move |ev| { ev.prevent_default(); submit(); }>
            <h1>{move || i18n.t("profile.title")}</h1>
            <DraftOffer offered=offered_draft form/>
            <div node_ref=banner_box>
                <ErrorBanner messages=banner can_retry=retryable on_retry=Callback::new(move |_| submit())/>
            </div>
            {sections(dialect, Page::Profile).into_iter().map(|section| view! {
                <fieldset class="profile__section" data-section=section.name()>
                    <legend>{move || i18n.t(&section.label_key())}</legend>
                    {(section == Section::Photo).then(|| match upload_field(dialect) {
                        Some(spec) => {
                            let policy = api_config_avatar.clone();
                            let can_remove = spec.nullable;
                            // A new editor for each confirmed photo: its pending
                            // preview ends when the server has the photo.
                            (move || {
                                let _confirmed = photo_url();
                                view! {
                                    <AvatarEditor current_url=Signal::derive(photo_url) policy=policy.clone()
                                        can_remove=can_remove
                                        on_change=Callback::new(move |change| avatar.set(upload_for(change)))
                                        server_error=Signal::derive(move || avatar_error.get())/>
                                }
                            }).into_any()
                        }
                        None => view! { <PhotoPreview url=Signal::derive(photo_url)/> }.into_any(),
                    })}
                    {form.fields().into_iter().filter(|f| f.spec.section == section)
                        .map(|field| view! { <FieldInput field today/> }).collect_view()}
                    <ReadOnlyFacts specs=read_only_in(dialect, section) values=Signal::derive(move || loaded.with(|l| l.values.clone()))/>
                </fieldset>
            }).collect_view()}
            <div class="profile__actions">
                <button type="submit" class="button button--primary" data-testid="save"
                    disabled=move || !can_save() aria-busy=move || pending.get().then_some("true")>
                    {move || i18n.t(if pending.get() { "profile.saving" } else { "profile.save" })}
                </button>
                <button type="button" class="button" data-testid="discard"
                    disabled=move || !dirty.get() || pending.get()
                    on:click=move |_| { form.discard(); avatar.set(AvatarUpload::Keep); banner.set(Vec::new()); draft::forget(dialect, DRAFT_PAGE); }>
                    {move || i18n.t("profile.discard")}
                </button>
                <span class="profile__status" role="status" aria-live="polite" data-testid="save-status">
                    {move || {
                        if pending.get() {
                            // fetch reports no upload progress: say what is going up and how big.
                            match avatar.with(|a| if let AvatarUpload::Replace(f) = a { Some(f.blob.size()) } else { None }) {
                                Some(bytes) => i18n.t("profile.uploading").replace("{kb}", &format!("{:.0}", bytes / 1024.0)),
                                None => i18n.t("profile.saving"),
                            }
                        }
                        else if saved_notice.get() && !dirty.get() { i18n.t("profile.saved") }
                        else if rate_limited.get() { i18n.t("profile.rate_limited") }
                        else { String::new() }
                    }}
                </span>
            </div>
        </form>
        <Show when=move || needs_sign_in.get()>
            <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="reauth-title" data-testid="reauth">
                <div class="dialog__body">
                    <p id="reauth-title">{move || i18n.t("profile.session_expired")}</p>
                    <SignInForm on_signed_in=Callback::new(move |_| { needs_sign_in.set(false); submit(); })/>
                </div>
            </div>
        </Show>
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

/// What the editor asked for, as the API client takes it.
fn upload_for(change: AvatarChange) -> AvatarUpload {
    match change {
        AvatarChange::Keep => AvatarUpload::Keep,
        AvatarChange::Remove => AvatarUpload::Remove,
        AvatarChange::Replace(prepared) => {
            AvatarUpload::Replace(AvatarFile { blob: prepared.blob, file_name: prepared.file_name })
        }
    }
}

/// Takes the server's message about the photo out of `error`: it goes
/// under the photo editor, not in the banner.
fn take_avatar_error(dialect: profile_model::Dialect, error: &mut ClientError) -> Option<Message> {
    let ClientError::Api(api_error) = error else { return None };
    let path = upload_field(dialect)?.path;
    let message = api_error.errors.first(path).cloned();
    api_error.errors.clear_field(path);
    message
}

fn on_save_error(
    error: ClientError,
    form: FormState,
    banner: RwSignal<Vec<Message>>,
    retryable: RwSignal<bool>,
    rate_limited: RwSignal<bool>,
    needs_sign_in: RwSignal<bool>,
) {
    if error.is_unauthorized() {
        needs_sign_in.set(true);
    }
    if let Some(seconds) = error.retry_after() {
        rate_limited.set(true);
        set_timeout(move || rate_limited.set(false), std::time::Duration::from_secs(seconds));
    }
    retryable.set(error.is_retryable());
    let mut messages = match &error {
        ClientError::Api(api_error) => form.show_server_errors(&api_error.errors),
        _ => Vec::new(),
    };
    if messages.is_empty() {
        messages = error.form_messages();
    }
    banner.set(messages);
}

/// Takes the person to what went wrong, once it is painted: focus on the
/// first field showing an error, else the banner. Either is scrolled into
/// view explicitly: Save sits in a sticky bar, often far from the banner,
/// and focus alone may leave a field's error line under that bar.
fn show_problem(form: FormState, today: profile_model::Date, banner_box: NodeRef<leptos::html::Div>) {
    request_animation_frame(move || {
        if let Some(field) = form.first_invalid(today) {
            let element = document().get_element_by_id(&input_id(field.spec.path));
            if let Some(el) = element.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok()) {
                let _ = el.focus();
                // The input's box holds its label and error line too.
                if let Some(field_box) = el.parent_element() {
                    scroll_to(&field_box);
                }
            }
            return;
        }
        if let Some(el) = banner_box.get_untracked().filter(|el| el.child_element_count() > 0) {
            scroll_to(&el);
        }
    });
}

/// The least scrolling that shows `el` whole (its CSS scroll-margin kept).
fn scroll_to(el: &web_sys::Element) {
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Nearest);
    el.scroll_into_view_with_scroll_into_view_options(&options);
}

fn read_only_in(dialect: profile_model::Dialect, section: Section) -> Vec<&'static FieldSpec> {
    // The photo has its own preview; other files are links among the facts.
    catalogue(dialect)
        .iter()
        .filter(|s| s.section == section && s.read_only && s.page() == Page::Profile && s.section != Section::Photo)
        .collect()
}

/// Facts the person cannot edit (joined, followers, rank …).
#[component]
fn ReadOnlyFacts(specs: Vec<&'static FieldSpec>, #[prop(into)] values: Signal<FormValues>) -> impl IntoView {
    let i18n = use_i18n();
    (!specs.is_empty()).then(|| view! {
        <dl class="facts">
            {specs.into_iter().map(|spec| view! {
                <div class="facts__item">
                    <dt>{move || i18n.t(&spec.label_key())}</dt>
                    <dd dir="auto" data-testid=format!("fact-{}", spec.path)>
                        {move || values.with(|v| fact_view(spec, v.get(spec.path)))}
                    </dd>
                </div>
            }).collect_view()}
        </dl>
    })
}

fn fact_view(spec: &FieldSpec, value: Option<&FieldValue>) -> AnyView {
    match value {
        // Person-supplied URLs become links only if they are http(s).
        Some(FieldValue::Text(url)) if spec.kind == FieldKind::File && profile_model::url::is_valid_url(url) => {
            let (href, text) = (url.clone(), url.clone());
            view! { <a href=href rel="noopener noreferrer" target="_blank">{text}</a> }.into_any()
        }
        other => fact_text(other).into_any(),
    }
}

fn fact_text(value: Option<&FieldValue>) -> String {
    match value {
        None | Some(FieldValue::Null) => "—".to_string(),
        Some(FieldValue::Bool(b)) => if *b { "✓" } else { "✗" }.to_string(),
        Some(FieldValue::List(items)) => items.join(", "),
        Some(FieldValue::Text(t)) => t.clone(),
    }
}

/// The current photo, or a placeholder.
#[component]
fn PhotoPreview(#[prop(into)] url: Signal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    move || match url.get() {
        Some(src) => view! { <img class="profile__photo" src=src alt=move || i18n.t("profile.photo_alt") data-testid="photo"/> }.into_any(),
        None => view! { <div class="profile__photo profile__photo--empty" aria-hidden="true"></div> }.into_any(),
    }
}

/// "You have unsaved changes from before": restore or drop them.
#[component]
fn DraftOffer(offered: RwSignal<Option<FormValues>>, form: FormState) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Show when=move || offered.with(Option::is_some)>
            <div class="banner banner--info" role="status" data-testid="draft-offer">
                <p>{move || i18n.t("profile.draft_found")}</p>
                <button type="button" class="button" data-testid="draft-restore" on:click=move |_| {
                    if let Some(draft) = offered.get_untracked() { form.restore(&draft); }
                    offered.set(None);
                }>{move || i18n.t("profile.draft_restore")}</button>
                <button type="button" class="button" data-testid="draft-drop" on:click=move |_| {
                    offered.set(None);
                    draft::forget(form.dialect, DRAFT_PAGE);
                }>{move || i18n.t("profile.draft_drop")}</button>
            </div>
        </Show>
    }
}

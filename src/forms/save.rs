//! The save cycle every catalogue form shares (the profile page and the
//! account settings): send only what changed, put the server's answer
//! where it belongs, keep a draft meanwhile, and hold the states the save
//! bar, the banner and the sign-in dialog show. What the person hears,
//! where focus goes and what the header shows are the page's business: the
//! cycle hands them to [`SaveNews`].

use leptos::prelude::*;
use profile_model::catalogue::upload_field;
use profile_model::{Date, FormValues, Message};

use crate::api::profile::{AvatarUpload, LoadedProfile};
use crate::api::{ApiClient, ClientError};
use crate::app_state::use_unsaved_guard;
use crate::drafts as draft;
use crate::forms::{today, use_checks, FormState};

/// How long "Saved" stays after a save.
const SAVED_NOTICE_FOR: std::time::Duration = std::time::Duration::from_secs(5);

type SaveAction = Action<(FormValues, AvatarUpload), Result<LoadedProfile, ClientError>>;

/// What the save cycle tells the page, when it happens; the page decides
/// how the person learns it.
#[derive(Clone, Copy)]
pub struct SaveNews {
    /// The save went through.
    pub saved: Callback<()>,
    /// The save failed with these form-level messages (field messages
    /// are already under their fields).
    pub failed: Callback<Vec<Message>>,
    /// The person should see this problem (Save was refused or failed).
    pub show_problem: Callback<Problem>,
    /// The server confirmed these values (at load and after each save).
    pub confirmed: Callback<LoadedProfile>,
}

/// What went wrong, to take the person to.
#[derive(Clone, Debug)]
pub enum Problem {
    /// The first field showing an error, by catalogue path.
    Field(String),
    /// No field: the banner, inside this box.
    Banner(NodeRef<leptos::html::Div>),
}

/// One form's save cycle. `Copy`: signal handles only.
#[derive(Clone, Copy)]
pub struct SaveFlow {
    pub form: FormState,
    /// The profile as the server last confirmed it (the patch's base).
    pub loaded: RwSignal<LoadedProfile>,
    /// A photo change riding along with the next save (profile only).
    pub upload: RwSignal<AvatarUpload, LocalStorage>,
    /// The server's word about the photo (shown under the photo editor).
    pub upload_error: RwSignal<Option<Message>>,
    /// Messages that belong to no field here (shown in the banner).
    pub banner: RwSignal<Vec<Message>>,
    /// The last failure may pass on its own (network, timeout, 502–504).
    pub retryable: RwSignal<bool>,
    /// A 429 said to wait; Save stays off until then.
    pub rate_limited: RwSignal<bool>,
    /// The session ended while saving: the save waits for a sign-in.
    pub needs_sign_in: RwSignal<bool>,
    /// The sign-in dialog over the form is open (Escape closes it; Save
    /// opens it again while the save still waits).
    pub sign_in_open: RwSignal<bool>,
    /// The Save button: focus returns there when the sign-in dialog closes.
    pub save_button: NodeRef<leptos::html::Button>,
    /// Where the banner sits, to scroll a form-level failure into view.
    pub banner_box: NodeRef<leptos::html::Div>,
    /// "Saved", for a few seconds after a save (or until the next edit).
    pub saved_notice: RwSignal<bool>,
    saved_timer: StoredValue<Option<TimeoutHandle>>,
    /// Unsaved edits found from before (a reload or a failed save).
    pub offered_draft: RwSignal<Option<FormValues>>,
    pub dirty: Memo<bool>,
    pub invalid: Memo<bool>,
    pub pending: Memo<bool>,
    draft_page: &'static str,
    /// Whose edits the draft holds (see `draft`).
    draft_owner: StoredValue<String>,
    today: Date,
    action: SaveAction,
    last_sent: StoredValue<FormValues>,
    news: SaveNews,
}

impl SaveFlow {
    /// Starts the cycle for `form` over the `loaded` profile (the page
    /// draws its facts from it too); the fields' rules start showing, the
    /// draft is kept under `draft_page` until a save succeeds, and `news`
    /// hears of each outcome.
    pub fn new(form: FormState, loaded: RwSignal<LoadedProfile>, draft_page: &'static str, news: SaveNews) -> Self {
        let api = expect_context::<ApiClient>();
        let dialect = form.dialect;
        let today = today();
        let draft_owner = loaded.with_untracked(person_key);
        use_checks(form, today);
        let upload = RwSignal::new_local(AvatarUpload::Keep);
        let action: SaveAction = Action::new_local(move |(sent, upload): &(FormValues, AvatarUpload)| {
            let api = api.clone();
            let (sent, upload) = (sent.clone(), upload.clone());
            async move { api.save_profile(&loaded.get_untracked(), &sent, upload).await }
        });
        let flow = SaveFlow {
            form,
            loaded,
            upload,
            upload_error: RwSignal::new(None),
            banner: RwSignal::new(Vec::new()),
            retryable: RwSignal::new(false),
            rate_limited: RwSignal::new(false),
            needs_sign_in: RwSignal::new(false),
            sign_in_open: RwSignal::new(false),
            save_button: NodeRef::new(),
            banner_box: NodeRef::new(),
            saved_notice: RwSignal::new(false),
            saved_timer: StoredValue::new(None),
            offered_draft: RwSignal::new(draft::load(dialect, draft_page, &draft_owner)),
            draft_owner: StoredValue::new(draft_owner),
            dirty: Memo::new(move |_| form.is_dirty() || upload.with(|u| !matches!(u, AvatarUpload::Keep))),
            invalid: Memo::new(move |_| form.has_errors(today)),
            pending: action.pending(),
            draft_page,
            today,
            action,
            last_sent: StoredValue::new(FormValues::new()),
            news,
        };
        flow.on_answer();
        flow.keep_draft();
        use_unsaved_guard(Signal::derive(move || flow.dirty.get()));
        Effect::new(move || flow.loaded.with(|l| news.confirmed.run(l.clone())));
        flow
    }

    pub fn can_save(&self) -> bool {
        self.dirty.get() && !self.invalid.get() && !self.pending.get() && !self.rate_limited.get()
    }

    /// Save: sends the changed fields (and the photo) once; while a save is
    /// pending, or when nothing may be sent, it only points at the problem,
    /// and while the save waits for a sign-in it opens the sign-in dialog.
    pub fn submit(&self) {
        self.form.touch_changed();
        let blocked = self.pending.get_untracked()
            || !self.dirty.get_untracked()
            || self.invalid.get_untracked()
            || self.rate_limited.get_untracked();
        if blocked {
            self.show_problem();
            return;
        }
        // The session is gone: no request, the dialog again.
        if self.needs_sign_in.get_untracked() {
            self.sign_in_open.set(true);
            return;
        }
        let sent = self.form.edited(&self.loaded.get_untracked().values);
        self.last_sent.set_value(sent.clone());
        self.banner.set(Vec::new());
        self.saved_notice.set(false);
        self.action.dispatch((sent, self.upload.get_untracked()));
    }

    /// Signed in again from the dialog: the waiting save goes.
    pub fn signed_in_again(&self) {
        self.needs_sign_in.set(false);
        self.sign_in_open.set(false);
        self.submit();
    }

    /// Back to what the server last confirmed; the draft goes too.
    pub fn discard(&self) {
        self.form.discard();
        self.upload.set(AvatarUpload::Keep);
        self.banner.set(Vec::new());
        draft::forget(self.form.dialect, self.draft_page, &self.draft_owner.read_value());
    }

    /// Drops the offered draft without restoring it.
    pub fn drop_draft(&self) {
        self.offered_draft.set(None);
        draft::forget(self.form.dialect, self.draft_page, &self.draft_owner.read_value());
    }

    /// The size of the photo going up with the pending save, if any.
    pub fn uploading_bytes(&self) -> Option<f64> {
        self.upload.with(|u| match u {
            AvatarUpload::Replace(file) => Some(file.blob.size()),
            _ => None,
        })
    }

    /// The server's answer: adopt it, or put its complaints where they
    /// belong; either way, tell the page.
    fn on_answer(self) {
        let flow = self;
        Effect::new(move || {
            let Some(result) = flow.action.value().get() else {
                return;
            };
            match result {
                Ok(profile) => {
                    flow.form.accept_saved(&flow.last_sent.get_value(), &profile.values);
                    flow.upload.set(AvatarUpload::Keep);
                    flow.upload_error.set(None);
                    flow.loaded.set(profile);
                    draft::forget(flow.form.dialect, flow.draft_page, &flow.draft_owner.read_value());
                    flow.show_saved_notice();
                    flow.news.saved.run(());
                }
                Err(mut error) => {
                    flow.upload_error.set(take_upload_error(flow.form.dialect, &mut error));
                    flow.show_error(error);
                    flow.news.failed.run(flow.banner.get_untracked());
                }
            }
        });
    }

    fn show_saved_notice(&self) {
        self.saved_notice.set(true);
        if let Some(earlier) = self.saved_timer.get_value() {
            earlier.clear();
        }
        let notice = self.saved_notice;
        let timer = set_timeout_with_handle(move || _ = notice.try_set(false), SAVED_NOTICE_FOR);
        self.saved_timer.set_value(timer.ok());
    }

    fn show_error(&self, error: ClientError) {
        if error.is_unauthorized() {
            self.needs_sign_in.set(true);
            self.sign_in_open.set(true);
        }
        if let Some(seconds) = error.retry_after() {
            let rate_limited = self.rate_limited;
            rate_limited.set(true);
            set_timeout(move || rate_limited.set(false), std::time::Duration::from_secs(seconds));
        }
        self.retryable.set(error.is_retryable());
        let mut messages = match &error {
            ClientError::Api(api_error) => self.form.show_server_errors(&api_error.errors),
            _ => Vec::new(),
        };
        if messages.is_empty() {
            messages = error.form_messages();
        }
        self.banner.set(messages);
        self.show_problem();
    }

    /// Points the page at what went wrong: the first field showing an
    /// error, else the banner.
    fn show_problem(&self) {
        // Read, not tracked: this runs inside the answer's effect.
        let problem = match untrack(|| self.form.first_invalid(self.today)) {
            Some(field) => Problem::Field(field.spec.path.clone()),
            None => Problem::Banner(self.banner_box),
        };
        self.news.show_problem.run(problem);
    }

    /// Unsaved edits go to sessionStorage (not files) for reloads and
    /// failures, unless an older draft is still being offered.
    fn keep_draft(self) {
        let flow = self;
        Effect::new(move || {
            let changes = flow.form.changes();
            if flow.offered_draft.with_untracked(Option::is_none) {
                draft::keep(flow.form.dialect, flow.draft_page, &flow.draft_owner.read_value(), &changes);
            }
        });
    }
}

/// Who a draft belongs to: the record's id where the answer has one, else
/// the email or username (fixed at load, so editing them keeps the draft).
fn person_key(loaded: &LoadedProfile) -> String {
    let values = &loaded.values;
    loaded.id.clone().unwrap_or_else(|| {
        [values.text("email"), values.text("username")]
            .into_iter()
            .find(|t| !t.is_empty())
            .unwrap_or_default()
            .to_string()
    })
}

/// Takes the server's message about the photo out of `error`: it goes
/// under the photo editor, not in the banner.
fn take_upload_error(dialect: &'static profile_model::Dialect, error: &mut ClientError) -> Option<Message> {
    let ClientError::Api(api_error) = error else {
        return None;
    };
    let path = upload_field(dialect)?.path.as_str();
    let message = api_error.errors.first(path).cloned();
    api_error.errors.clear_field(path);
    message
}

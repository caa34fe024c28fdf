//! Form state for a catalogue-driven page: per field, the value being
//! edited, the value the server last confirmed, whether the person has
//! left the field (touched), and the server's messages. Everything else
//! (dirty, client errors, can-save) is derived, so it cannot go stale.

pub mod delete_account;
pub mod password_change;
pub mod save;

pub use save::SaveFlow;

use leptos::prelude::*;
use profile_model::catalogue::{catalogue, place_errors, FieldKind, FieldSpec, Page, Section};
use profile_model::{validate_field, Date, Dialect, FieldErrors, FieldValue, FormValues, Message};

/// One editable field. `Copy`: it is a bundle of signal handles.
#[derive(Clone, Copy)]
pub struct FieldState {
    pub spec: &'static FieldSpec,
    pub value: RwSignal<FieldValue>,
    pub saved: RwSignal<FieldValue>,
    pub touched: RwSignal<bool>,
    pub server_errors: RwSignal<Vec<Message>>,
    /// The message the input shows: [`FieldState::shown_error`], kept here
    /// by [`use_checks`], so drawing a field needs none of the rules (they
    /// arrive after the form is shown, see `pages/profile.rs`).
    pub error: RwSignal<Option<Message>>,
}

impl FieldState {
    fn new(spec: &'static FieldSpec, loaded: &FormValues) -> Self {
        let value = loaded.get(&spec.path).cloned().unwrap_or(FieldValue::Null);
        FieldState {
            spec,
            value: RwSignal::new(value.clone()),
            saved: RwSignal::new(value),
            touched: RwSignal::new(false),
            server_errors: RwSignal::new(Vec::new()),
            error: RwSignal::new(None),
        }
    }

    pub fn is_dirty(&self) -> bool {
        let spec = self.spec;
        self.value.with(|v| {
            self.saved.with(|s| profile_model::values::normalize(spec, v) != profile_model::values::normalize(spec, s))
        })
    }

    /// The model crate's rules for the current value. Only a value the
    /// person changed is judged: what the server sent is the server's.
    pub fn client_errors(&self, today: Date) -> Vec<Message> {
        if !self.is_dirty() {
            return Vec::new();
        }
        self.value.with(|v| validate_field(self.spec, v, today).into_iter().map(|(_, m)| m).collect())
    }

    /// What to show under the input: the server's word first; our rules
    /// once the person has left the field (then live as they type).
    pub fn shown_error(&self, today: Date) -> Option<Message> {
        if let Some(m) = self.server_errors.with(|e| e.first().cloned()) {
            return Some(m);
        }
        if self.touched.get() {
            return self.client_errors(today).into_iter().next();
        }
        None
    }

    /// The person typed: their edit replaces any server complaint about it.
    pub fn edit(&self, value: FieldValue) {
        self.value.set(value);
        if self.server_errors.with_untracked(|e| !e.is_empty()) {
            self.server_errors.set(Vec::new());
        }
    }
}

/// All editable fields of one page for one dialect.
#[derive(Clone, Copy)]
pub struct FormState {
    pub dialect: &'static Dialect,
    fields: StoredValue<Vec<FieldState>>,
}

impl FormState {
    /// Fields of `page` that a person can type into (files have their own
    /// editor), filled from the loaded values.
    pub fn new(dialect: &'static Dialect, page: Page, loaded: &FormValues) -> Self {
        Self::with_fields(dialect, loaded, |spec| spec.page() == page)
    }

    /// The typeable fields of one section (Settings > Account).
    pub fn for_section(dialect: &'static Dialect, section: Section, loaded: &FormValues) -> Self {
        Self::with_fields(dialect, loaded, |spec| spec.section == section)
    }

    fn with_fields(dialect: &'static Dialect, loaded: &FormValues, wanted: impl Fn(&FieldSpec) -> bool) -> Self {
        let fields = catalogue(dialect)
            .iter()
            .filter(|spec| wanted(spec) && spec.editable() && spec.kind != FieldKind::File)
            .map(|spec| FieldState::new(spec, loaded))
            .collect();
        FormState { dialect, fields: StoredValue::new(fields) }
    }

    /// Whether the form has anything a person can type into.
    pub fn is_empty(&self) -> bool {
        self.fields.with_value(Vec::is_empty)
    }

    pub fn fields(&self) -> Vec<FieldState> {
        self.fields.get_value()
    }

    pub fn field(&self, path: &str) -> Option<FieldState> {
        self.fields.with_value(|fs| fs.iter().find(|f| f.spec.path == path).copied())
    }

    pub fn is_dirty(&self) -> bool {
        self.fields.with_value(|fs| fs.iter().any(FieldState::is_dirty))
    }

    pub fn has_errors(&self, today: Date) -> bool {
        self.fields.with_value(|fs| {
            fs.iter().any(|f| !f.client_errors(today).is_empty() || f.server_errors.with(|e| !e.is_empty()))
        })
    }

    /// The edited values on top of everything loaded (read-only facts and
    /// other pages' fields included), as the model's patch wants them.
    pub fn edited(&self, loaded: &FormValues) -> FormValues {
        let mut values = loaded.clone();
        self.fields.with_value(|fs| {
            for f in fs {
                values.set(&f.spec.path, f.value.get_untracked());
            }
        });
        values
    }

    /// Only the fields the person changed, for the draft.
    pub fn changes(&self) -> FormValues {
        let mut values = FormValues::new();
        self.fields.with_value(|fs| {
            for f in fs.iter().filter(|f| f.is_dirty()) {
                values.set(&f.spec.path, f.value.get());
            }
        });
        values
    }

    /// Puts a draft's values back into the inputs.
    pub fn restore(&self, draft: &FormValues) {
        for (path, value) in draft.iter() {
            if let Some(f) = self.field(path) {
                f.value.set(value.clone());
                f.touched.set(true);
            }
        }
    }

    /// Back to what the server last confirmed.
    pub fn discard(&self) {
        self.fields.with_value(|fs| {
            for f in fs {
                f.value.set(f.saved.get_untracked());
                f.touched.set(false);
                f.server_errors.set(Vec::new());
            }
        });
    }

    /// Marks every changed field touched so its errors show (on Save).
    pub fn touch_changed(&self) {
        self.fields.with_value(|fs| fs.iter().filter(|f| f.is_dirty()).for_each(|f| f.touched.set(true)));
    }

    /// The server confirmed a save of `sent`: its answer becomes the saved
    /// state; a field still showing what was sent takes the server's
    /// version, a field the person changed meanwhile keeps the new typing.
    pub fn accept_saved(&self, sent: &FormValues, answer: &FormValues) {
        self.fields.with_value(|fs| {
            for f in fs {
                let confirmed = answer.get(&f.spec.path).cloned().unwrap_or(FieldValue::Null);
                let unchanged_since_send = sent.get(&f.spec.path).is_some_and(|s| f.value.with_untracked(|v| v == s));
                f.saved.set(confirmed.clone());
                if unchanged_since_send {
                    f.value.set(confirmed);
                }
                f.server_errors.set(Vec::new());
            }
        });
    }

    /// Puts the server's field messages under their inputs; answers the
    /// messages that belong to no field here (shown in the banner).
    pub fn show_server_errors(&self, errors: &FieldErrors) -> Vec<Message> {
        let mut errors = errors.clone();
        place_errors(self.dialect, &mut errors);
        let mut unplaced: Vec<Message> = errors.form().to_vec();
        for (path, messages) in errors.iter() {
            match self.field(path).or_else(|| self.field(path.split('.').next().unwrap_or(path))) {
                Some(f) => {
                    f.server_errors.set(messages.to_vec());
                    f.touched.set(true);
                }
                None => unplaced.extend(messages.iter().cloned()),
            }
        }
        unplaced
    }

    /// The first field showing an error, in page order (for focus).
    pub fn first_invalid(&self, today: Date) -> Option<FieldState> {
        self.fields.with_value(|fs| fs.iter().find(|f| f.shown_error(today).is_some()).copied())
    }
}

/// Keeps each field's shown message ([`FieldState::error`]) up to date
/// with its rules, from now on: a value typed before this ran is judged
/// at once.
pub fn use_checks(form: FormState, today: Date) {
    for field in form.fields() {
        Effect::new(move || {
            let shown = field.shown_error(today);
            if field.error.with_untracked(|e| *e != shown) {
                field.error.set(shown);
            }
        });
    }
}

/// Today in the person's time zone, for date-of-birth rules.
pub fn today() -> Date {
    let now = js_sys::Date::new_0();
    Date::new(now.get_full_year() as u16, now.get_month() as u8 + 1, now.get_date() as u8)
        .unwrap_or_else(|| Date::from_unix_seconds((js_sys::Date::now() / 1000.0) as i64).expect("now is a date"))
}

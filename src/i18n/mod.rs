//! Every UI string and every validation message comes from the translation
//! files next to this module (`en.json`, `fa.json`): flat `key → text` maps
//! whose `{name}` placeholders are filled from a message's parameters.
//! Server text is never translated: it is shown as the server wrote it.
//!
//! `tests/settings_translations.rs` fails when the files disagree on keys
//! or placeholders, or miss a model message or catalogue label key.

use std::cell::OnceCell;

use leptos::prelude::*;
use profile_model::{FieldSpec, Message};
use wasm_bindgen::{JsCast, JsValue};

use crate::context::use_or_provide;
use crate::prefs;

/// A language the app speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Locale {
    #[default]
    En,
    Fa,
    Es,
}

impl Locale {
    pub const ALL: [Locale; 3] = [Locale::En, Locale::Fa, Locale::Es];

    /// CLDR's "one" category for whole numbers: English and Spanish say
    /// "1 second"; Persian keeps the noun singular after every number.
    pub fn singular(self, n: u64) -> bool {
        match self {
            Locale::En | Locale::Es => n == 1,
            Locale::Fa => false,
        }
    }

    /// BCP 47 code: `<html lang>`, `Intl` and the stored preference.
    pub fn code(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Fa => "fa",
            Locale::Es => "es",
        }
    }

    /// Exact code, or a regional variant of it (`fa-IR`).
    pub fn from_code(code: &str) -> Option<Locale> {
        let primary = code.split(['-', '_']).next().unwrap_or(code).to_ascii_lowercase();
        Locale::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// Writing direction for `<html dir>`.
    pub fn dir(self) -> &'static str {
        match self {
            Locale::En | Locale::Es => "ltr",
            Locale::Fa => "rtl",
        }
    }

    /// The language's own name ("فارسی"), the same in every file.
    pub fn name_key(self) -> &'static str {
        match self {
            Locale::En => "language.en",
            Locale::Fa => "language.fa",
            Locale::Es => "language.es",
        }
    }

    /// The whole translation table of this language, once it is here.
    pub fn texts(self) -> Option<Table> {
        self.with_table(Table::clone)
    }

    /// The text of `key` in this language, once its table is here. Reads
    /// the table where it is kept: no handle is cloned per lookup.
    pub fn text(self, key: &str) -> Option<String> {
        self.with_table(|table| table.get(key)).flatten()
    }

    /// `read` of this language's table, once it is here; a bundled table
    /// is read from its file on first use.
    fn with_table<R>(self, read: impl FnOnce(&Table) -> R) -> Option<R> {
        TABLES.with(|tables| {
            let table = &tables[self as usize];
            if table.get().is_none() {
                let bundled = self.bundled()?;
                _ = table.set(Table::from_json(bundled).expect("translation files are JSON objects"));
            }
            table.get().map(read)
        })
    }

    /// The file inside the wasm. The split build (`.ci/build`) bundles
    /// English only: every other language is a file of its own
    /// (`/i18n/<code>.json`), fetched when someone speaks it.
    fn bundled(self) -> Option<&'static str> {
        match self {
            Locale::En => Some(include_str!("en.json")),
            #[cfg(not(feature = "split"))]
            Locale::Fa => Some(include_str!("fa.json")),
            #[cfg(not(feature = "split"))]
            Locale::Es => Some(include_str!("es.json")),
            #[cfg(feature = "split")]
            _ => None,
        }
    }

    /// Makes `texts()` answer: at once for a bundled language, else after
    /// fetching its file. Loads at most once per page.
    pub async fn load(self) -> Result<(), LanguageUnavailable> {
        if self.texts().is_some() {
            return Ok(());
        }
        let url = format!("/i18n/{}.json", self.code());
        let response = gloo_net::http::Request::get(&url).send().await.map_err(|_| LanguageUnavailable)?;
        if !response.ok() {
            return Err(LanguageUnavailable);
        }
        let json = response.text().await.map_err(|_| LanguageUnavailable)?;
        let table = Table::from_json(&json).ok_or(LanguageUnavailable)?;
        TABLES.with(|t| _ = t[self as usize].set(table));
        Ok(())
    }
}

thread_local! {
    /// One table per `Locale`, in `Locale::ALL` order.
    static TABLES: [OnceCell<Table>; Locale::ALL.len()] = const { [const { OnceCell::new() }; Locale::ALL.len()] };
}

/// A language's file could not be fetched or read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LanguageUnavailable;

/// A translation file as the browser's `JSON.parse` made it: a plain
/// object of `key → text`, looked up a key at a time. Copying every text
/// into a Rust map first cost ~16 ms at 4x CPU on each start-up for the
/// English table alone (hundreds of texts crossing into the wasm), where
/// a first screen asks for a few dozen.
#[derive(Clone)]
pub struct Table(js_sys::Object);

impl Table {
    /// A JSON object, else `None` (not JSON, or an array, text, number…).
    pub fn from_json(json: &str) -> Option<Table> {
        let value = js_sys::JSON::parse(json).ok()?;
        let is_object = value.is_object() && !js_sys::Array::is_array(&value);
        is_object.then(|| Table(value.unchecked_into()))
    }

    /// The text of `key`. A value that is not text counts as missing, so
    /// it falls back like a gap does; so do the names every object
    /// inherits (`constructor`), none of which is text.
    pub fn get(&self, key: &str) -> Option<String> {
        js_sys::Reflect::get(&self.0, &JsValue::from_str(key)).ok()?.as_string()
    }

    /// Every `key → text` pair, in the file's order (the translation tests).
    pub fn entries(&self) -> Vec<(String, String)> {
        js_sys::Object::entries(&self.0)
            .iter()
            .filter_map(|entry| {
                let pair: js_sys::Array = entry.unchecked_into();
                Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
            })
            .collect()
    }
}

/// A message in English, from the English file (outside any view: the
/// config page's network problem, a client error's `Display`).
pub fn english(message: &Message) -> String {
    let locale = Locale::En;
    message.render_from(|key| locale.text(key), |n| locale.singular(n))
}

/// Translation key of a choice option's label: `choice.<field>.<option>`
/// (`choice.gender.female`).
pub fn choice_key(field_name: &str, option: &str) -> String {
    format!("choice.{field_name}.{option}")
}

/// The person's language, in context; reading it makes a view re-render
/// when the language changes.
#[derive(Clone, Copy)]
pub struct I18n {
    locale: RwSignal<Locale>,
    /// A language that was chosen but whose file did not arrive.
    unavailable: RwSignal<Option<Locale>>,
}

impl I18n {
    /// A translator that touches neither storage nor the document until
    /// `set_locale`.
    pub fn new(locale: Locale) -> Self {
        I18n { locale: RwSignal::new(locale), unavailable: RwSignal::new(None) }
    }

    /// The remembered language, else the browser's if we speak it, else
    /// English; applied to `<html lang dir>`.
    pub fn restore() -> Self {
        let locale = prefs::load(prefs::LOCALE_KEY)
            .and_then(|c| Locale::from_code(&c))
            .or_else(browser_locale)
            .unwrap_or_default();
        apply_to_document(locale);
        I18n::new(locale)
    }

    pub fn locale(&self) -> Locale {
        self.locale.get()
    }

    /// Switches (`<html lang dir>` included) once the language's texts are
    /// here, at once when they already are, and remembers the choice in
    /// this browser. A file that cannot be fetched leaves the language as
    /// it was and sets `unavailable`.
    pub fn set_locale(&self, locale: Locale) {
        let this = *self;
        this.unavailable.set(None);
        if locale.texts().is_some() {
            this.switch_to(locale);
            return;
        }
        leptos::task::spawn_local(async move {
            match locale.load().await {
                Ok(()) => this.switch_to(locale),
                Err(LanguageUnavailable) => this.unavailable.set(Some(locale)),
            }
        });
    }

    fn switch_to(&self, locale: Locale) {
        apply_to_document(locale);
        prefs::store(prefs::LOCALE_KEY, locale.code());
        self.locale.set(locale);
    }

    /// Waits for the current language's texts (start-up: the remembered
    /// language may be a file to fetch). When it cannot be had, falls
    /// back to English for this page without forgetting the choice.
    pub async fn ready(self) {
        let locale = self.locale.get_untracked();
        if locale.load().await.is_err() {
            apply_to_document(Locale::En);
            self.unavailable.set(Some(locale));
            self.locale.set(Locale::En);
        }
    }

    /// The language whose file did not arrive, if the last choice failed.
    pub fn unavailable(&self) -> Option<Locale> {
        self.unavailable.get()
    }

    /// The text for `key` in the current language; English, then the key
    /// itself, when a translation is missing (so a gap is visible, not blank).
    pub fn t(&self, key: &str) -> String {
        self.lookup(key).unwrap_or_else(|| key.to_string())
    }

    /// `t` as a reactive closure for `view!` text and attributes:
    /// `<h1>{i18n.tr("settings.title")}</h1>`.
    pub fn tr(self, key: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
        move || self.t(key)
    }

    /// A field's label: the dialect file's own text in this language, else
    /// the translation of its key, else its name made readable
    /// (`date_of_birth` → "Date of birth") for a field no file names.
    pub fn field_label(&self, spec: &FieldSpec) -> String {
        if let Some(text) = spec.label_text(self.locale.get().code()) {
            return text.to_string();
        }
        self.lookup(&spec.label_key()).unwrap_or_else(|| readable(spec.name()))
    }

    /// A choice's label: its translation, else the server's value itself.
    pub fn choice_label(&self, spec: &FieldSpec, option: &str) -> String {
        self.lookup(&choice_key(spec.name(), option)).unwrap_or_else(|| option.to_string())
    }

    /// A rule message translated and filled in; server text verbatim.
    pub fn message(&self, message: &Message) -> String {
        let locale = self.locale.get();
        message.render_from(|key| self.lookup(key), |n| locale.singular(n))
    }

    /// A calendar date (`YYYY-MM-DD`) in the current language, e.g.
    /// "May 1, 1990" or "۱۱ اردیبهشت ۱۳۶۹"; formatted in UTC so the day
    /// never shifts with the time zone. Unparseable input is returned as is.
    pub fn format_date(&self, iso: &str) -> String {
        self.format(iso, &[("dateStyle", "long"), ("timeZone", "UTC")])
    }

    /// A server timestamp (ISO 8601) in the current language and the
    /// browser's time zone. Unparseable input is returned as is.
    pub fn format_date_time(&self, iso: &str) -> String {
        self.format(iso, &[("dateStyle", "medium"), ("timeStyle", "short")])
    }

    fn format(&self, iso: &str, options: &[(&str, &str)]) -> String {
        let date = js_sys::Date::new(&JsValue::from_str(iso));
        if iso.trim().is_empty() || date.get_time().is_nan() {
            return iso.to_string();
        }
        let opts = js_sys::Object::new();
        for (name, value) in options {
            let _ = js_sys::Reflect::set(&opts, &JsValue::from_str(name), &JsValue::from_str(value));
        }
        let locales = js_sys::Array::of1(&JsValue::from_str(self.locale().code()));
        let format = js_sys::Intl::DateTimeFormat::new(&locales, &opts).format();
        format.call1(&JsValue::UNDEFINED, &date).ok().and_then(|s| s.as_string()).unwrap_or_else(|| iso.to_string())
    }

    fn lookup(&self, key: &str) -> Option<String> {
        let locale = self.locale.get();
        locale.text(key).or_else(|| Locale::En.text(key))
    }
}

/// `date_of_birth` → "Date of birth".
fn readable(name: &str) -> String {
    let words = name.replace('_', " ");
    let mut chars = words.trim().chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The first of the browser's preferred languages that we speak.
fn browser_locale() -> Option<Locale> {
    let languages = web_sys::window()?.navigator().languages();
    languages.iter().filter_map(|l| l.as_string()).find_map(|l| Locale::from_code(&l))
}

fn apply_to_document(locale: Locale) {
    prefs::set_root_attribute("lang", locale.code());
    prefs::set_root_attribute("dir", locale.dir());
}

/// The app's translator, provided by `App` (or a test) as context.
pub fn use_i18n() -> I18n {
    use_or_provide(|| I18n::new(Locale::En))
}

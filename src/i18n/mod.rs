//! Every UI string and every validation message comes from the translation
//! files next to this module (`en.json`, …): flat `key → text` maps whose
//! `{name}` placeholders are filled from a message's parameters. Server
//! text is never translated: it is shown as the server wrote it.

use std::collections::HashMap;
use std::sync::OnceLock;

use leptos::prelude::*;
use profile_model::Message;

/// A language the app speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Locale {
    En,
}

impl Locale {
    fn table(self) -> &'static HashMap<String, String> {
        static EN: OnceLock<HashMap<String, String>> = OnceLock::new();
        match self {
            Locale::En => EN.get_or_init(|| parse_table(include_str!("en.json"))),
        }
    }
}

fn parse_table(json: &str) -> HashMap<String, String> {
    serde_json::from_str(json).expect("translation files are valid JSON maps of strings")
}

/// The person's language, in context; reading it makes a view re-render
/// when the language changes.
#[derive(Clone, Copy)]
pub struct I18n {
    locale: RwSignal<Locale>,
}

impl I18n {
    pub fn new(locale: Locale) -> Self {
        I18n { locale: RwSignal::new(locale) }
    }

    pub fn locale(&self) -> Locale {
        self.locale.get()
    }

    pub fn set_locale(&self, locale: Locale) {
        self.locale.set(locale);
    }

    /// The text for `key` in the current language; English, then the key
    /// itself, when a translation is missing (so a gap is visible, not blank).
    pub fn t(&self, key: &str) -> String {
        self.lookup(key).unwrap_or_else(|| key.to_string())
    }

    /// A rule message translated and filled in; server text verbatim.
    pub fn message(&self, message: &Message) -> String {
        message.render(|key| self.lookup(key))
    }

    fn lookup(&self, key: &str) -> Option<String> {
        let locale = self.locale.get();
        locale.table().get(key).or_else(|| Locale::En.table().get(key)).cloned()
    }
}

/// The app's translator, provided by `App` (or a test) as context.
pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(|| {
        let i18n = I18n::new(Locale::En);
        provide_context(i18n);
        i18n
    })
}

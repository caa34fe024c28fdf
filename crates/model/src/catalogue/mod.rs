//! What a dialect lets a person see and edit, one [`FieldSpec`] per field,
//! read from the dialect file ([`crate::dialect`]). The UI renders pages and
//! sections from it; validation, answer reading and patches are all driven
//! by it, so adding a field is one line in a dialect file.

use crate::Dialect;
use serde::Serialize;
use std::collections::BTreeMap;

/// Top-level page of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Page {
    Profile,
    Settings,
}

impl Page {
    pub const ALL: [Page; 2] = [Page::Profile, Page::Settings];

    pub fn label_key(self) -> &'static str {
        match self {
            Page::Profile => "page.profile",
            Page::Settings => "page.settings",
        }
    }
}

/// A group of fields on a page, in display order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Photo,
    Name,
    Contact,
    About,
    Links,
    Address,
    Interests,
    Activity,
    Account,
    Notifications,
}

impl Section {
    pub const ALL: [Section; 10] = [
        Section::Photo,
        Section::Name,
        Section::Contact,
        Section::About,
        Section::Links,
        Section::Address,
        Section::Interests,
        Section::Activity,
        Section::Account,
        Section::Notifications,
    ];

    /// Account and notification settings live on the settings page.
    pub fn page(self) -> Page {
        match self {
            Section::Account | Section::Notifications => Page::Settings,
            _ => Page::Profile,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Section::Photo => "photo",
            Section::Name => "name",
            Section::Contact => "contact",
            Section::About => "about",
            Section::Links => "links",
            Section::Address => "address",
            Section::Interests => "interests",
            Section::Activity => "activity",
            Section::Account => "account",
            Section::Notifications => "notifications",
        }
    }

    pub fn from_name(name: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.name() == name)
    }

    /// `"section.<name>"`.
    pub fn label_key(self) -> String {
        format!("section.{}", self.name())
    }
}

/// What widget a field needs and which format rule applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    Text,
    /// Text over several lines (bio, address).
    Multiline,
    /// Django `EmailValidator`.
    Email,
    /// Django `URLValidator`, `http`/`https` only.
    Url,
    /// `YYYY-MM-DD`.
    Date,
    /// Timestamps the server sets (read-only).
    DateTime,
    Phone,
    /// Django's `UnicodeUsernameValidator`: letters, digits and `@.+-_`.
    Username,
    /// One of [`FieldSpec::choices`].
    Choice,
    Bool,
    /// A list of strings (tags).
    List,
    /// An uploaded file; its value is the current URL (or null).
    File,
    /// Counters and scores (read-only).
    Number,
}

impl FieldKind {
    pub const ALL: [FieldKind; 13] = [
        FieldKind::Text,
        FieldKind::Multiline,
        FieldKind::Email,
        FieldKind::Url,
        FieldKind::Date,
        FieldKind::DateTime,
        FieldKind::Phone,
        FieldKind::Username,
        FieldKind::Choice,
        FieldKind::Bool,
        FieldKind::List,
        FieldKind::File,
        FieldKind::Number,
    ];

    /// The dialect file's spelling (`date_time`).
    pub fn name(self) -> &'static str {
        match self {
            FieldKind::Text => "text",
            FieldKind::Multiline => "multiline",
            FieldKind::Email => "email",
            FieldKind::Url => "url",
            FieldKind::Date => "date",
            FieldKind::DateTime => "date_time",
            FieldKind::Phone => "phone",
            FieldKind::Username => "username",
            FieldKind::Choice => "choice",
            FieldKind::Bool => "bool",
            FieldKind::List => "list",
            FieldKind::File => "file",
            FieldKind::Number => "number",
        }
    }

    pub fn from_name(name: &str) -> Option<FieldKind> {
        FieldKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Kinds whose value is `FieldValue::Text`.
    pub fn is_text(self) -> bool {
        !matches!(self, FieldKind::Bool | FieldKind::List)
    }
}

/// A field's label: a translation key, or the text per language code
/// (`{"en": "Pronouns", "es": "Pronombres"}`) for a field the app's
/// translations do not know.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Label {
    Key(String),
    Text(BTreeMap<String, String>),
}

/// One field of one dialect.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldSpec {
    /// Path in the update body and in error answers (`details.bio`).
    pub path: String,
    pub kind: FieldKind,
    /// The allowed values of a choice field, as the server spells them.
    pub choices: Vec<String>,
    pub section: Section,
    /// Most characters (code points, as Python's `len`).
    pub max_length: Option<usize>,
    /// The server accepts `null`; clearing the field sends `null`.
    pub nullable: bool,
    /// Must not be blank.
    pub required: bool,
    /// Shown, never sent.
    pub read_only: bool,
    /// Dates that cannot be later than today (date of birth).
    pub not_future: bool,
    /// `field.<last path segment>` when absent.
    pub label: Option<Label>,
    /// Where the read answer holds the value when not at `path` (aisquare's
    /// profile answers `bio` flat and takes `details.bio`; its skills'
    /// names are in `skills_data`). `path`, then its last segment, are
    /// tried when this is absent or empty.
    pub read_from: Option<String>,
    /// For an answer that is an object (letraz's `country` is `{code,
    /// name}`, written as the code) or a list of objects (`[{id, name}]`):
    /// the key whose value the form holds.
    pub read_key: Option<String>,
}

impl FieldSpec {
    pub fn new(path: &str, kind: FieldKind, section: Section) -> Self {
        FieldSpec {
            path: path.to_string(),
            kind,
            choices: Vec::new(),
            section,
            max_length: None,
            nullable: false,
            required: false,
            read_only: false,
            not_future: false,
            label: None,
            read_from: None,
            read_key: None,
        }
    }

    /// Last path segment (`linkedin_url` for `details.linkedin_url`).
    pub fn name(&self) -> &str {
        self.path.rsplit('.').next().unwrap_or(&self.path)
    }

    /// Translation key of the label, `field.<name>` unless the dialect file
    /// names another key.
    pub fn label_key(&self) -> String {
        match &self.label {
            Some(Label::Key(key)) => key.clone(),
            _ => format!("field.{}", self.name()),
        }
    }

    /// The dialect file's own label text in `language`, or else in English,
    /// or else its first; `None` when the label is a translation key.
    pub fn label_text(&self, language: &str) -> Option<&str> {
        let Some(Label::Text(texts)) = &self.label else { return None };
        texts.get(language).or_else(|| texts.get("en")).or_else(|| texts.values().next()).map(String::as_str)
    }

    pub fn page(&self) -> Page {
        self.section.page()
    }

    pub fn editable(&self) -> bool {
        !self.read_only
    }

    /// Goes into JSON patches (files are uploaded with multipart instead;
    /// a nullable file is still cleared with `null`).
    pub fn in_json_patch(&self) -> bool {
        !self.read_only && (self.kind != FieldKind::File || self.nullable)
    }
}

/// Every field of a dialect, editable and read-only, in display order.
pub fn catalogue(dialect: &Dialect) -> &[FieldSpec] {
    &dialect.fields
}

/// The field at this path, if the dialect has it.
pub fn field<'a>(dialect: &'a Dialect, path: &str) -> Option<&'a FieldSpec> {
    catalogue(dialect).iter().find(|f| f.path == path)
}

/// Fields of one section, in display order.
pub fn fields_in(dialect: &Dialect, section: Section) -> impl Iterator<Item = &FieldSpec> {
    catalogue(dialect).iter().filter(move |f| f.section == section)
}

/// The sections of a page that have at least one field, in display order.
pub fn sections(dialect: &Dialect, page: Page) -> Vec<Section> {
    Section::ALL.into_iter().filter(|s| s.page() == page && fields_in(dialect, *s).next().is_some()).collect()
}

/// The avatar-like upload field, if the dialect takes one by multipart.
pub fn upload_field(dialect: &Dialect) -> Option<&FieldSpec> {
    catalogue(dialect).iter().find(|f| f.kind == FieldKind::File && !f.read_only)
}

/// Puts server errors where the UI shows them: a path the dialect does not
/// edit moves to the field with the same name (a flat `bio` error for
/// aisquare-profile goes to `details.bio`), or else to the form level, so
/// no message is lost.
pub fn place_errors(dialect: &Dialect, errors: &mut crate::FieldErrors) {
    let editable = |p: &str| field(dialect, p).is_some_and(|f| f.editable());
    let moved: Vec<(String, String)> = errors
        .paths()
        .filter(|p| !editable(p) && !p.split('.').next().is_some_and(editable))
        .filter_map(|p| {
            let (head, rest) = p.split_once('.').map_or((p, ""), |(h, r)| (h, r));
            let target = catalogue(dialect).iter().find(|f| f.editable() && f.name() == head)?;
            let new = if rest.is_empty() { target.path.to_string() } else { format!("{}.{rest}", target.path) };
            Some((p.to_string(), new))
        })
        .collect();
    errors.rename(&moved);
    errors.lift_unknown(|p| editable(p));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shipped;

    #[test]
    fn place_errors_moves_flat_names_and_lifts_unknown_paths() {
        let mut e = crate::FieldErrors::new();
        e.add("bio", crate::Message::server("Too long."));
        e.add("skills.0", crate::Message::server("Bad."));
        e.add("password", crate::Message::server("No."));
        e.add("username", crate::Message::server("Taken."));
        place_errors(shipped::aisquare_profile(), &mut e);
        assert_eq!(e.get("details.bio").len(), 1);
        assert_eq!(e.get("details.skills.0").len(), 1);
        assert_eq!(e.get("username").len(), 1);
        assert_eq!(e.form().len(), 1);
        assert_eq!(e.form()[0].param("field"), Some("password"));
    }

    #[test]
    fn field_kind_serializes_plainly() {
        assert_eq!(serde_json::to_string(&FieldKind::Url).unwrap(), "\"url\"");
        assert_eq!(serde_json::to_string(&FieldKind::Choice).unwrap(), "\"choice\"");
        assert_eq!(serde_json::to_string(&FieldKind::DateTime).unwrap(), "\"date_time\"");
        for k in FieldKind::ALL {
            assert_eq!(FieldKind::from_name(k.name()), Some(k));
        }
    }

    #[test]
    fn paths_are_unique_per_dialect() {
        for d in shipped::all() {
            let mut paths: Vec<_> = catalogue(d).iter().map(|f| f.path.as_str()).collect();
            paths.sort();
            let n = paths.len();
            paths.dedup();
            assert_eq!(n, paths.len(), "{}", d.name);
        }
    }

    #[test]
    fn aisquare_profile_nests_detail_fields_and_details_is_flat() {
        assert!(field(shipped::aisquare_profile(), "details.linkedin_url").is_some());
        assert!(field(shipped::aisquare_profile(), "username").is_some());
        assert!(field(shipped::aisquare_details(), "linkedin_url").is_some());
        assert!(field(shipped::aisquare_details(), "username").is_none());
    }

    #[test]
    fn aisquare_notification_booleans_are_on_settings() {
        for d in [shipped::aisquare_profile(), shipped::aisquare_details()] {
            let n: Vec<_> = fields_in(d, Section::Notifications).map(|f| f.name()).collect();
            assert_eq!(
                n,
                [
                    "communication_preferences_phone",
                    "communication_preferences_email",
                    "platform_features_emails",
                    "activity_based_emails"
                ]
            );
            assert!(
                fields_in(d, Section::Notifications).all(|f| f.page() == Page::Settings && f.kind == FieldKind::Bool)
            );
        }
    }

    #[test]
    fn username_and_email_are_account_settings() {
        for (d, p) in [
            (shipped::letraz(), "email"),
            (shipped::aisquare_profile(), "username"),
            (shipped::pwgen(), "username"),
            (shipped::pwgen(), "email"),
            (shipped::users_me(), "username"),
            (shipped::users_me(), "email"),
        ] {
            let f = field(d, p).unwrap();
            assert_eq!((f.section, f.page()), (Section::Account, Page::Settings), "{} {p}", d.name);
        }
    }

    #[test]
    fn label_key_defaults_to_field_name() {
        let f = field(shipped::aisquare_profile(), "details.linkedin_url").unwrap();
        assert_eq!(f.label_key(), "field.linkedin_url");
    }

    #[test]
    fn every_dialect_has_both_pages() {
        for d in shipped::all() {
            for p in Page::ALL {
                assert!(!sections(d, p).is_empty(), "{} {:?}", d.name, p);
            }
        }
    }

    #[test]
    fn upload_fields() {
        assert_eq!(upload_field(shipped::pwgen()).map(|f| f.path.as_str()), Some("avatar"));
        assert_eq!(upload_field(shipped::users_me()).map(|f| f.path.as_str()), Some("avatar"));
        assert_eq!(upload_field(shipped::letraz()), None);
    }
}

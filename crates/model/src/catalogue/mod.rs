//! What each dialect lets a person see and edit, one line per field. The UI
//! renders pages and sections from this; validation, answer reading and
//! patches are all driven by it, so adding a field is one line here.

mod aisquare;
mod letraz;
mod pwgen;
mod users_me;

use crate::Dialect;
use serde::Serialize;

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
    /// One of the listed values.
    Choice(&'static [&'static str]),
    Bool,
    /// A list of strings (tags).
    List,
    /// An uploaded file; its value is the current URL (or null).
    File,
    /// Counters and scores (read-only).
    Number,
}

impl FieldKind {
    /// Kinds whose value is `FieldValue::Text`.
    pub fn is_text(self) -> bool {
        !matches!(self, FieldKind::Bool | FieldKind::List)
    }
}

/// One field of one dialect.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct FieldSpec {
    /// Path in the update body and in error answers (`details.bio`).
    pub path: &'static str,
    pub kind: FieldKind,
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
    /// Label key when it is not `field.<last path segment>`.
    pub label: Option<&'static str>,
}

impl FieldSpec {
    pub const fn new(path: &'static str, kind: FieldKind, section: Section) -> Self {
        FieldSpec {
            path,
            kind,
            section,
            max_length: None,
            nullable: false,
            required: false,
            read_only: false,
            not_future: false,
            label: None,
        }
    }
    pub const fn max(mut self, n: usize) -> Self {
        self.max_length = Some(n);
        self
    }
    pub const fn nullable(mut self) -> Self {
        self.nullable = true;
        self
    }
    pub const fn required(mut self) -> Self {
        self.required = true;
        self
    }
    pub const fn read_only(mut self) -> Self {
        self.read_only = true;
        self
    }
    pub const fn not_future(mut self) -> Self {
        self.not_future = true;
        self
    }
    pub const fn label(mut self, key: &'static str) -> Self {
        self.label = Some(key);
        self
    }

    /// Last path segment (`linkedin_url` for `details.linkedin_url`).
    pub fn name(&self) -> &'static str {
        self.path.rsplit('.').next().unwrap_or(self.path)
    }

    /// Translation key of the label, `field.<name>` unless overridden.
    pub fn label_key(&self) -> String {
        self.label.map(str::to_string).unwrap_or_else(|| format!("field.{}", self.name()))
    }

    pub fn page(&self) -> Page {
        self.section.page()
    }

    pub fn editable(&self) -> bool {
        !self.read_only
    }

    /// The allowed values of a choice field (empty otherwise).
    pub fn options(&self) -> &'static [&'static str] {
        match self.kind {
            FieldKind::Choice(o) => o,
            _ => &[],
        }
    }

    /// Goes into JSON patches (files are uploaded with multipart instead;
    /// a nullable file is still cleared with `null`).
    pub fn in_json_patch(&self) -> bool {
        !self.read_only && (self.kind != FieldKind::File || self.nullable)
    }
}

/// Every field of a dialect, editable and read-only, in display order.
pub fn catalogue(dialect: Dialect) -> &'static [FieldSpec] {
    match dialect {
        Dialect::Letraz => letraz::FIELDS,
        Dialect::AisquareProfile => aisquare::PROFILE,
        Dialect::AisquareDetails => aisquare::DETAILS,
        Dialect::Pwgen => pwgen::FIELDS,
        Dialect::UsersMe => users_me::FIELDS,
    }
}

/// The field at this path, if the dialect has it.
pub fn field(dialect: Dialect, path: &str) -> Option<&'static FieldSpec> {
    catalogue(dialect).iter().find(|f| f.path == path)
}

/// Fields of one section, in display order.
pub fn fields_in(dialect: Dialect, section: Section) -> impl Iterator<Item = &'static FieldSpec> {
    catalogue(dialect).iter().filter(move |f| f.section == section)
}

/// The sections of a page that have at least one field, in display order.
pub fn sections(dialect: Dialect, page: Page) -> Vec<Section> {
    Section::ALL.into_iter().filter(|s| s.page() == page && fields_in(dialect, *s).next().is_some()).collect()
}

/// The avatar-like upload field, if the dialect takes one by multipart.
pub fn upload_field(dialect: Dialect) -> Option<&'static FieldSpec> {
    catalogue(dialect).iter().find(|f| f.kind == FieldKind::File && !f.read_only)
}

/// Puts server errors where the UI shows them: a path the dialect does not
/// edit moves to the field with the same name (a flat `bio` error for
/// aisquare-profile goes to `details.bio`), or else to the form level, so
/// no message is lost.
pub fn place_errors(dialect: Dialect, errors: &mut crate::FieldErrors) {
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

    #[test]
    fn place_errors_moves_flat_names_and_lifts_unknown_paths() {
        let mut e = crate::FieldErrors::new();
        e.add("bio", crate::Message::server("Too long."));
        e.add("skills.0", crate::Message::server("Bad."));
        e.add("password", crate::Message::server("No."));
        e.add("username", crate::Message::server("Taken."));
        place_errors(Dialect::AisquareProfile, &mut e);
        assert_eq!(e.get("details.bio").len(), 1);
        assert_eq!(e.get("details.skills.0").len(), 1);
        assert_eq!(e.get("username").len(), 1);
        assert_eq!(e.form().len(), 1);
        assert_eq!(e.form()[0].param("field"), Some("password"));
    }

    #[test]
    fn field_kind_serializes_plainly() {
        assert_eq!(serde_json::to_string(&FieldKind::Url).unwrap(), "\"url\"");
        assert_eq!(serde_json::to_string(&FieldKind::Choice(&["a"])).unwrap(), r#"{"choice":["a"]}"#);
    }

    #[test]
    fn paths_are_unique_per_dialect() {
        for d in Dialect::ALL {
            let mut paths: Vec<_> = catalogue(d).iter().map(|f| f.path).collect();
            paths.sort();
            let n = paths.len();
            paths.dedup();
            assert_eq!(n, paths.len(), "{}", d.name());
        }
    }

    #[test]
    fn aisquare_profile_nests_detail_fields_and_details_is_flat() {
        assert!(field(Dialect::AisquareProfile, "details.linkedin_url").is_some());
        assert!(field(Dialect::AisquareProfile, "username").is_some());
        assert!(field(Dialect::AisquareDetails, "linkedin_url").is_some());
        assert!(field(Dialect::AisquareDetails, "username").is_none());
    }

    #[test]
    fn aisquare_notification_booleans_are_on_settings() {
        for d in [Dialect::AisquareProfile, Dialect::AisquareDetails] {
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
            (Dialect::Letraz, "email"),
            (Dialect::AisquareProfile, "username"),
            (Dialect::Pwgen, "username"),
            (Dialect::Pwgen, "email"),
            (Dialect::UsersMe, "username"),
            (Dialect::UsersMe, "email"),
        ] {
            let f = field(d, p).unwrap();
            assert_eq!((f.section, f.page()), (Section::Account, Page::Settings), "{} {p}", d.name());
        }
    }

    #[test]
    fn label_key_defaults_to_field_name() {
        let f = field(Dialect::AisquareProfile, "details.linkedin_url").unwrap();
        assert_eq!(f.label_key(), "field.linkedin_url");
    }

    #[test]
    fn every_dialect_has_both_pages() {
        for d in Dialect::ALL {
            for p in Page::ALL {
                assert!(!sections(d, p).is_empty(), "{} {:?}", d.name(), p);
            }
        }
    }

    #[test]
    fn upload_fields() {
        assert_eq!(upload_field(Dialect::Pwgen).map(|f| f.path), Some("avatar"));
        assert_eq!(upload_field(Dialect::UsersMe).map(|f| f.path), Some("avatar"));
        assert_eq!(upload_field(Dialect::Letraz), None);
    }
}

//! Client-side validation, driven by the catalogue: each rule lives once in
//! [`rules`] and each field says which rules apply. Text is trimmed the way
//! DRF trims it before validating, so the browser and server agree.

pub mod rules;

use crate::catalogue::{catalogue, FieldKind, FieldSpec};
use crate::values::{normalize, FieldValue, FormValues};
use crate::{Date, Dialect, FieldErrors, Message};

/// Messages for one field's value (empty when valid). `today` bounds dates
/// of birth; pass the caller's own clock. Read-only fields are not checked.
pub fn validate_field(spec: &FieldSpec, value: &FieldValue, today: Date) -> Vec<(String, Message)> {
    let mut out = Vec::new();
    if spec.read_only {
        return out;
    }
    let here = |m: Message| (spec.path.to_string(), m);
    match (spec.kind, normalize(spec, value)) {
        (FieldKind::File, _) => {}
        (_, FieldValue::Null) => {
            if spec.required {
                out.push(here(rules::required()));
            }
        }
        (FieldKind::Bool, FieldValue::Bool(_)) => {}
        (FieldKind::List, FieldValue::List(items)) => {
            if spec.required && items.is_empty() {
                out.push(here(rules::required()));
            }
            for (i, item) in items.iter().enumerate() {
                if crate::pychar::strip(item).is_empty() {
                    out.push((format!("{}.{i}", spec.path), rules::required()));
                }
            }
        }
        (kind, FieldValue::Text(raw)) if kind.is_text() => {
            let text = crate::pychar::strip(&raw);
            if text.is_empty() {
                if spec.required {
                    out.push(here(rules::required()));
                }
                return out;
            }
            if let Some(m) = spec.max_length.and_then(|max| rules::max_length(text, max)) {
                out.push(here(m));
            }
            if let Some(m) = rules::format(spec, text, today) {
                out.push(here(m));
            }
        }
        _ => out.push(here(Message::rule("error.wrong_type"))),
    }
    out
}

/// Validates every editable field present in `values`.
pub fn validate(dialect: &Dialect, values: &FormValues, today: Date) -> FieldErrors {
    let mut errors = FieldErrors::new();
    for spec in catalogue(dialect) {
        if let Some(v) = values.get(&spec.path) {
            for (path, m) in validate_field(spec, v, today) {
                errors.add(path, m);
            }
        }
    }
    errors
}

/// Validates only the fields the person changed, so a value the server
/// already holds (perhaps from before a rule existed) never blocks saving
/// an unrelated edit.
pub fn validate_changes(dialect: &Dialect, loaded: &FormValues, edited: &FormValues, today: Date) -> FieldErrors {
    let mut errors = FieldErrors::new();
    for spec in crate::patch::changed_fields(dialect, loaded, edited) {
        if let Some(v) = edited.get(&spec.path) {
            for (path, m) in validate_field(spec, v, today) {
                errors.add(path, m);
            }
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::field;
    use crate::shipped;

    fn today() -> Date {
        Date::new(2025, 6, 1).unwrap()
    }

    /// Keys of the messages for `path` in `dialect` holding `value`.
    fn keys(dialect: &Dialect, path: &str, value: impl Into<FieldValue>) -> Vec<String> {
        let spec = field(dialect, path).unwrap_or_else(|| panic!("{} has no {path}", dialect.name));
        validate_field(spec, &value.into(), today())
            .into_iter()
            .filter_map(|(_, m)| m.key().map(str::to_string))
            .collect()
    }

    fn max_is(dialect: &Dialect, path: &str, max: usize) {
        assert!(keys(dialect, path, "x".repeat(max)).is_empty(), "{path} at {max}");
        let over = keys(dialect, path, "x".repeat(max + 1));
        assert_eq!(over, ["error.max_length"], "{path} at {}", max + 1);
    }

    #[test]
    fn letraz_max_lengths() {
        for (path, max) in [
            ("title", 10),
            ("first_name", 50),
            ("last_name", 50),
            ("phone", 25),
            ("nationality", 50),
            ("city", 50),
            ("postal", 50),
            ("address", 500),
            ("profile_text", 1000),
        ] {
            max_is(shipped::letraz(), path, max);
        }
    }

    #[test]
    fn letraz_email_max_254_and_website_max_50() {
        let email = format!("{}@example.com", "a".repeat(254 - 12));
        assert!(keys(shipped::letraz(), "email", email.as_str()).is_empty());
        assert_eq!(keys(shipped::letraz(), "email", format!("a{email}")), ["error.max_length"]);
        let url = format!("https://{}.com", "a".repeat(50 - 12));
        assert!(keys(shipped::letraz(), "website", url.as_str()).is_empty());
        assert_eq!(keys(shipped::letraz(), "website", format!("{url}/")), ["error.max_length"]);
    }

    #[test]
    fn max_length_counts_code_points_like_python_len() {
        assert!(keys(shipped::letraz(), "title", "é".repeat(10)).is_empty());
        assert!(keys(shipped::letraz(), "title", "😀".repeat(10)).is_empty());
        assert_eq!(keys(shipped::letraz(), "title", "e\u{301}".repeat(6)), ["error.max_length"]);
        let spec = field(shipped::letraz(), "title").unwrap();
        let m = &validate_field(spec, &"é".repeat(11).into(), today())[0].1;
        assert_eq!((m.param("max"), m.param("length")), (Some("10"), Some("11")));
    }

    #[test]
    fn text_is_trimmed_before_rules_like_drf() {
        assert!(keys(shipped::letraz(), "title", format!("  {}  ", "x".repeat(10))).is_empty());
        assert!(keys(shipped::letraz(), "email", " a@b.co\n").is_empty());
    }

    #[test]
    fn aisquare_username_max_150_letters_digits_and_symbols() {
        max_is(shipped::aisquare_profile(), "username", 150);
        assert!(keys(shipped::aisquare_profile(), "username", "j.d+x@y-z_1").is_empty());
        assert!(keys(shipped::aisquare_profile(), "username", "jöhn用户").is_empty());
        for bad in ["john doe", "a/b", "a#b", "a!"] {
            assert_eq!(keys(shipped::aisquare_profile(), "username", bad), ["error.invalid_username"], "{bad}");
        }
    }

    #[test]
    fn aisquare_username_is_required() {
        assert_eq!(keys(shipped::aisquare_profile(), "username", " "), ["error.required"]);
        assert_eq!(keys(shipped::aisquare_profile(), "username", FieldValue::Null), ["error.required"]);
    }

    #[test]
    fn pwgen_names_200_email_200_phone_10() {
        max_is(shipped::pwgen(), "first_name", 200);
        max_is(shipped::pwgen(), "last_name", 200);
        max_is(shipped::pwgen(), "number_phone", 10);
        let email = format!("{}@example.com", "a".repeat(200 - 12));
        assert!(keys(shipped::pwgen(), "email", email.as_str()).is_empty());
        assert_eq!(keys(shipped::pwgen(), "email", format!("a{email}")), ["error.max_length"]);
    }

    #[test]
    fn pwgen_username_is_django_abstract_user_username() {
        max_is(shipped::pwgen(), "username", 150);
        assert!(keys(shipped::pwgen(), "username", "john_doe.updated+1@x-y").is_empty());
        assert!(keys(shipped::pwgen(), "username", "jöhn用户").is_empty());
        for bad in ["john doe", "a/b", "a#b", "a!"] {
            assert_eq!(keys(shipped::pwgen(), "username", bad), ["error.invalid_username"], "{bad}");
        }
        assert_eq!(keys(shipped::pwgen(), "username", ""), ["error.required"]);
    }

    #[test]
    fn pwgen_email_is_required() {
        assert_eq!(keys(shipped::pwgen(), "email", ""), ["error.required"]);
        assert_eq!(keys(shipped::pwgen(), "email", "  "), ["error.required"]);
        assert_eq!(keys(shipped::pwgen(), "email", FieldValue::Null), ["error.required"]);
    }

    #[test]
    fn pwgen_avatar_is_nullable_so_it_can_be_removed() {
        let spec = field(shipped::pwgen(), "avatar").unwrap();
        assert!(spec.nullable && spec.in_json_patch());
        assert!(keys(shipped::pwgen(), "avatar", FieldValue::Null).is_empty());
    }

    #[test]
    fn users_me_gender_is_male_female_or_other() {
        for ok in ["male", "female", "other"] {
            assert!(keys(shipped::users_me(), "gender", ok).is_empty());
        }
        assert_eq!(keys(shipped::users_me(), "gender", "Male"), ["error.invalid_choice"]);
        assert!(keys(shipped::users_me(), "gender", FieldValue::Null).is_empty());
        assert_eq!(field(shipped::users_me(), "gender").unwrap().choices, ["male", "female", "other"]);
    }

    #[test]
    fn email_fields_use_django_email_rule() {
        for d in shipped::all() {
            if let Some(spec) = field(d, "email").filter(|f| !f.read_only) {
                assert_eq!(keys(d, &spec.path, "not-an-email"), ["error.invalid_email"], "{}", d.name);
                assert!(keys(d, &spec.path, "josé@exämple.com").len() == 1);
                assert!(keys(d, &spec.path, "jose@exämple.com").is_empty());
            }
        }
    }

    #[test]
    fn url_fields_accept_only_http_and_https() {
        let d = shipped::aisquare_details();
        assert!(keys(d, "linkedin_url", "https://linkedin.com/in/johndoe").is_empty());
        assert_eq!(keys(d, "github_url", "ftp://example.com"), ["error.url_scheme"]);
        assert_eq!(keys(d, "github_url", "javascript:alert(1)"), ["error.invalid_url"]);
        assert_eq!(keys(d, "github_url", "github.com/me"), ["error.invalid_url"]);
    }

    #[test]
    fn dates_are_iso_and_birth_dates_not_in_future() {
        for d in [shipped::letraz(), shipped::aisquare_details()] {
            assert!(keys(d, "dob", "1990-02-28").is_empty());
            assert!(keys(d, "dob", "2025-06-01").is_empty(), "today is fine");
            assert_eq!(keys(d, "dob", "2025-06-02"), ["error.date_in_future"]);
            assert_eq!(keys(d, "dob", "1990-02-30"), ["error.invalid_date"]);
            assert_eq!(keys(d, "dob", "02/28/1990"), ["error.invalid_date"]);
        }
    }

    #[test]
    fn required_fields_must_not_be_blank() {
        assert_eq!(keys(shipped::letraz(), "first_name", ""), ["error.required"]);
        assert_eq!(keys(shipped::letraz(), "email", "  "), ["error.required"]);
        assert!(keys(shipped::letraz(), "last_name", "").is_empty());
    }

    #[test]
    fn wrong_value_type_is_reported() {
        assert_eq!(keys(shipped::letraz(), "first_name", true), ["error.wrong_type"]);
        assert_eq!(keys(shipped::aisquare_details(), "activity_based_emails", "yes"), ["error.wrong_type"]);
    }

    #[test]
    fn list_items_must_not_be_blank() {
        let spec = field(shipped::aisquare_details(), "skills").unwrap();
        let out = validate_field(spec, &FieldValue::List(vec!["Rust".into(), " ".into()]), today());
        assert_eq!(out, [("skills.1".to_string(), Message::rule("error.required"))]);
    }

    #[test]
    fn read_only_fields_are_not_validated() {
        assert!(keys(shipped::users_me(), "full_name", true).is_empty());
    }

    #[test]
    fn validate_collects_by_path_and_validate_changes_skips_untouched_values() {
        let loaded = FormValues::new().with("first_name", "x".repeat(60)).with("email", "a@b.co");
        let errs = validate(shipped::letraz(), &loaded, today());
        assert_eq!(errs.get("first_name")[0].key(), Some("error.max_length"));
        let edited = loaded.clone().with("email", "broken");
        let errs = validate_changes(shipped::letraz(), &loaded, &edited, today());
        assert!(errs.get("first_name").is_empty());
        assert_eq!(errs.get("email")[0].key(), Some("error.invalid_email"));
    }
}

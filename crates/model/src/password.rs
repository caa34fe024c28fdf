//! Django's four default `AUTH_PASSWORD_VALIDATORS`
//! (`django/contrib/auth/password_validation.py`, Django 5.2), so the
//! password form says what the server will say before it is asked:
//! the user-attribute similarity, minimum length 8, common-password and
//! entirely-numeric checks, in that order, all of them reported.
//!
//! The common-password list is data, not code: 160 KB that the app fetches
//! only when the password form opens (`data/common-passwords.txt`, parsed
//! by [`CommonPasswords::parse`]). Native code can take it compiled in from
//! [`crate::shipped::common_passwords`].
//!
//! `tests/password_corpus.rs` checks every rule against Django itself.

use crate::errors::Message;
use crate::pychar;
use std::collections::HashSet;

/// `MinimumLengthValidator`'s default `min_length`.
pub const MIN_LENGTH: usize = 8;

/// `UserAttributeSimilarityValidator`'s default `max_similarity`.
pub const MAX_SIMILARITY: f64 = 0.7;

/// The user attributes Django compares a password with, in Django's order
/// (`DEFAULT_USER_ATTRIBUTES`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UserAttribute {
    Username,
    FirstName,
    LastName,
    Email,
}

impl UserAttribute {
    pub const ALL: [UserAttribute; 4] =
        [UserAttribute::Username, UserAttribute::FirstName, UserAttribute::LastName, UserAttribute::Email];

    /// The field name on Django's `User`.
    pub fn name(self) -> &'static str {
        match self {
            UserAttribute::Username => "username",
            UserAttribute::FirstName => "first_name",
            UserAttribute::LastName => "last_name",
            UserAttribute::Email => "email",
        }
    }
}

/// The person's attributes as the server holds them; an empty one is not
/// compared (Django skips a falsy value).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct UserAttributes<'a> {
    pub username: &'a str,
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub email: &'a str,
}

impl<'a> UserAttributes<'a> {
    pub fn get(&self, attribute: UserAttribute) -> &'a str {
        match attribute {
            UserAttribute::Username => self.username,
            UserAttribute::FirstName => self.first_name,
            UserAttribute::LastName => self.last_name,
            UserAttribute::Email => self.email,
        }
    }
}

/// One rule the password breaks, named as Django names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasswordError {
    TooSimilar(UserAttribute),
    TooShort { min_length: usize },
    TooCommon,
    EntirelyNumeric,
}

impl PasswordError {
    /// Django's `ValidationError.code`.
    pub fn code(self) -> &'static str {
        match self {
            PasswordError::TooSimilar(_) => "password_too_similar",
            PasswordError::TooShort { .. } => "password_too_short",
            PasswordError::TooCommon => "password_too_common",
            PasswordError::EntirelyNumeric => "password_entirely_numeric",
        }
    }

    /// The message to show. One key per attribute for similarity: Django
    /// fills in the field's translated verbose name, and a whole sentence
    /// per attribute lets each language keep its own grammar.
    pub fn message(self) -> Message {
        match self {
            PasswordError::TooSimilar(attribute) => {
                Message::rule(format!("error.password_too_similar.{}", attribute.name()))
            }
            PasswordError::TooShort { min_length } => {
                Message::rule("error.password_too_short").with("min_length", min_length)
            }
            PasswordError::TooCommon => Message::rule("error.password_too_common"),
            PasswordError::EntirelyNumeric => Message::rule("error.password_entirely_numeric"),
        }
    }
}

/// Django's common-password list, as `CommonPasswordValidator` holds it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CommonPasswords(HashSet<Box<str>>);

impl CommonPasswords {
    /// Reads the list as Django does: one password a line (`\n`, `\r\n` or
    /// `\r`, Python's universal newlines), each stripped of Python
    /// whitespace. Django's own file is already lowercase.
    pub fn parse(text: &str) -> Self {
        let mut set = HashSet::new();
        let mut rest = text;
        while !rest.is_empty() {
            let end = rest.find(['\r', '\n']).unwrap_or(rest.len());
            set.insert(pychar::strip(&rest[..end]).into());
            let newline = if rest[end..].starts_with("\r\n") { 2 } else { usize::from(end < rest.len()) };
            rest = &rest[end + newline..];
        }
        CommonPasswords(set)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `CommonPasswordValidator`: the password, lowercased and stripped, is
    /// on the list.
    pub fn contains(&self, password: &str) -> bool {
        self.0.contains(pychar::strip(&password.to_lowercase()))
    }
}

/// `MinimumLengthValidator(8)`: fewer than 8 code points.
pub fn is_too_short(password: &str) -> bool {
    pychar::len(password) < MIN_LENGTH
}

/// `NumericPasswordValidator`: Python's `password.isdigit()`.
pub fn is_entirely_numeric(password: &str) -> bool {
    pychar::is_all_digits(password)
}

/// `UserAttributeSimilarityValidator` (max_similarity 0.7): the first
/// attribute the password is too similar to. Each attribute is compared
/// whole and in its `\W+`-separated parts (an email's name and domain
/// labels), all lowercased.
pub fn too_similar_to(password: &str, user: &UserAttributes) -> Option<UserAttribute> {
    let password = password.to_lowercase();
    let password: Vec<char> = password.chars().collect();
    UserAttribute::ALL.into_iter().find(|&attribute| {
        let value = user.get(attribute);
        if value.is_empty() {
            return false;
        }
        let value = value.to_lowercase();
        let similar = pychar::split_non_word(&value).into_iter().chain([value.as_str()]).any(|part| {
            let part: Vec<char> = part.chars().collect();
            !exceeds_maximum_length_ratio(password.len(), part.len()) && quick_ratio(&password, &part) >= MAX_SIMILARITY
        });
        similar
    })
}

/// Django's shortcut: a value ten times shorter than the password cannot
/// reach the ratio (at most 2/11), so it is not compared. It only saves
/// work, never changes a verdict; kept so the steps are Django's.
fn exceeds_maximum_length_ratio(password_len: usize, value_len: usize) -> bool {
    let length_bound_similarity = MAX_SIMILARITY / 2.0 * password_len as f64;
    password_len >= 10 * value_len && (value_len as f64) < length_bound_similarity
}

/// `difflib.SequenceMatcher(a=a, b=b).quick_ratio()`: twice the size of
/// the two strings' common multiset of characters over their total length,
/// with Python's float arithmetic.
fn quick_ratio(a: &[char], b: &[char]) -> f64 {
    let length = a.len() + b.len();
    if length == 0 {
        return 1.0;
    }
    // How many of each character of `b` are still unmatched, sorted.
    let mut sorted = b.to_vec();
    sorted.sort_unstable();
    let mut available: Vec<(char, usize)> = Vec::new();
    for c in sorted {
        match available.last_mut() {
            Some((last, n)) if *last == c => *n += 1,
            _ => available.push((c, 1)),
        }
    }
    let mut matches = 0usize;
    for c in a {
        if let Ok(i) = available.binary_search_by_key(c, |&(x, _)| x) {
            if available[i].1 > 0 {
                available[i].1 -= 1;
                matches += 1;
            }
        }
    }
    2.0 * matches as f64 / length as f64
}

/// Django's `validate_password` with the default validators: every rule
/// the password breaks, in Django's order. `common` is `None` while the
/// list is still arriving: the other three rules run, and the server has
/// the last word.
pub fn password_errors(password: &str, user: &UserAttributes, common: Option<&CommonPasswords>) -> Vec<PasswordError> {
    let mut errors = Vec::new();
    if let Some(attribute) = too_similar_to(password, user) {
        errors.push(PasswordError::TooSimilar(attribute));
    }
    if is_too_short(password) {
        errors.push(PasswordError::TooShort { min_length: MIN_LENGTH });
    }
    if common.is_some_and(|list| list.contains(password)) {
        errors.push(PasswordError::TooCommon);
    }
    if is_entirely_numeric(password) {
        errors.push(PasswordError::EntirelyNumeric);
    }
    errors
}

/// [`password_errors`] as the messages to show under the field.
pub fn validate_password(password: &str, user: &UserAttributes, common: Option<&CommonPasswords>) -> Vec<Message> {
    password_errors(password, user, common).into_iter().map(PasswordError::message).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn quick_ratio_counts_shared_characters_with_repeats() {
        // "abcd" / "bcde": 3 shared, 2 * 3 / 8.
        assert_eq!(quick_ratio(&chars("abcd"), &chars("bcde")), 0.75);
        // One "a" in b matches only one of the three in a.
        assert_eq!(quick_ratio(&chars("aaa"), &chars("ab")), 0.4);
        assert_eq!(quick_ratio(&[], &[]), 1.0);
    }

    #[test]
    fn similarity_checks_email_parts_and_names_the_attribute() {
        let user = UserAttributes { email: "jane.roe@example.com", ..Default::default() };
        assert_eq!(too_similar_to("Example1", &user), Some(UserAttribute::Email));
        assert_eq!(too_similar_to("correct horse battery", &user), None);
        let both = UserAttributes { username: "roe", last_name: "Roe", ..Default::default() };
        assert_eq!(too_similar_to("roe!", &both), Some(UserAttribute::Username));
    }

    #[test]
    fn the_length_shortcut_skips_short_values() {
        // 30 characters against "a": Django does not compare at all, though
        // the ratio alone would be small anyway; "aaa" at 29 is compared.
        assert!(exceeds_maximum_length_ratio(30, 1));
        assert!(!exceeds_maximum_length_ratio(29, 3));
    }

    #[test]
    fn parse_reads_lines_as_python_does() {
        let list = CommonPasswords::parse("123456\r\npassword \nqwerty\rletmein");
        assert_eq!(list.len(), 4);
        assert!(list.contains(" PassWord\u{3000}"));
        assert!(list.contains("letmein"));
        assert!(!list.contains("pass word"));
        assert!(CommonPasswords::parse("").is_empty());
    }

    #[test]
    fn all_errors_come_in_django_order() {
        let user = UserAttributes { username: "1234567", ..Default::default() };
        let list = CommonPasswords::parse("1234567\n");
        let codes: Vec<_> =
            password_errors("1234567", &user, Some(&list)).into_iter().map(PasswordError::code).collect();
        assert_eq!(
            codes,
            ["password_too_similar", "password_too_short", "password_too_common", "password_entirely_numeric"]
        );
        // Without the list the other rules still run.
        assert_eq!(password_errors("1234567", &user, None).len(), 3);
        assert!(validate_password("a fine long passphrase", &UserAttributes::default(), Some(&list)).is_empty());
    }

    #[test]
    fn short_message_carries_the_minimum() {
        let m = PasswordError::TooShort { min_length: MIN_LENGTH }.message();
        assert_eq!(m.render(|_| None), "This password is too short. It must contain at least 8 characters.");
    }
}

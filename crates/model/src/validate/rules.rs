//! The rules themselves, each a small function returning its message.

use crate::catalogue::{FieldKind, FieldSpec};
use crate::{email, pychar, url, Date, Message};

pub fn required() -> Message {
    Message::rule("error.required")
}

/// Django's `MaxLengthValidator`: code points, like Python's `len`.
pub fn max_length(text: &str, max: usize) -> Option<Message> {
    let n = pychar::len(text);
    (n > max).then(|| Message::rule("error.max_length").with("max", max).with("length", n))
}

/// The format rule of the field's kind, on trimmed, non-empty text.
pub fn format(spec: &FieldSpec, text: &str, today: Date) -> Option<Message> {
    match spec.kind {
        FieldKind::Email => email_rule(text),
        FieldKind::Url => url_rule(text),
        FieldKind::Date => date_rule(text, spec.not_future, today),
        FieldKind::Username => username_rule(text),
        FieldKind::Choice => choice_rule(text, &spec.choices),
        _ => None,
    }
}

pub fn email_rule(text: &str) -> Option<Message> {
    (!email::is_valid_email(text)).then(|| Message::rule("error.invalid_email"))
}

/// Valid for Django but not a web link (`ftp://…`) gets its own message.
pub fn url_rule(text: &str) -> Option<Message> {
    if url::is_valid_url(text) {
        None
    } else if url::is_django_url(text, url::DJANGO_DEFAULT_SCHEMES) {
        Some(Message::rule("error.url_scheme").with("schemes", url::HTTP_SCHEMES.join(", ")))
    } else {
        Some(Message::rule("error.invalid_url"))
    }
}

pub fn date_rule(text: &str, not_future: bool, today: Date) -> Option<Message> {
    match Date::parse(text) {
        None => Some(Message::rule("error.invalid_date")),
        Some(d) if not_future && d > today => Some(Message::rule("error.date_in_future").with("today", today)),
        Some(_) => None,
    }
}

/// Django's `UnicodeUsernameValidator` (`^[\w.@+-]+\Z`). `\w` is taken as
/// Unicode alphanumeric, which also admits the combining marks Unicode
/// calls alphabetic; the server stays the judge of those.
pub fn username_rule(text: &str) -> Option<Message> {
    (!is_valid_username(text)).then(|| Message::rule("error.invalid_username"))
}

/// The username character rule as a yes/no (non-empty, no length cap).
pub fn is_valid_username(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_alphanumeric() || "_.@+-".contains(c))
}

pub fn choice_rule(text: &str, options: &[String]) -> Option<Message> {
    (!options.iter().any(|o| o == text)).then(|| Message::rule("error.invalid_choice").with("value", text))
}

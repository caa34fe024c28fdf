//! English texts for our message keys: the UI's fallback when it has no
//! translation. Keys are stable API; `{name}` placeholders are parameters.

use std::collections::BTreeMap;

/// Every key this crate emits, with its English text.
pub const ENGLISH: &[(&str, &str)] = &[
    ("error.required", "This field is required."),
    ("error.max_length", "Ensure this field has no more than {max} characters."),
    ("error.max_length.one", "Ensure this field has no more than {max} character."),
    ("error.invalid_email", "Enter a valid email address."),
    ("error.invalid_url", "Enter a valid URL."),
    ("error.url_scheme", "Only {schemes} links are allowed."),
    ("error.invalid_date", "Enter a date as YYYY-MM-DD."),
    ("error.date_in_future", "This date cannot be in the future."),
    ("error.invalid_choice", "\"{value}\" is not a valid choice."),
    (
        "error.invalid_username",
        "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.",
    ),
    ("error.wrong_type", "This value has the wrong type."),
    ("error.file_too_large", "The file is too large (at most {max_bytes} bytes)."),
    ("error.file_type", "This file type is not accepted (use {accepted})."),
    ("error.on_field", "{field}: {message}"),
    ("error.http.validation", "Some fields were not accepted."),
    ("error.http.unauthorized", "Please sign in again."),
    ("error.http.forbidden", "You are not allowed to do this."),
    ("error.http.csrf", "The security token of this session is missing or stale. Reload the page and try again."),
    ("error.http.not_found", "Not found."),
    ("error.http.too_large", "The upload is too large."),
    ("error.http.unsupported", "The server does not accept this kind of request."),
    ("error.http.rate_limited", "Too many requests. Try again in {seconds} seconds."),
    ("error.http.rate_limited.one", "Too many requests. Try again in {seconds} second."),
    ("error.http.rate_limited_later", "Too many requests. Try again later."),
    ("error.http.server", "The server had a problem. Try again later."),
    ("error.http.unavailable", "The server is unavailable right now. Try again later."),
    ("error.http.malformed", "The server sent an answer the app does not understand."),
    ("error.http.other", "The request failed (HTTP {status})."),
    // Django's password validators, worded as Django words them.
    ("error.password_too_short", "This password is too short. It must contain at least {min_length} characters."),
    ("error.password_too_short.one", "This password is too short. It must contain at least {min_length} character."),
    ("error.password_too_common", "This password is too common."),
    ("error.password_entirely_numeric", "This password is entirely numeric."),
    ("error.password_too_similar.username", "The password is too similar to the username."),
    ("error.password_too_similar.first_name", "The password is too similar to the first name."),
    ("error.password_too_similar.last_name", "The password is too similar to the last name."),
    ("error.password_too_similar.email", "The password is too similar to the email address."),
];

/// The English text of a key, if it is one of ours.
pub fn english(key: &str) -> Option<&'static str> {
    ENGLISH.iter().find(|(k, _)| *k == key).map(|(_, t)| *t)
}

/// Replaces `{name}` with the parameter of that name; unknown names stay.
pub fn fill(template: &str, params: &BTreeMap<String, String>) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if params.contains_key(&after[..close]) => {
                out.push_str(&params[&after[..close]]);
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_known_placeholders_only() {
        let mut p = BTreeMap::new();
        p.insert("max".to_string(), "5".to_string());
        assert_eq!(fill("at most {max} {other} {", &p), "at most 5 {other} {");
    }

    #[test]
    fn keys_are_unique() {
        let mut keys: Vec<_> = ENGLISH.iter().map(|(k, _)| k).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), ENGLISH.len());
    }
}

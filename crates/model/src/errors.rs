//! One shape for every error the UI shows: client validation and server
//! answers both end up as [`FieldErrors`], keyed by field path
//! (`"first_name"`, `"details.linkedin_url"`, `"skills.0"`), plus form-level
//! messages. Everything is `Clone + PartialEq` so it can live in a signal.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One message to show. Rule messages are translation keys with named
/// parameters so the UI can translate them; server text is kept verbatim
/// (a Spanish-locale server answers in Spanish: show it as given).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Message {
    /// A rule of ours, e.g. key `"error.max_length"` with `max = "50"`.
    Rule {
        key: String,
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        params: BTreeMap<String, String>,
    },
    /// Text the server sent, unchanged.
    Server { text: String },
}

impl Message {
    pub fn rule(key: impl Into<String>) -> Self {
        Message::Rule { key: key.into(), params: BTreeMap::new() }
    }

    pub fn server(text: impl Into<String>) -> Self {
        Message::Server { text: text.into() }
    }

    /// Adds a named parameter to a rule message (no-op on server text).
    pub fn with(mut self, name: &str, value: impl ToString) -> Self {
        if let Message::Rule { params, .. } = &mut self {
            params.insert(name.to_string(), value.to_string());
        }
        self
    }

    /// The translation key, if this is a rule message.
    pub fn key(&self) -> Option<&str> {
        match self {
            Message::Rule { key, .. } => Some(key),
            Message::Server { .. } => None,
        }
    }

    pub fn param(&self, name: &str) -> Option<&str> {
        match self {
            Message::Rule { params, .. } => params.get(name).map(String::as_str),
            Message::Server { .. } => None,
        }
    }

    /// Text for display: server text as is; a rule message looked up with
    /// `translate` (falling back to [`crate::messages::english`], then to
    /// the key itself) with `{name}` placeholders filled in.
    pub fn render(&self, translate: impl Fn(&str) -> Option<String>) -> String {
        self.render_counted(translate, |n| n == 1)
    }

    /// [`Message::render`] in a language whose singular is chosen by `one`
    /// (English and Spanish: `n == 1`; Persian never changes the noun). A
    /// message with a count among its parameters takes `<key>.one` when the
    /// count is singular and that text exists: "in 1 second", not "1 seconds".
    pub fn render_counted(&self, translate: impl Fn(&str) -> Option<String>, one: impl Fn(u64) -> bool) -> String {
        self.render_from(|key| translate(key).or_else(|| crate::messages::english(key).map(str::to_string)), one)
    }

    /// [`Message::render_counted`] from `translate` alone, without this
    /// crate's English: for the app, whose English file holds these texts
    /// too (checked by its translation test), so its wasm has them once.
    pub fn render_from(&self, translate: impl Fn(&str) -> Option<String>, one: impl Fn(u64) -> bool) -> String {
        match self {
            Message::Server { text } => text.clone(),
            Message::Rule { key, params } => {
                let singular = params.values().filter_map(|v| v.parse::<u64>().ok()).any(one);
                let template = singular
                    .then(|| translate(&format!("{key}.one")))
                    .flatten()
                    .or_else(|| translate(key))
                    .unwrap_or_else(|| key.clone());
                crate::messages::fill(&template, params)
            }
        }
    }

    /// [`Message::render`] with the built-in English texts.
    pub fn to_english(&self) -> String {
        self.render(|_| None)
    }
}

/// Messages per field path, plus messages about the whole form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors {
    #[serde(default)]
    fields: BTreeMap<String, Vec<Message>>,
    #[serde(default)]
    form: Vec<Message>,
}

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    /// True when there is neither a field nor a form message.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.form.is_empty()
    }

    /// Number of messages, field and form together.
    pub fn len(&self) -> usize {
        self.fields.values().map(Vec::len).sum::<usize>() + self.form.len()
    }

    pub fn add(&mut self, path: impl Into<String>, message: Message) {
        self.fields.entry(path.into()).or_default().push(message);
    }

    pub fn add_form(&mut self, message: Message) {
        self.form.push(message);
    }

    /// Messages recorded for exactly this path.
    pub fn get(&self, path: &str) -> &[Message] {
        self.fields.get(path).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Messages for this path and every path below it (`skills` also
    /// collects `skills.0`), so a list widget can show item errors.
    pub fn for_field(&self, path: &str) -> Vec<&Message> {
        self.fields.iter().filter(|(p, _)| is_same_or_below(p, path)).flat_map(|(_, m)| m.iter()).collect()
    }

    /// True if this path or a path below it has a message.
    pub fn has(&self, path: &str) -> bool {
        self.fields.keys().any(|p| is_same_or_below(p, path))
    }

    pub fn first(&self, path: &str) -> Option<&Message> {
        self.get(path).first()
    }

    pub fn form(&self) -> &[Message] {
        &self.form
    }

    /// Field paths with messages, in order.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.fields.keys().map(String::as_str)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &[Message])> {
        self.fields.iter().map(|(p, m)| (p.as_str(), m.as_slice()))
    }

    /// Drops the messages of this path and the paths below it (call when
    /// the person edits the field).
    pub fn clear_field(&mut self, path: &str) {
        self.fields.retain(|p, _| !is_same_or_below(p, path));
    }

    pub fn clear_form(&mut self) {
        self.form.clear();
    }

    pub fn merge(&mut self, other: FieldErrors) {
        for (p, msgs) in other.fields {
            self.fields.entry(p).or_default().extend(msgs);
        }
        self.form.extend(other.form);
    }

    /// Moves the messages of each `(from, to)` path to the new path.
    pub fn rename(&mut self, moves: &[(String, String)]) {
        for (from, to) in moves {
            if let Some(msgs) = self.fields.remove(from) {
                self.fields.entry(to.clone()).or_default().extend(msgs);
            }
        }
    }

    /// Moves messages whose path is not shown by the UI (`known` says no)
    /// to the form level as `error.on_field` (`field`, `message`), so no
    /// server message is ever lost.
    pub fn lift_unknown(&mut self, known: impl Fn(&str) -> bool) {
        let fields = std::mem::take(&mut self.fields);
        for (path, msgs) in fields {
            if known_or_parent(&path, &known) {
                self.fields.insert(path, msgs);
            } else {
                for m in msgs {
                    let text = m.to_english();
                    self.form.push(Message::rule("error.on_field").with("field", &path).with("message", text));
                }
            }
        }
    }
}

fn is_same_or_below(candidate: &str, path: &str) -> bool {
    candidate == path
        || (candidate.len() > path.len() && candidate.starts_with(path) && candidate.as_bytes()[path.len()] == b'.')
}

fn known_or_parent(path: &str, known: &impl Fn(&str) -> bool) -> bool {
    let mut p = path;
    loop {
        if known(p) {
            return true;
        }
        match p.rfind('.') {
            Some(i) => p = &p[..i],
            None => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_message_carries_key_and_params() {
        let m = Message::rule("error.max_length").with("max", 50);
        assert_eq!(m.key(), Some("error.max_length"));
        assert_eq!(m.param("max"), Some("50"));
        assert_eq!(m.to_english(), "Ensure this field has no more than 50 characters.");
    }

    #[test]
    fn server_text_is_rendered_verbatim() {
        let t = "Introduzca una dirección de correo electrónico válida.";
        assert_eq!(Message::server(t).render(|_| Some("x".into())), t);
    }

    #[test]
    fn translate_overrides_english() {
        let m = Message::rule("error.max_length").with("max", 3);
        assert_eq!(m.render(|_| Some("max {max}".into())), "max 3");
    }

    #[test]
    fn for_field_collects_list_items_but_not_siblings() {
        let mut e = FieldErrors::new();
        e.add("skills.0", Message::server("bad"));
        e.add("skills", Message::server("list"));
        e.add("skills_data", Message::server("other"));
        assert_eq!(e.for_field("skills").len(), 2);
        assert!(e.has("skills"));
        e.clear_field("skills");
        assert_eq!(e.len(), 1);
    }

    #[test]
    fn unknown_paths_are_lifted_to_the_form() {
        let mut e = FieldErrors::new();
        e.add("password", Message::server("nope"));
        e.add("details.bio", Message::server("too long"));
        e.lift_unknown(|p| p == "details.bio");
        assert_eq!(e.get("details.bio").len(), 1);
        assert_eq!(e.form().len(), 1);
        assert_eq!(e.form()[0].param("field"), Some("password"));
        assert_eq!(e.form()[0].to_english(), "password: nope");
    }

    #[test]
    fn serde_round_trip() {
        let mut e = FieldErrors::new();
        e.add("first_name", Message::rule("error.required"));
        e.add_form(Message::server("x"));
        let s = serde_json::to_string(&e).unwrap();
        assert_eq!(serde_json::from_str::<FieldErrors>(&s).unwrap(), e);
    }
}

#[cfg(test)]
mod plural_tests {
    use super::*;

    #[test]
    fn a_count_of_one_takes_the_singular_text_where_the_language_has_one() {
        let one = Message::rule("error.http.rate_limited").with("seconds", 1);
        let many = Message::rule("error.http.rate_limited").with("seconds", 30);
        assert_eq!(one.to_english(), "Too many requests. Try again in 1 second.");
        assert_eq!(many.to_english(), "Too many requests. Try again in 30 seconds.");
        let max = Message::rule("error.max_length").with("max", 1);
        assert_eq!(max.to_english(), "Ensure this field has no more than 1 character.");
        // The language decides what is singular: here, nothing is.
        assert_eq!(one.render_counted(|_| None, |_| false), "Too many requests. Try again in 1 seconds.");
    }
}

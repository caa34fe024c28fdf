//! What `from-openapi` works out from the document when no flag says it:
//! the read and update calls, the auth, the sign-in, sign-out, refresh
//! and CSRF calls, the login and token fields, the name, and the account
//! security calls (password change, account deletion) with their keys.
//! Each choice is a [`Decision`] with its reason, printed one per line;
//! where the document allows more than one answer, it is an error that
//! lists the candidates and the flag that picks one.
//!
//! What the common DRF stacks write (drf-spectacular):
//! - DRF authtoken: `tokenAuth` (apiKey `Authorization`, "Token" prefix),
//!   `obtain_auth_token` answering `{token}`;
//! - djoser: `tokenAuth` and `/token/login/` (documented as answering its
//!   request, really `{auth_token}`), or `jwtAuth` and `/jwt/create/`;
//! - dj-rest-auth: `/login/` answering `{key}` (Token) or `{access,
//!   refresh, user}` (JWT), `/logout/`, `/token/refresh/`, `/user/`;
//! - simplejwt: `jwtAuth` (http bearer), `/token/` answering `{access,
//!   refresh}`, `/token/refresh/`, `/token/blacklist/`;
//! - a Django session: `cookieAuth` (apiKey in the `sessionid` cookie),
//!   often beside `basicAuth`.
//!
//! And for the account security calls:
//! - djoser: `POST …/users/set_password/` taking `{new_password,
//!   re_new_password?, current_password}`, beside `reset_password_confirm`
//!   (uid and token) and `set_username` (`new_username`), which are not it;
//!   `DELETE …/users/me/`, whose `{current_password}` body drf-spectacular
//!   leaves out (it documents no DELETE body);
//! - dj-rest-auth: `POST …/password/change/` taking `{new_password1,
//!   new_password2}`, plus `old_password` with `OLD_PASSWORD_FIELD_ENABLED`;
//!   no deletion.

use crate::openapi::{answer_schema, request_schema, Doc, Schema};
use crate::{Call, Options};
use serde_json::Value;

/// One thing inferred (or given), and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    /// The dialect key it fills (`auth`, `endpoints.sign_in`, …).
    pub key: &'static str,
    /// Its value as the file will say it (`token`, `POST /auth/token/login/`, `none`).
    pub value: String,
    pub why: String,
}

impl std::fmt::Display for Decision {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:<28} {:<36} {}", self.key, self.value, self.why)
    }
}

/// Sign-in answer keys that hold a token, and the auth each means.
const TOKEN_KEYS: [(&str, &str); 4] =
    [("access", "bearer"), ("key", "token"), ("auth_token", "token"), ("token", "token")];

/// A POST path about something other than signing in, though it takes a password.
const NOT_SIGN_IN: [&str; 9] =
    ["register", "registration", "signup", "sign-up", "password", "reset", "activation", "set_", "change"];

/// Fills every option the person did not give from `doc`, and says why.
/// `file` is the document's file name (for the dialect's name).
pub fn infer(doc: &Doc, given: &Options, file: Option<&str>) -> Result<(Options, Vec<Decision>), String> {
    let mut o = given.clone();
    let mut decisions = Vec::new();
    let mut decide = |key: &'static str, value: String, why: String| decisions.push(Decision { key, value, why });
    let prefix = doc.server_path();
    let ops = operations(doc, &prefix);

    // The name.
    if o.name.is_empty() {
        let (name, why) = name_for(doc, file);
        o.name = name;
        decide("name", o.name.clone(), why);
    } else {
        decide("name", o.name.clone(), "given (--name)".into());
    }
    if !prefix.is_empty() {
        decide(
            "paths",
            format!("{prefix}/…"),
            format!("the document's paths are under servers[0].url's path {prefix}"),
        );
    }

    // The read and update calls.
    match &o.update {
        Some(update) => decide("endpoints.update", show(update), "given (--update)".into()),
        None => {
            let (update, why) = update_call(doc, &ops, o.read.as_ref())?;
            decide("endpoints.update", show(&update), why);
            o.update = Some(update);
        }
    }
    let update = o.update.clone().expect("the update call is known by now");
    match &o.read {
        Some(read) => decide("endpoints.read", show(read), "given (--read)".into()),
        None => {
            let (read, why) = read_call(doc, &ops, &update)?;
            decide("endpoints.read", show(&read), why);
            o.read = Some(read);
        }
    }

    // Sign-in first: its answer tells a token from a session.
    let sign_in = match &o.sign_in {
        Some(call) => {
            decide("endpoints.sign_in", show(call), "given (--sign-in)".into());
            ops.iter()
                .find(|op| op.call == *call || call.path.ends_with(&op.call.path) && op.call.method == call.method)
        }
        None => {
            let found = sign_in_op(doc, &ops)?;
            match found {
                Some(op) => {
                    let keys = answer_keys(doc, op);
                    let holds = TOKEN_KEYS.iter().find(|(k, _)| keys.iter().any(|x| x == k));
                    let why = match holds {
                        Some((k, _)) => format!("a POST that takes a password and answers {{{k}}}"),
                        None => "a POST that takes a password, on a sign-in path".into(),
                    };
                    decide("endpoints.sign_in", show(&op.call), why);
                    o.sign_in = Some(op.call.clone());
                }
                None => decide(
                    "endpoints.sign_in",
                    "none".into(),
                    "no POST takes a password beside a username or email (--sign-in to name one)".into(),
                ),
            }
            found
        }
    };
    let sign_in_keys = sign_in.map(|op| answer_keys(doc, op)).unwrap_or_default();
    let token_key = TOKEN_KEYS.iter().find(|(k, _)| sign_in_keys.iter().any(|x| x == k)).copied();

    // The auth.
    let auth = match &o.auth {
        Some(auth) => {
            decide("auth", auth.clone(), "given (--auth)".into());
            auth.clone()
        }
        None => {
            let read_op = ops.iter().find(|op| op.call == *o.read.as_ref().expect("read is known")).map(|op| op.op);
            let update_op = ops.iter().find(|op| op.call == update).map(|op| op.op);
            let (auth, why) = auth_for(doc, read_op.or(update_op), token_key, sign_in.is_some())?;
            decide("auth", auth.to_string(), why);
            o.auth = Some(auth.to_string());
            auth.to_string()
        }
    };
    let uses_token = matches!(auth.as_str(), "token" | "bearer");

    // The login field.
    if let Some(field) = &o.login_field {
        decide("sign_in.login_field", field.clone(), "given (--login-field)".into());
    } else if let Some(op) = sign_in {
        let (field, why) = login_field(doc, op);
        decide("sign_in.login_field", field.into(), why);
        o.login_field = Some(field.into());
    } else {
        let why = "no sign-in call to read it from; email assumed (--login-field username for the other)";
        decide("sign_in.login_field", "email".into(), why.into());
        o.login_field = Some("email".into());
    }

    // Where the token is in the sign-in answer.
    if let Some(field) = &o.token_field {
        decide("sign_in.token_field", field.clone(), "given (--token-field)".into());
    } else if !uses_token {
        decide("sign_in.token_field", "null".into(), format!("{auth} auth carries no token"));
    } else if let Some((key, _)) = token_key {
        decide("sign_in.token_field", key.into(), format!("the sign-in answer's {key:?}"));
        o.token_field = Some(key.into());
    } else if let Some(op) = sign_in.filter(|op| op.call.path.ends_with("/token/login/")) {
        let why = format!(
            "djoser's {} answers {{\"auth_token\"}} (drf-spectacular documents its request as its answer)",
            op.call.path
        );
        decide("sign_in.token_field", "auth_token".into(), why);
        o.token_field = Some("auth_token".into());
    } else if sign_in.is_some() {
        let guess = if auth == "bearer" { "access" } else { "auth_token" };
        let why = format!("the sign-in answer names no token key; {guess} assumed: check it (--token-field)");
        decide("sign_in.token_field", guess.into(), why);
        o.token_field = Some(guess.into());
    }

    // The refresh token and its call (simplejwt, dj-rest-auth JWT, djoser JWT).
    let refresh_in_answer = auth == "bearer" && sign_in_keys.iter().any(|k| k == "refresh");
    if let Some(field) = &o.refresh_field {
        decide("sign_in.refresh_field", field.clone(), "given (--refresh-field)".into());
    } else if refresh_in_answer {
        decide("sign_in.refresh_field", "refresh".into(), "the sign-in answer's \"refresh\"".into());
        o.refresh_field = Some("refresh".into());
    }
    let refresh_field = o.refresh_field.clone();
    if let Some(call) = &o.refresh {
        decide("endpoints.refresh", show(call), "given (--refresh)".into());
    } else if let Some(field) = &refresh_field {
        let found = pick(
            ops.iter().filter(|op| {
                op.call.method == "POST" && op.call.path.contains("refresh") && request_keys(doc, op).contains(field)
            }),
            "endpoints.refresh",
            "--refresh",
        )?;
        match found {
            Some(op) => {
                decide("endpoints.refresh", show(&op.call), format!("a POST on a refresh path that takes {{{field}}}"));
                o.refresh = Some(op.call.clone());
            }
            None => decide(
                "endpoints.refresh",
                "none".into(),
                "no refresh path: an expired access token means signing in again".into(),
            ),
        }
    }
    if let Some(verify) = ops
        .iter()
        .find(|op| op.call.method == "POST" && op.call.path.contains("verify") && !op.call.path.contains("email"))
    {
        decide(
            "(not used)",
            show(&verify.call),
            "token verify: the app proves a token by reading the current user".into(),
        );
    }

    // Sign-out: simplejwt's blacklist takes the refresh token; the others
    // a logout path.
    if let Some(call) = &o.sign_out {
        decide("endpoints.sign_out", show(call), "given (--sign-out)".into());
    } else {
        let blacklist = refresh_field.is_some().then(|| ops.iter().find(|op| op.call.path.contains("blacklist")));
        let found = match blacklist.flatten() {
            Some(op) => Some((op, "simplejwt's blacklist: takes the refresh token")),
            None => pick(
                ops.iter().filter(|op| {
                    op.call.method == "POST"
                        && ["logout", "log-out", "sign-out", "signout", "sign_out", "token/destroy"]
                            .iter()
                            .any(|w| op.call.path.contains(w))
                }),
                "endpoints.sign_out",
                "--sign-out",
            )?
            .map(|op| (op, "a POST on a logout path")),
        };
        match found {
            Some((op, why)) => {
                decide("endpoints.sign_out", show(&op.call), why.into());
                o.sign_out = Some(op.call.clone());
            }
            None if auth == "basic" => {}
            None => decide(
                "endpoints.sign_out",
                "none".into(),
                "no logout path: signing out forgets the credential in the browser only".into(),
            ),
        }
    }

    // The CSRF call, for a session on another site.
    if let Some(call) = &o.csrf {
        decide("endpoints.csrf", show(call), "given (--csrf)".into());
    } else if auth == "session" {
        let found = pick(
            ops.iter().filter(|op| op.call.method == "GET" && op.call.path.contains("csrf")),
            "endpoints.csrf",
            "--csrf",
        )?;
        match found {
            Some(op) => {
                decide("endpoints.csrf", show(&op.call), "a GET on a csrf path".into());
                o.csrf = Some(op.call.clone());
            }
            None => decide(
                "endpoints.csrf",
                "none".into(),
                "no csrf path: the app reads the csrftoken cookie, which works with the API on the same host only"
                    .into(),
            ),
        }
    }

    // The account security calls (format 2).
    let read = o.read.clone().expect("read is known");
    password_change(doc, &ops, &mut o, &mut decide)?;
    delete_account(doc, &ops, &mut o, [&update, &read], &mut decide)?;
    Ok((o, decisions))
}

/// Keys of the current password in a password change or deletion body:
/// djoser's, then dj-rest-auth's (Django's `PasswordChangeForm`).
const CURRENT_KEYS: [&str; 2] = ["current_password", "old_password"];
/// Keys of the new password: djoser's, dj-rest-auth's, then a plain one.
const NEW_KEYS: [&str; 3] = ["new_password", "new_password1", "password"];
/// Keys of the new password typed again, in the same order.
const CONFIRM_KEYS: [&str; 6] =
    ["re_new_password", "new_password2", "password2", "re_password", "password_confirm", "confirm_password"];

/// The body keys of a password change, if `keys` hold a new password:
/// `new_password`/`new_password1`, or `password` beside a current one.
fn password_keys(keys: &[String]) -> Option<profile_model::PasswordChange> {
    let has = |k: &&&str| keys.iter().any(|x| x == **k);
    let current = CURRENT_KEYS.iter().find(has).map(|k| k.to_string());
    let new = NEW_KEYS.iter().find(|k| has(k) && (k.starts_with("new_") || current.is_some()))?;
    let confirm = CONFIRM_KEYS.iter().find(has).map(|k| k.to_string());
    Some(profile_model::PasswordChange { current_field: current, new_field: new.to_string(), confirm_field: confirm })
}

/// Why a POST that takes a password key is not the password change, or
/// `None` when it is one.
fn not_password_change(keys: &[String], path: &str) -> Option<String> {
    let has = |k: &str| keys.iter().any(|x| x == k);
    if has("uid") || has("token") {
        return Some("needs the uid and token of a reset e-mail: it resets a forgotten password".into());
    }
    if password_keys(keys).is_none() {
        return Some(match keys.iter().find(|k| k.starts_with("new_")) {
            Some(k) => format!("takes {k} and no new password: it changes something else"),
            None => "takes no new password".into(),
        });
    }
    if has("username") || has("email") {
        return Some("also takes a username or email: a registration".into());
    }
    let params = path_params(path);
    if !params.is_empty() {
        return Some(format!("has path parameters ({})", params.join(", ")));
    }
    None
}

/// `current, new, confirm` as the dialect writes them (`null` for none).
fn show_keys(keys: &profile_model::PasswordChange) -> String {
    let or_null = |k: &Option<String>| k.clone().unwrap_or_else(|| "null".into());
    format!("{}, {}, {}", or_null(&keys.current_field), keys.new_field, or_null(&keys.confirm_field))
}

/// What the body leaves out, in the backend's own setting's words.
fn keys_why(keys: &profile_model::PasswordChange) -> String {
    let mut why = vec!["the body's current, new and confirm keys, from its request schema".to_string()];
    let djoser = keys.new_field == "new_password";
    let dj_rest_auth = keys.new_field == "new_password1";
    if keys.confirm_field.is_none() {
        why.push(if djoser {
            "no re_new_password: djoser's SET_PASSWORD_RETYPE is off, the new password is sent once".into()
        } else {
            "no confirmation key: the new password is sent once".into()
        });
    }
    if keys.current_field.is_none() {
        why.push(if dj_rest_auth {
            "no old_password: dj-rest-auth's OLD_PASSWORD_FIELD_ENABLED is off, the current password is not asked"
                .into()
        } else {
            "no current password key: it is not asked".into()
        });
    }
    why.join("; ")
}

/// The one POST whose request takes a new password (djoser's
/// `set_password`, dj-rest-auth's `password/change/`), and its keys.
fn password_change(
    doc: &Doc,
    ops: &[Op],
    o: &mut Options,
    decide: &mut impl FnMut(&'static str, String, String),
) -> Result<(), String> {
    const KEY: &str = "endpoints.password_change";
    if o.no_password_change {
        o.password_change = None;
        decide(KEY, "none".into(), "given (--no-password-change)".into());
        return Ok(());
    }
    if let Some(call) = o.password_change.clone() {
        let op = ops
            .iter()
            .find(|op| op.call == call || op.call.method == call.method && call.path.ends_with(&op.call.path));
        let keys = op.map(|op| request_keys(doc, op)).unwrap_or_default();
        let Some(found) = password_keys(&keys) else {
            return Err(format!(
                "--password-change {}: the document shows no new password in its request (new_password, new_password1, or password beside current_password/old_password)",
                show(&call)
            ));
        };
        decide(KEY, show(&call), "given (--password-change)".into());
        decide("password_change", show_keys(&found), keys_why(&found));
        o.password_keys = Some(found);
        return Ok(());
    }
    // Every POST that takes a new or current password; those that are
    // something else are passed over, each with its reason.
    let mut chosen = Vec::new();
    let mut passed = Vec::new();
    for op in ops.iter().filter(|op| op.call.method == "POST") {
        let keys = request_keys(doc, op);
        let takes = keys.iter().any(|k| k.starts_with("new_password") || CURRENT_KEYS.contains(&k.as_str()));
        if !takes {
            continue;
        }
        match not_password_change(&keys, &op.call.path) {
            Some(why) => passed.push(format!("{} ({why})", show(&op.call))),
            None => chosen.push(op),
        }
    }
    let passed = if passed.is_empty() { String::new() } else { format!("; passed over: {}", passed.join(", ")) };
    match pick(chosen.into_iter(), "the password change call", "--password-change")? {
        Some(op) => {
            let keys = request_keys(doc, op);
            let found = password_keys(&keys).expect("a candidate takes a new password");
            let named: Vec<&str> = [Some(&found.new_field), found.confirm_field.as_ref(), found.current_field.as_ref()]
                .into_iter()
                .flatten()
                .map(String::as_str)
                .collect();
            decide(KEY, show(&op.call), format!("a POST whose request has {}{passed}", named.join(", ")));
            decide("password_change", show_keys(&found), keys_why(&found));
            o.password_change = Some(op.call.clone());
            o.password_keys = Some(found);
        }
        None => decide(
            KEY,
            "none".into(),
            format!("no POST takes a new password{passed} (--password-change 'POST /path/' to name one)"),
        ),
    }
    Ok(())
}

/// The DELETE on the user path (djoser's `DELETE …/users/me/`, or the
/// path with `delete/` after it), and whether it takes the password.
fn delete_account(
    doc: &Doc,
    ops: &[Op],
    o: &mut Options,
    user: [&Call; 2],
    decide: &mut impl FnMut(&'static str, String, String),
) -> Result<(), String> {
    const KEY: &str = "endpoints.delete_account";
    const FIELD: &str = "delete_account.current_field";
    if o.no_delete_account {
        o.delete_account = None;
        o.delete_account_field = None;
        decide(KEY, "none".into(), "given (--no-delete-account)".into());
        return Ok(());
    }
    let op = match o.delete_account.clone() {
        Some(call) => {
            decide(KEY, show(&call), "given (--delete-account)".into());
            ops.iter().find(|op| op.call == call || op.call.method == call.method && call.path.ends_with(&op.call.path))
        }
        None => {
            let mut paths: Vec<String> = user.iter().map(|c| c.path.clone()).collect();
            paths.push(format!("{}delete/", user[0].path));
            paths.dedup();
            let found = pick(
                ops.iter().filter(|op| op.call.method == "DELETE" && paths.contains(&op.call.path)),
                "the account deletion call",
                "--delete-account",
            )?;
            match found {
                Some(op) => {
                    let on = if op.call.path == user[0].path { "the user path" } else { "under the user path" };
                    decide(KEY, show(&op.call), format!("the DELETE on {on} (where read and update are)"));
                    o.delete_account = Some(op.call.clone());
                }
                None => {
                    decide(
                        KEY,
                        "none".into(),
                        format!(
                            "no DELETE on the user path {} (--delete-account 'DELETE /path/' to name one)",
                            user[0].path
                        ),
                    );
                    return Ok(());
                }
            }
            found
        }
    };
    if let Some(field) = &o.delete_account_field {
        decide(
            FIELD,
            if field == "none" { "null".into() } else { field.clone() },
            "given (--delete-account-field)".into(),
        );
        return Ok(());
    }
    let call = o.delete_account.clone().expect("the deletion call is known");
    let current_in = |keys: &[String]| CURRENT_KEYS.iter().chain(&["password"]).find(|k| keys.iter().any(|x| x == *k));
    let (field, why) = if let Some(schema) = op.and_then(|op| request_schema(op.op)) {
        let keys: Vec<String> = doc.properties(&schema).into_iter().map(|(n, _)| n).collect();
        match current_in(&keys) {
            Some(k) => (Some(k.to_string()), format!("its request body takes {k}")),
            None => (None, format!("its request body ({}) takes no password", keys.join(", "))),
        }
    } else if let Some((name, schema)) =
        ["UserDelete", "UserDeleteRequest"].iter().find_map(|n| doc.component(n).map(|s| (n, s)))
    {
        let keys: Vec<String> = doc.properties(&schema).into_iter().map(|(n, _)| n).collect();
        let k = current_in(&keys).map(|k| k.to_string());
        let said = k.as_deref().map_or("no password".to_string(), |k| k.to_string());
        (k, format!("the document shows no body for a DELETE (drf-spectacular documents none); its {name} component (djoser's UserDeleteSerializer) takes {said}"))
    } else if let Some(sibling) = djoser_set_password(ops, &call) {
        (
            Some("current_password".into()),
            format!(
                "the document shows no body for a DELETE (drf-spectacular documents none); {} beside it makes this djoser's UserViewSet, whose UserDeleteSerializer takes current_password: check it if the project swapped SERIALIZERS.user_delete (--delete-account-field)",
                show(sibling)
            ),
        )
    } else {
        (
            None,
            "the document shows no body for this DELETE and names no UserDelete component: unknowable from it, so no password is sent; check it (--delete-account-field current_password if the backend asks)".into(),
        )
    };
    decide(FIELD, field.clone().unwrap_or_else(|| "null".into()), why);
    o.delete_account_field = Some(field.unwrap_or_else(|| "none".into()));
    Ok(())
}

/// djoser's `set_password` POST beside a `…/me/` DELETE: the two actions
/// of its UserViewSet.
fn djoser_set_password<'c>(ops: &'c [Op], delete: &Call) -> Option<&'c Call> {
    let base = delete.path.strip_suffix("me/")?;
    let path = format!("{base}set_password/");
    ops.iter().find(|op| op.call.method == "POST" && op.call.path == path).map(|op| &op.call)
}

/// One operation with its call as the app makes it (server path prefixed).
struct Op<'a> {
    call: Call,
    op: &'a Value,
}

fn operations<'a>(doc: &'a Doc, prefix: &str) -> Vec<Op<'a>> {
    doc.operations()
        .into_iter()
        .map(|(method, path, op)| Op { call: Call { method, path: format!("{prefix}{path}") }, op })
        .collect()
}

fn show(call: &Call) -> String {
    format!("{} {}", call.method, call.path)
}

/// At most one of `candidates`; more is an error naming them and `flag`.
fn pick<'a, 'b>(
    candidates: impl Iterator<Item = &'b Op<'a>>,
    what: &str,
    flag: &str,
) -> Result<Option<&'b Op<'a>>, String>
where
    'a: 'b,
{
    let all: Vec<&Op> = candidates.collect();
    if all.len() > 1 {
        return Err(ambiguous(what, all.iter().map(|op| &op.call), flag));
    }
    Ok(all.into_iter().next())
}

fn ambiguous<'c>(what: &str, calls: impl Iterator<Item = &'c Call>, flag: &str) -> String {
    let calls: Vec<String> = calls.map(show).collect();
    format!(
        "{what} is ambiguous: the document has {} candidates:\n{}\npick one with {flag} '{}'",
        calls.len(),
        calls.iter().map(|c| format!("  {c}")).collect::<Vec<_>>().join("\n"),
        calls[0]
    )
}

/// Property names of a person (any two make a user schema).
const USER_PROPERTIES: [&str; 14] = [
    "username",
    "email",
    "first_name",
    "last_name",
    "full_name",
    "name",
    "avatar",
    "profile_picture",
    "bio",
    "phone",
    "date_joined",
    "details",
    "mobile_number",
    "display_name",
];

/// A schema with two or more of a person's properties.
fn is_user(doc: &Doc, schema: &Schema) -> bool {
    let names: Vec<String> = doc.properties(schema).into_iter().map(|(n, _)| n).collect();
    names.iter().filter(|n| USER_PROPERTIES.contains(&n.as_str())).count() >= 2
}

/// An update of a person: the body and the answer together name two of a
/// person's properties (a body may hold only `email`, djoser's default),
/// and it is not a password change.
fn updates_user(doc: &Doc, op: &Op) -> bool {
    let names: Vec<String> = request_keys(doc, op).into_iter().chain(answer_keys(doc, op)).collect();
    let password_change = names.iter().any(|n| n.starts_with("new_password") || n.starts_with("current_password"));
    let mut known: Vec<&str> = names.iter().map(String::as_str).filter(|n| USER_PROPERTIES.contains(n)).collect();
    known.sort_unstable();
    known.dedup();
    !password_change && known.len() >= 2
}

fn path_params(path: &str) -> Vec<&str> {
    path.split('{').skip(1).filter_map(|rest| rest.split_once('}').map(|(name, _)| name)).collect()
}

/// The one PATCH (else PUT) whose body is a user: on a path without
/// parameters, else with only `{id}`.
fn update_call(doc: &Doc, ops: &[Op], read: Option<&Call>) -> Result<(Call, String), String> {
    if let Some(read) = read {
        // Told where to read: update there.
        if let Some(op) = ["PATCH", "PUT"]
            .iter()
            .find_map(|m| ops.iter().find(|op| op.call.method == *m && op.call.path == read.path))
        {
            return Ok((op.call.clone(), format!("the {} on the read path", op.call.method)));
        }
    }
    let takes_user = |op: &&Op| matches!(op.call.method.as_str(), "PATCH" | "PUT") && updates_user(doc, op);
    let users: Vec<&Op> = ops.iter().filter(takes_user).collect();
    let plain: Vec<&Op> = users.iter().copied().filter(|op| path_params(&op.call.path).is_empty()).collect();
    let by_id: Vec<&Op> = users.iter().copied().filter(|op| path_params(&op.call.path) == ["id"]).collect();
    let (pool, where_) = if !plain.is_empty() {
        (plain, "no path parameter")
    } else if !by_id.is_empty() {
        (by_id, "only {id} (filled from the read answer)")
    } else {
        let others: Vec<String> = users.iter().map(|op| show(&op.call)).collect();
        return Err(format!(
            "no PATCH or PUT takes a user on a path without parameters or with only {{id}}{}; give --update 'PATCH /path/'",
            if others.is_empty() { String::new() } else { format!(" (with other parameters: {})", others.join(", ")) }
        ));
    };
    // One path may have both PATCH and PUT: PATCH sends only what changed.
    let mut paths: Vec<&str> = pool.iter().map(|op| op.call.path.as_str()).collect();
    paths.dedup();
    if paths.len() > 1 {
        let patches: Vec<&Call> =
            paths.iter().filter_map(|p| pool.iter().find(|op| op.call.path == *p).map(|op| &op.call)).collect();
        return Err(ambiguous("the update call", patches.into_iter(), "--update"));
    }
    let op = pool.iter().find(|op| op.call.method == "PATCH").unwrap_or(&pool[0]);
    let also_put = op.call.method == "PATCH" && pool.iter().any(|o| o.call.method == "PUT");
    let why = format!(
        "the one {} of a user ({}), on a path with {where_}{}",
        op.call.method,
        schema_name(op.op).unwrap_or_else(|| "inline".into()),
        if also_put { "; PATCH over PUT: it sends only what changed" } else { "" }
    );
    Ok((op.call.clone(), why))
}

/// The GET of the update path, else (an `{id}` update) the one GET
/// without parameters that answers the same schema.
fn read_call(doc: &Doc, ops: &[Op], update: &Call) -> Result<(Call, String), String> {
    if let Some(op) = ops.iter().find(|op| op.call.method == "GET" && op.call.path == update.path) {
        if path_params(&op.call.path).is_empty() {
            return Ok((op.call.clone(), "the GET of the update path".into()));
        }
    }
    if path_params(&update.path).is_empty() {
        return Ok((
            Call { method: "GET".into(), path: update.path.clone() },
            "the document lists no GET there; the app reads the update path with GET (--read to change)".into(),
        ));
    }
    let update_answer =
        ops.iter().find(|op| op.call == *update).and_then(|op| answer_schema(op.op)).map(|s| s.0.to_string());
    let same: Vec<&Op> = ops
        .iter()
        .filter(|op| {
            op.call.method == "GET"
                && path_params(&op.call.path).is_empty()
                && answer_schema(op.op).is_some_and(|s| Some(s.0.to_string()) == update_answer || is_user(doc, &s))
        })
        .collect();
    match same.as_slice() {
        [op] => Ok((op.call.clone(), "the one GET without parameters that answers the user".into())),
        [] => Err(format!(
            "{} needs the id from a read, and no GET without parameters answers a user; give --read 'GET /path/'",
            show(update)
        )),
        _ => Err(ambiguous("the read call", same.iter().map(|op| &op.call), "--read")),
    }
}

fn schema_name(op: &Value) -> Option<String> {
    let content = op.pointer("/requestBody/content")?.as_object()?;
    let media = content.get("application/json").or_else(|| content.values().next())?;
    let reference = media.pointer("/schema/$ref")?.as_str()?;
    Some(reference.rsplit('/').next()?.to_string())
}

fn request_keys(doc: &Doc, op: &Op) -> Vec<String> {
    request_schema(op.op).map(|s| doc.properties(&s).into_iter().map(|(n, _)| n).collect()).unwrap_or_default()
}

fn answer_keys(doc: &Doc, op: &Op) -> Vec<String> {
    answer_schema(op.op).map(|s| doc.properties(&s).into_iter().map(|(n, _)| n).collect()).unwrap_or_default()
}

/// A POST that takes `password` beside a username or email and is not a
/// registration or password change; one that answers a token wins.
fn sign_in_op<'a, 'b>(doc: &Doc, ops: &'b [Op<'a>]) -> Result<Option<&'b Op<'a>>, String> {
    let candidates: Vec<&Op> = ops
        .iter()
        .filter(|op| {
            let keys = request_keys(doc, op);
            let path = op.call.path.to_ascii_lowercase();
            op.call.method == "POST"
                && path_params(&path).is_empty()
                && keys.iter().any(|k| k == "password")
                && keys.iter().any(|k| k == "username" || k == "email")
                && !keys.iter().any(|k| k.starts_with("re_") || k.starts_with("new_") || k.ends_with("password2"))
                && !NOT_SIGN_IN.iter().any(|w| path.contains(w))
        })
        .collect();
    let answers_token = |op: &&Op| answer_keys(doc, op).iter().any(|k| TOKEN_KEYS.iter().any(|(t, _)| t == k));
    // By its last two segments: `/auth/users/` (djoser's registration) is
    // under `auth/` but signs no one in.
    let sign_in_path = |op: &&Op| {
        let path = op.call.path.to_ascii_lowercase();
        let tail: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).rev().take(2).collect();
        ["login", "log-in", "sign-in", "signin", "sign_in", "token", "jwt", "session"]
            .iter()
            .any(|w| tail.iter().any(|seg| seg.contains(w)))
    };
    let with_token: Vec<&Op> = candidates.iter().copied().filter(answers_token).collect();
    let pool = if with_token.is_empty() { candidates.into_iter().filter(sign_in_path).collect() } else { with_token };
    match pool.as_slice() {
        [] => Ok(None),
        [op] => Ok(Some(op)),
        _ => Err(ambiguous("the sign-in call", pool.iter().map(|op| &op.call), "--sign-in")),
    }
}

/// What a security scheme means to the app.
fn scheme_auth(scheme: &Value) -> Option<&'static str> {
    let get = |k: &str| scheme.get(k).and_then(Value::as_str).unwrap_or_default().to_ascii_lowercase();
    match (get("type").as_str(), get("in").as_str()) {
        ("http", _) if get("scheme") == "basic" => Some("basic"),
        ("http", _) if get("scheme") == "bearer" => Some("bearer"),
        ("apikey", "header") if get("name") == "authorization" => {
            Some(if get("description").contains("bearer") { "bearer" } else { "token" })
        }
        ("apikey", "cookie") if get("name").contains("session") => Some("session"),
        ("oauth2" | "openidconnect", _) => Some("bearer"),
        _ => None,
    }
}

/// The auth from the security schemes the read accepts (else all the
/// document defines), and the sign-in answer where several fit.
fn auth_for(
    doc: &Doc,
    read: Option<&Value>,
    token_key: Option<(&str, &'static str)>,
    has_sign_in: bool,
) -> Result<(&'static str, String), String> {
    let all = doc.security_schemes();
    let named = read.map(|op| doc.security_of(op)).unwrap_or_default();
    let schemes: Vec<(&str, &Value)> = if named.is_empty() {
        all.clone()
    } else {
        all.iter().filter(|(n, _)| named.iter().any(|x| x == n)).cloned().collect()
    };
    let mut modes: Vec<(&str, &'static str)> = Vec::new();
    let mut ignored = Vec::new();
    for (name, scheme) in &schemes {
        match scheme_auth(scheme) {
            Some(mode) => modes.push((name, mode)),
            None => ignored.push(*name),
        }
    }
    let ignored = if ignored.is_empty() {
        String::new()
    } else {
        format!("; {} not used (a JWT cookie or an unknown scheme)", ignored.join(", "))
    };
    let list = |modes: &[(&str, &str)]| modes.iter().map(|(n, m)| format!("{n} ({m})")).collect::<Vec<_>>().join(", ");
    let has = |m: &str| modes.iter().any(|(_, x)| *x == m);
    let header: Vec<(&str, &'static str)> =
        modes.iter().copied().filter(|(_, m)| matches!(*m, "token" | "bearer")).collect();
    if modes.is_empty() {
        return Ok((
            "bearer",
            format!("the document names no security scheme{ignored}; bearer (a JWT) assumed, DRF's most common: check it (--auth)"),
        ));
    }
    let schemes_said = format!("security schemes {}{ignored}", list(&modes));
    if !header.is_empty() {
        if let Some((key, mode)) = token_key {
            if has(mode) || header.len() == 1 {
                let chosen = if has(mode) { mode } else { header[0].1 };
                return Ok((chosen, format!("{schemes_said}; the sign-in answers {{{key}}}")));
            }
        }
        if has("session") && has_sign_in && token_key.is_none() {
            return Ok((
                "session",
                format!("{schemes_said}; the sign-in answers no token, so it sets the session cookie"),
            ));
        }
        if header.len() == 1 {
            return Ok((header[0].1, schemes_said));
        }
        let modes: Vec<&str> = header.iter().map(|(_, m)| *m).collect();
        return Err(format!(
            "the auth is ambiguous: {schemes_said}, and the sign-in answer does not tell them apart; pick one with --auth {}",
            modes.join(" or --auth ")
        ));
    }
    if has("session") && has_sign_in {
        return Ok(("session", format!("{schemes_said}; the sign-in call starts the session")));
    }
    if has("session") && has("basic") {
        return Ok((
            "basic",
            format!("{schemes_said}; a session needs a sign-in call, which the document lacks, and Basic needs none (--auth session --sign-in 'POST /path/' for the session)"),
        ));
    }
    if has("session") {
        return Err(format!(
            "the auth is a session ({schemes_said}), but no sign-in call is in the document: give --sign-in 'POST /path/'"
        ));
    }
    Ok(("basic", schemes_said))
}

/// `username` or `email`, as the sign-in body takes it.
fn login_field(doc: &Doc, op: &Op) -> (&'static str, String) {
    let Some(schema) = request_schema(op.op) else {
        return ("email", "the sign-in takes no documented body; email assumed (--login-field)".into());
    };
    let resolved = doc.resolve(&schema);
    let required: Vec<&str> = resolved
        .0
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let keys = request_keys(doc, op);
    let takes = |k: &str| keys.iter().any(|x| x == k);
    match (takes("username"), takes("email")) {
        (true, false) => ("username", "the sign-in takes username and password".into()),
        (false, true) => ("email", "the sign-in takes email and password".into()),
        _ if required.contains(&"email") && !required.contains(&"username") => {
            ("email", "the sign-in requires email (username optional)".into())
        }
        _ if required.contains(&"username") && !required.contains(&"email") => {
            ("username", "the sign-in requires username (email optional)".into())
        }
        _ => (
            "username",
            "the sign-in takes username or email (dj-rest-auth): username, Django's default; --login-field email for the other"
                .into(),
        ),
    }
}

/// The file's name, unless it says nothing (`schema.yaml`): then the
/// document's title.
fn name_for(doc: &Doc, file: Option<&str>) -> (String, String) {
    let slug = |s: &str| {
        let raw: String =
            s.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
        raw.split('-').filter(|p| !p.is_empty()).collect::<Vec<_>>().join("-")
    };
    let stem = file
        .and_then(|f| std::path::Path::new(f).file_stem()?.to_str().map(str::to_string))
        .map(|s| slug(&s))
        .filter(|s| !s.is_empty());
    const GENERIC: [&str; 6] = ["schema", "openapi", "api", "swagger", "openapi-schema", "api-schema"];
    if let Some(stem) = stem.clone().filter(|s| !GENERIC.contains(&s.as_str())) {
        return (stem, "the file's name (--name to change)".into());
    }
    if let Some(title) = doc.title().map(slug).filter(|t| !t.is_empty()) {
        return (title, "the document's title (--name to change)".into());
    }
    match stem {
        Some(stem) => (stem, "the file's name: the document has no title (--name to change)".into()),
        None => ("generated".into(), "neither a file name nor a title (--name to change)".into()),
    }
}

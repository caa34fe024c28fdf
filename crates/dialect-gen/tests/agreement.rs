//! The generator with no flags against the shipped dialect files, for the
//! three seeds that publish OpenAPI (letraz, aisquare-profile,
//! aisquare-details): the auth, every call, the sign-in keys, every field
//! and every attribute are compared, and each difference must have a
//! reason here; the same for users-me's account calls against djoser's
//! document (the seed publishes none). The table of differences is
//! printed and written to `target/dialect-agreement.md`; an unexplained
//! difference fails, and so does a reason that no longer matches a
//! difference.

use dialect_gen::{generate, Options};
use profile_model::catalogue::Label;
use profile_model::{parse_dialect, shipped, Dialect, FieldSpec};
use std::collections::BTreeSet;

const ATTRIBUTES: [&str; 11] = [
    "present",
    "kind",
    "choices",
    "section",
    "max_length",
    "required",
    "nullable",
    "read_only",
    "not_future",
    "label",
    "read_at",
];

/// The dialect-level attributes, compared under the path "(dialect)".
const DIALECT_ATTRIBUTES: [&str; 13] = [
    "auth",
    "endpoints.read",
    "endpoints.update",
    "endpoints.sign_in",
    "endpoints.sign_out",
    "endpoints.refresh",
    "endpoints.csrf",
    "sign_in.login_field",
    "sign_in.token_field+refresh_field",
    "endpoints.password_change",
    "password_change",
    "endpoints.delete_account",
    "delete_account",
];

/// Why a generated attribute differs from the shipped file: (dialect,
/// path, attribute, reason). "*" as the path: every path of the dialect.
const REASONS: &[(&str, &str, &str, &str)] = &[
    // What the published documents leave out: they hold only the profile path.
    ("letraz", "(dialect)", "auth", "the document lists basicAuth and cookieAuth but no sign-in call, and a session cannot start without one: Basic (which letraz also takes) is the zero-flag choice; --auth session --sign-in picks the session"),
    ("letraz", "(dialect)", "endpoints.sign_in", "letraz's published document holds only /user/; its /auth/login/ is known from its code, not the document"),
    ("letraz", "(dialect)", "endpoints.sign_out", "not in the published document (only /user/ is)"),
    ("letraz", "(dialect)", "endpoints.csrf", "not in the published document (only /user/ is)"),
    ("aisquare-*", "(dialect)", "endpoints.sign_in", "the published document holds only the profile path; simplejwt's /token/ is known from aisquare's code"),
    ("aisquare-*", "(dialect)", "endpoints.sign_out", "not in the published document (only the profile path is)"),
    ("aisquare-*", "(dialect)", "endpoints.refresh", "not in the published document (only the profile path is)"),
    ("aisquare-*", "(dialect)", "sign_in.token_field+refresh_field", "no sign-in answer in the document to find a refresh token in; the access token's key is the bearer default"),
    // letraz (seed 000)
    ("letraz", "first_name", "required", "the document has no minLength; letraz's model refuses a blank first name (the shipped file says so from the prose)"),
    ("letraz", "email", "required", "the document has no minLength; a Django user's email is required (prose)"),
    ("letraz", "website", "kind", "the document types it as a plain string (no format: uri); the shipped file validates it as a link"),
    ("letraz", "website", "section", "follows from the kind: a link goes to Links"),
    ("letraz", "country", "max_length", "the document gives no maxLength for the code; the shipped file says 3 (ISO alpha-3 keys)"),
    ("letraz", "created_at", "label", "OpenAPI has no labels; the shipped file says \"Joined\""),
    ("letraz", "is_active", "present", "in the answer, not shown by the shipped file (account flags a person cannot change)"),
    ("letraz", "is_staff", "present", "in the answer, not shown by the shipped file"),
    ("letraz", "is_superuser", "present", "in the answer, not shown by the shipped file"),
    ("letraz", "last_login", "present", "in the answer, not shown by the shipped file"),
    // aisquare-profile (seed 001) and aisquare-details (seed 002)
    ("aisquare-*", "title", "read_only", "the update schema lists it without readOnly; it is a rank the platform awards, so the shipped file shows it read-only"),
    ("aisquare-*", "title", "section", "as a rank it goes to Activity, not Name"),
    ("aisquare-*", "title", "label", "OpenAPI has no labels; the shipped file calls it \"Rank\" (field.rank_title)"),
    ("aisquare-*", "top_domain_rank", "read_only", "listed without readOnly in the update schema; a score the platform computes"),
    ("aisquare-*", "top_domain_elo", "read_only", "listed without readOnly in the update schema; a score the platform computes"),
    ("aisquare-*", "followers_count", "read_only", "listed without readOnly in the update schema; a counter"),
    ("aisquare-*", "following_count", "read_only", "listed without readOnly in the update schema; a counter"),
    ("aisquare-*", "streak", "read_only", "listed without readOnly in the update schema; a counter"),
    ("aisquare-*", "streak", "section", "as a counter it goes to Activity"),
    ("aisquare-*", "highest_streak", "read_only", "listed without readOnly in the update schema; a counter"),
    ("aisquare-*", "highest_streak", "section", "as a counter it goes to Activity"),
    ("aisquare-*", "address", "nullable", "the document gives no type at all (\"Any type\"); the shipped file lets it be cleared"),
    ("aisquare-*", "company_info", "present", "untyped (\"Any type\") and not shown by the shipped file"),
    ("aisquare-*", "streak_freeze_days", "present", "not shown by the shipped file"),
    ("aisquare-*", "unlocked_titles", "present", "not shown by the shipped file"),
    ("aisquare-*", "is_following", "present", "about the viewer, not the person: not shown by the shipped file"),
    ("aisquare-*", "is_followed_back", "present", "about the viewer, not the person: not shown by the shipped file"),
    ("aisquare-profile", "created_at", "label", "OpenAPI has no labels; the shipped file says \"Joined\""),
    ("aisquare-profile", "user_type", "read_at", "the read answer (IAMUserDetailView) has no user_type; the shipped file points at the flat name, the generator at the path, and the app tries both"),
];

/// The three seeds with their file names (which name the generated dialect).
fn seeds() -> Vec<(&'static Dialect, &'static str, &'static str)> {
    vec![
        (shipped::letraz(), "letraz.yaml", include_str!("openapi/letraz.yaml")),
        (shipped::aisquare_profile(), "aisquare-profile.yaml", include_str!("openapi/aisquare-profile.yaml")),
        (shipped::aisquare_details(), "aisquare-details.yaml", include_str!("openapi/aisquare-details.yaml")),
    ]
}

fn show(e: Option<&profile_model::Endpoint>) -> String {
    e.map(|e| format!("{} {}", e.method, e.path)).unwrap_or_else(|| "none".into())
}

fn dialect_attribute(d: &Dialect, name: &str) -> String {
    match name {
        "auth" => d.auth.name().into(),
        "endpoints.read" => show(Some(&d.endpoints.read)),
        "endpoints.update" => show(Some(&d.endpoints.update)),
        "endpoints.sign_in" => show(d.endpoints.sign_in.as_ref()),
        "endpoints.sign_out" => show(d.endpoints.sign_out.as_ref()),
        "endpoints.refresh" => show(d.endpoints.refresh.as_ref()),
        "endpoints.csrf" => show(d.endpoints.csrf.as_ref()),
        "sign_in.login_field" => d.sign_in.login_field.name().into(),
        "sign_in.token_field+refresh_field" => format!("{:?} {:?}", d.sign_in.token_field, d.sign_in.refresh_field),
        "endpoints.password_change" => show(d.endpoints.password_change.as_ref()),
        "password_change" => d
            .password_change
            .as_ref()
            .map(|p| format!("{:?} {:?} {:?}", p.current_field, p.new_field, p.confirm_field))
            .unwrap_or_else(|| "none".into()),
        "endpoints.delete_account" => show(d.endpoints.delete_account.as_ref()),
        "delete_account" => {
            d.delete_account.as_ref().map(|a| format!("{:?}", a.current_field)).unwrap_or_else(|| "none".into())
        }
        _ => unreachable!(),
    }
}

fn attribute(f: Option<&FieldSpec>, name: &str) -> String {
    let Some(f) = f else { return if name == "present" { "no".into() } else { "-".into() } };
    match name {
        "present" => "yes".into(),
        "kind" => f.kind.name().into(),
        "choices" => f.choices.join("|"),
        "section" => f.section.name().into(),
        "max_length" => f.max_length.map(|n| n.to_string()).unwrap_or_default(),
        "required" => f.required.to_string(),
        "nullable" => f.nullable.to_string(),
        "read_only" => f.read_only.to_string(),
        "not_future" => f.not_future.to_string(),
        "label" => match &f.label {
            Some(Label::Key(k)) => k.clone(),
            Some(Label::Text(t)) => format!("{t:?}"),
            None => String::new(),
        },
        // Where the value is read, after the fallbacks the app applies.
        "read_at" => format!(
            "{}{}",
            f.read_from.clone().unwrap_or_else(|| f.path.clone()),
            f.read_key.as_ref().map(|k| format!("[{k}]")).unwrap_or_default()
        ),
        _ => unreachable!(),
    }
}

fn reason(dialect: &str, path: &str, attr: &str) -> Option<&'static str> {
    let name = path.rsplit('.').next().unwrap_or(path);
    REASONS
        .iter()
        .find(|(d, p, a, _)| {
            let dialect_ok = *d == dialect || d.strip_suffix('*').is_some_and(|pre| dialect.starts_with(pre));
            dialect_ok && (*p == path || *p == name || *p == "*") && *a == attr
        })
        .map(|(_, _, _, r)| *r)
}

#[test]
fn generated_files_agree_with_the_shipped_ones_field_by_field() {
    let mut rows = Vec::new();
    let mut unexplained = Vec::new();
    let mut used = BTreeSet::new();
    for (shipped, file, yaml) in seeds() {
        let generated = generate(yaml, Some(file), &Options::default()).expect("the seed generates with no flags");
        let generated = parse_dialect(&generated.dialect.to_string()).expect("and parses");
        assert_eq!(generated.name, shipped.name, "named after the file");
        for attr in DIALECT_ATTRIBUTES {
            let (want, got) = (dialect_attribute(shipped, attr), dialect_attribute(&generated, attr));
            if want == got {
                continue;
            }
            match reason(&shipped.name, "(dialect)", attr) {
                Some(why) => {
                    used.insert((shipped.name.clone(), "(dialect)".to_string(), attr));
                    rows.push(format!("| {} | (dialect) | {attr} | {want} | {got} | {why} |", shipped.name));
                }
                None => unexplained.push(format!("{} {attr}: shipped {want:?}, generated {got:?}", shipped.name)),
            }
        }
        let mut paths: Vec<&str> = shipped.fields.iter().map(|f| f.path.as_str()).collect();
        for f in &generated.fields {
            if !paths.contains(&f.path.as_str()) {
                paths.push(&f.path);
            }
        }
        for path in paths {
            let s = shipped.fields.iter().find(|f| f.path == path);
            let g = generated.fields.iter().find(|f| f.path == path);
            for attr in ATTRIBUTES {
                if attr != "present" && (s.is_none() || g.is_none()) {
                    continue;
                }
                let (want, got) = (attribute(s, attr), attribute(g, attr));
                if want == got {
                    continue;
                }
                match reason(&shipped.name, path, attr) {
                    Some(why) => {
                        used.insert((shipped.name.clone(), path.rsplit('.').next().unwrap_or(path).to_string(), attr));
                        rows.push(format!("| {} | {path} | {attr} | {want} | {got} | {why} |", shipped.name));
                    }
                    None => {
                        unexplained.push(format!("{} {path} {attr}: shipped {want:?}, generated {got:?}", shipped.name))
                    }
                }
            }
        }
    }
    let table = format!(
        "| dialect | field | attribute | shipped | generated | reason |\n|---|---|---|---|---|---|\n{}\n",
        rows.join("\n")
    );
    println!("{table}");
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/dialect-agreement.md");
    let _ = std::fs::write(out, &table);
    assert!(unexplained.is_empty(), "differences without a reason:\n{}", unexplained.join("\n"));
    let stale: Vec<_> = REASONS
        .iter()
        .filter(|(d, p, a, _)| {
            !used.iter().any(|(ud, up, ua)| {
                (ud == d || d.strip_suffix('*').is_some_and(|pre| ud.starts_with(pre))) && up == p && ua == a
            })
        })
        .collect();
    assert!(stale.is_empty(), "reasons for differences that are gone: {stale:?}");
}

/// users-me (seed 004) publishes no OpenAPI document and documents
/// neither account call; its shipped calls are djoser's. The generator's,
/// from the djoser project's document (tests/djoser), moved from djoser's
/// `/auth/` to the seed's `/api/`, must be the shipped ones, and each
/// difference has its reason here: (attribute, reason).
const USERS_ME_REASONS: &[(&str, &str)] = &[(
    "password_change",
    "the seed runs djoser with SET_PASSWORD_RETYPE, so it takes re_new_password; tests/djoser does not, so its document has no confirm key",
)];

#[test]
fn users_me_account_calls_are_the_ones_djosers_document_generates() {
    let shipped = shipped::users_me();
    let g = generate(include_str!("openapi/stacks/djoser.yaml"), Some("djoser.yaml"), &Options::default())
        .expect("djoser's document generates with no flags");
    let mut generated = parse_dialect(&g.dialect.to_string()).expect("and parses");
    for e in [&mut generated.endpoints.password_change, &mut generated.endpoints.delete_account].into_iter().flatten() {
        e.path = e.path.replacen("/auth/", "/api/", 1);
    }
    let mut unexplained = Vec::new();
    let mut used = BTreeSet::new();
    for attr in ["endpoints.password_change", "password_change", "endpoints.delete_account", "delete_account"] {
        let (want, got) = (dialect_attribute(shipped, attr), dialect_attribute(&generated, attr));
        if want == got {
            continue;
        }
        match USERS_ME_REASONS.iter().find(|(a, _)| *a == attr) {
            Some((_, why)) => {
                used.insert(attr);
                println!("| users-me | (dialect) | {attr} | {want} | {got} | {why} |");
            }
            None => unexplained.push(format!("users-me {attr}: shipped {want:?}, generated {got:?}")),
        }
    }
    assert!(unexplained.is_empty(), "differences without a reason:\n{}", unexplained.join("\n"));
    let stale: Vec<_> = USERS_ME_REASONS.iter().filter(|(a, _)| !used.contains(a)).collect();
    assert!(stale.is_empty(), "reasons for differences that are gone: {stale:?}");
}

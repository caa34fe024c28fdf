//! Change sets: the smallest update body that turns what was loaded into
//! what was edited, shaped for the dialect (nested `details` for
//! aisquare-profile because its catalogue paths say so; flat otherwise).

use crate::catalogue::{catalogue, FieldSpec};
use crate::values::{normalize, FieldValue, FormValues};
use crate::Dialect;
use serde_json::{Map, Value};

/// Editable fields whose edited value differs from the loaded one. A path
/// missing from `edited` counts as untouched.
pub fn changed_fields<'a>(dialect: &'a Dialect, loaded: &FormValues, edited: &FormValues) -> Vec<&'a FieldSpec> {
    catalogue(dialect)
        .iter()
        .filter(|spec| spec.in_json_patch())
        .filter(|spec| match edited.get(&spec.path) {
            None => false,
            Some(new) => {
                let old = loaded.get(&spec.path).unwrap_or(&FieldValue::Null);
                let new = normalize(spec, new);
                // Files are uploaded by multipart: JSON only clears them.
                (spec.kind != crate::catalogue::FieldKind::File || new.is_null()) && normalize(spec, old) != new
            }
        })
        .collect()
}

/// The JSON update body: only changed fields, `null` where a nullable field
/// was cleared. An empty object means there is nothing to send.
pub fn patch(dialect: &Dialect, loaded: &FormValues, edited: &FormValues) -> Value {
    let mut body = Map::new();
    for spec in changed_fields(dialect, loaded, edited) {
        let value = normalize(spec, edited.get(&spec.path).unwrap_or(&FieldValue::Null));
        insert_path(&mut body, &spec.path, value.to_json());
    }
    Value::Object(body)
}

/// What the values become once the server has applied `patch`: the inverse
/// of [`patch`], used by tests and by the reference server.
pub fn apply_patch(dialect: &Dialect, loaded: &FormValues, patch: &Value) -> FormValues {
    let mut out = loaded.clone();
    for (path, v) in crate::values::from_patch(dialect, patch).0 {
        out.0.insert(path, v);
    }
    out
}

/// A flat patch as multipart text parts, for dialects that take an avatar
/// upload in the same request (pwgen, users-me): strings as they are,
/// booleans `true`/`false`, `null` as an empty part (DRF reads `''` in form
/// data as `None` for a nullable field: that is how `avatar=null` clears
/// users-me's avatar in multipart), list items as repeated parts. Nested objects are
/// flattened with dotted names, which no multipart dialect uses.
pub fn multipart_parts(patch: &Value) -> Vec<(String, String)> {
    fn walk(prefix: &str, v: &Value, out: &mut Vec<(String, String)>) {
        match v {
            Value::Object(m) => {
                for (k, v) in m {
                    let name = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                    match v {
                        Value::Array(items) => items.iter().for_each(|i| walk(&name, i, out)),
                        _ => walk(&name, v, out),
                    }
                }
            }
            Value::String(s) => out.push((prefix.to_string(), s.clone())),
            Value::Null => out.push((prefix.to_string(), String::new())),
            other => out.push((prefix.to_string(), other.to_string())),
        }
    }
    let mut out = Vec::new();
    walk("", patch, &mut out);
    out
}

fn insert_path(body: &mut Map<String, Value>, path: &str, value: Value) {
    match path.split_once('.') {
        None => {
            body.insert(path.to_string(), value);
        }
        Some((head, rest)) => {
            let child = body.entry(head.to_string()).or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(m) = child {
                insert_path(m, rest, value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shipped;
    use serde_json::json;

    fn loaded(d: &Dialect, answer: Value) -> FormValues {
        crate::values::from_answer(d, &answer)
    }

    #[test]
    fn patch_holds_only_changed_fields() {
        let a = loaded(shipped::letraz(), json!({"first_name": "Ann", "last_name": "Lee", "city": "Oslo"}));
        let b = a.clone().with("first_name", "Anna");
        assert_eq!(patch(shipped::letraz(), &a, &b), json!({"first_name": "Anna"}));
        assert_eq!(patch(shipped::letraz(), &a, &a), json!({}));
    }

    #[test]
    fn patch_sends_null_for_cleared_nullable_field() {
        let a = loaded(shipped::letraz(), json!({"first_name": "Ann", "city": "Oslo"}));
        let b = a.clone().with("city", "  ");
        assert_eq!(patch(shipped::letraz(), &a, &b), json!({"city": null}));
    }

    #[test]
    fn patch_sends_empty_string_for_cleared_non_nullable_field() {
        let a = loaded(shipped::letraz(), json!({"first_name": "Ann"}));
        let b = a.clone().with("first_name", "");
        assert_eq!(patch(shipped::letraz(), &a, &b), json!({"first_name": ""}));
    }

    #[test]
    fn typing_into_a_null_field_and_erasing_is_no_change() {
        let a = loaded(shipped::letraz(), json!({"first_name": "Ann", "title": null}));
        let b = a.clone().with("title", "");
        assert_eq!(patch(shipped::letraz(), &a, &b), json!({}));
    }

    #[test]
    fn patch_nests_details_for_aisquare_profile() {
        let a = loaded(shipped::aisquare_profile(), json!({"username": "jd", "bio": "x"}));
        let b = a.clone().with("details.bio", "y").with("username", "jd2").with("details.activity_based_emails", true);
        assert_eq!(
            patch(shipped::aisquare_profile(), &a, &b),
            json!({"username": "jd2", "details": {"bio": "y", "activity_based_emails": true}})
        );
    }

    #[test]
    fn patch_is_flat_for_aisquare_details() {
        let a = loaded(shipped::aisquare_details(), json!({"bio": "x", "skills": ["a"]}));
        let b = a.clone().with("bio", "y").with("skills", vec!["a".to_string(), "b".to_string()]);
        assert_eq!(patch(shipped::aisquare_details(), &a, &b), json!({"bio": "y", "skills": ["a", "b"]}));
    }

    #[test]
    fn patch_sends_letraz_country_as_string() {
        let a = loaded(shipped::letraz(), json!({"country": {"code": "DEU", "name": "Germany"}}));
        let b = a.clone().with("country", "FRA");
        assert_eq!(patch(shipped::letraz(), &a, &b), json!({"country": "FRA"}));
    }

    #[test]
    fn patch_never_sends_read_only_fields() {
        let a = loaded(shipped::users_me(), json!({"full_name": "A B", "groups": []}));
        let b =
            a.clone().with("full_name", "X").with("groups", vec!["x".to_string()]).with("is_profile_completed", true);
        assert_eq!(patch(shipped::users_me(), &a, &b), json!({}));
    }

    #[test]
    fn patch_clears_nullable_avatars_with_null_but_never_sends_a_url() {
        let a = loaded(shipped::users_me(), json!({"avatar": "http://x/a.jpg"}));
        assert_eq!(
            patch(shipped::users_me(), &a, &a.clone().with("avatar", FieldValue::Null)),
            json!({"avatar": null})
        );
        assert_eq!(patch(shipped::users_me(), &a, &a.clone().with("avatar", "http://x/b.jpg")), json!({}));
        let p = loaded(shipped::pwgen(), json!({"avatar": "/media/a.jpg"}));
        assert_eq!(patch(shipped::pwgen(), &p, &p.clone().with("avatar", FieldValue::Null)), json!({"avatar": null}));
        assert_eq!(patch(shipped::pwgen(), &p, &p.clone().with("avatar", "/media/b.jpg")), json!({}));
    }

    #[test]
    fn multipart_parts_are_flat_text() {
        let parts = multipart_parts(&json!({"first_name": "Ann", "avatar": null, "ok": true, "tags": ["a", "b"]}));
        let want = [("avatar", ""), ("first_name", "Ann"), ("ok", "true"), ("tags", "a"), ("tags", "b")];
        assert_eq!(parts, want.map(|(a, b)| (a.to_string(), b.to_string())));
    }

    #[test]
    fn apply_patch_inverts_patch() {
        let a = loaded(shipped::aisquare_profile(), json!({"username": "jd", "bio": "x"}));
        let b = a.clone().with("details.bio", FieldValue::Null).with("details.focus_area", vec!["ML".to_string()]);
        let p = patch(shipped::aisquare_profile(), &a, &b);
        assert_eq!(
            apply_patch(shipped::aisquare_profile(), &a, &p).normalized(shipped::aisquare_profile()),
            b.normalized(shipped::aisquare_profile())
        );
    }
}

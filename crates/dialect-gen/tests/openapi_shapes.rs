//! The OpenAPI shapes drf-spectacular writes, one by one, in the JSON
//! spelling and the 3.0 dialect (the seeds cover YAML and 3.1).

use dialect_gen::{from_openapi, Call, Options};
use serde_json::{json, Value};

fn doc(write: Value, read: Value, multipart: bool) -> String {
    let mut content = json!({"application/json": {"schema": {"$ref": "#/components/schemas/PatchedMe"}}});
    if multipart {
        content["multipart/form-data"] = json!({"schema": {"$ref": "#/components/schemas/PatchedMe"}});
    }
    json!({
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {"/me/": {
            "get": {"responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Me"}}}}}},
            "patch": {"requestBody": {"content": content},
                      "responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Me"}}}}}}
        }},
        "components": {"schemas": {
            "PatchedMe": write,
            "Me": read,
            "GenderEnum": {"enum": ["male", "female"], "type": "string"},
            "BlankEnum": {"enum": [""]},
            "NullEnum": {"enum": [null]},
            "Country": {"type": "object", "properties": {"code": {"type": "string"}, "name": {"type": "string"}}}
        }}
    })
    .to_string()
}

fn fields(text: &str) -> Vec<Value> {
    let options = Options {
        name: "t".into(),
        update: Some(Call::parse("PATCH /me/").unwrap()),
        auth: Some("token".into()),
        sign_in: Some(Call::parse("POST /auth/token/login/").unwrap()),
        ..Options::default()
    };
    let generated = from_openapi(text, &options).unwrap();
    generated.dialect["fields"].as_array().unwrap().clone()
}

fn field<'a>(fields: &'a [Value], path: &str) -> &'a Value {
    fields.iter().find(|f| f["path"] == path).unwrap_or_else(|| panic!("no {path} in {fields:#?}"))
}

#[test]
fn types_formats_lengths_and_the_ways_of_saying_null() {
    let write = json!({"type": "object", "properties": {
        "first_name": {"type": "string", "maxLength": 150},
        "nickname": {"type": "string", "nullable": true, "minLength": 1},
        "email": {"oneOf": [{"type": "string", "format": "email", "maxLength": 254}, {"type": "string", "maxLength": 0}]},
        "birth_date": {"type": "string", "format": "date", "nullable": true},
        "gender": {"nullable": true, "oneOf": [{"$ref": "#/components/schemas/GenderEnum"},
                   {"$ref": "#/components/schemas/BlankEnum"}, {"$ref": "#/components/schemas/NullEnum"}]},
        "homepage": {"allOf": [{"type": "string", "format": "uri"}], "nullable": true},
        "newsletter_emails": {"type": "boolean"},
        "tags": {"type": "array", "items": {"type": "string"}},
        "country": {"type": "string"}
    }});
    let read = json!({"type": "object", "properties": {
        "id": {"type": "integer", "readOnly": true},
        "username": {"type": "string", "readOnly": true, "pattern": "^[\\w.@+-]+$"},
        "date_joined": {"type": "string", "format": "date-time", "readOnly": true},
        "country": {"allOf": [{"$ref": "#/components/schemas/Country"}], "nullable": true}
    }});
    let f = fields(&doc(write, read, false));
    assert_eq!(field(&f, "first_name")["max_length"], 150);
    assert_eq!(field(&f, "nickname")["nullable"], true);
    assert_eq!(field(&f, "nickname")["required"], true, "minLength 1: may not be blank");
    assert_eq!(field(&f, "email")["kind"], "email");
    assert_eq!(field(&f, "email")["max_length"], 254);
    assert!(field(&f, "email").get("nullable").is_none(), "blank is not null");
    assert_eq!(field(&f, "birth_date")["kind"], "date");
    assert_eq!(field(&f, "birth_date")["not_future"], true);
    assert_eq!(field(&f, "gender")["kind"], "choice");
    assert_eq!(field(&f, "gender")["choices"], json!(["male", "female"]));
    assert_eq!(field(&f, "gender")["nullable"], true);
    assert_eq!((&field(&f, "homepage")["kind"], &field(&f, "homepage")["section"]), (&json!("url"), &json!("links")));
    assert_eq!(field(&f, "homepage")["nullable"], true);
    assert_eq!(field(&f, "newsletter_emails")["section"], "notifications");
    assert_eq!(field(&f, "tags")["kind"], "list");
    assert_eq!(field(&f, "username")["read_only"], true);
    assert_eq!(field(&f, "username")["kind"], "username");
    assert_eq!(field(&f, "date_joined")["kind"], "date_time");
    assert_eq!(field(&f, "country")["read_key"], "code", "answered as {{code, name}}, written as the code");
    assert!(f.iter().all(|x| x["path"] != "id"), "ids are not shown");
}

#[test]
fn a_file_is_the_photo_when_the_update_takes_multipart_and_read_only_when_json_only() {
    let write =
        json!({"type": "object", "properties": {"avatar": {"type": "string", "format": "binary", "nullable": true}}});
    let read =
        json!({"type": "object", "properties": {"avatar": {"type": "string", "format": "uri", "nullable": true}}});
    let options = Options {
        name: "t".into(),
        update: Some(Call::parse("PATCH /me/").unwrap()),
        auth: Some("token".into()),
        ..Options::default()
    };
    let g = from_openapi(&doc(write.clone(), read.clone(), true), &options).unwrap();
    assert_eq!(g.dialect["photo"], json!({"field": "avatar", "remove": "empty_part"}));
    let f = fields(&doc(write, read, false));
    assert_eq!(field(&f, "avatar")["read_only"], true);
}

#[test]
fn nested_write_objects_become_dotted_paths_read_flat() {
    let write = json!({"type": "object", "properties": {
        "details": {"type": "object", "properties": {"bio": {"type": "string", "nullable": true}}}
    }});
    let read = json!({"type": "object", "properties": {"bio": {"type": "string"}}});
    let f = fields(&doc(write, read, false));
    assert_eq!(field(&f, "details.bio")["read_from"], "bio");
    assert_eq!(field(&f, "details.bio")["kind"], "multiline");
}

#[test]
fn what_the_document_lacks_is_named() {
    let err = from_openapi("openapi: 2.0\n", &Options::default()).err().unwrap();
    assert!(err.contains("OpenAPI 3.0 or 3.1"), "{err}");
    let options =
        Options { name: "t".into(), update: Some(Call::parse("PATCH /nope/").unwrap()), ..Options::default() };
    let err = from_openapi(&doc(json!({}), json!({}), false), &options).err().unwrap();
    assert!(err.contains("no path \"/nope/\""), "{err}");
    assert!(Call::parse("/me/").is_err());
}

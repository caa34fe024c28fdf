//! letraz `PatchedUserUpsert` / `User` (seed 000): the stated max lengths.
use super::{FieldKind::*, FieldSpec as F, Section::*};

pub static FIELDS: &[F] = &[
    F::new("title", Text, Name).max(10).nullable(),
    F::new("first_name", Text, Name).max(50).required(),
    F::new("last_name", Text, Name).max(50).nullable(),
    F::new("phone", Phone, Contact).max(25).nullable(),
    F::new("dob", Date, About).nullable().not_future(),
    F::new("nationality", Text, About).max(50).nullable(),
    F::new("profile_text", Multiline, About).max(1000).nullable(),
    F::new("website", Url, Links).max(50).nullable(),
    F::new("address", Multiline, Address).max(500).nullable(),
    F::new("city", Text, Address).max(50).nullable(),
    F::new("postal", Text, Address).max(50).nullable(),
    // Read as {code, name}; written as the code (Country's key, ISO alpha-3).
    F::new("country", Text, Address).max(3).nullable(),
    F::new("email", Email, Account).max(254).required(),
    F::new("created_at", DateTime, Account).read_only().label("field.joined"),
    F::new("updated_at", DateTime, Account).read_only(),
];

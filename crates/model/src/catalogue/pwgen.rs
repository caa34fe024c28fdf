//! pwgen (seed 003): names and email up to 200, phone up to 10.
use super::{FieldKind::*, FieldSpec as F, Section::*};

pub static FIELDS: &[F] = &[
    F::new("avatar", File, Photo),
    F::new("first_name", Text, Name).max(200),
    F::new("last_name", Text, Name).max(200),
    // Not stated nullable: clearing sends "" (what the typed `UserUpdate` can say).
    F::new("number_phone", Phone, Contact).max(10),
    F::new("username", Text, Account).required(),
    F::new("email", Email, Account).max(200),
    F::new("date_joined", DateTime, Account).read_only().label("field.joined"),
    F::new("last_login", DateTime, Account).read_only(),
];

//! pwgen (seed 003): a Django `AbstractUser` with `number_phone` and
//! `avatar`. Names and email up to 200, phone up to 10 (the document's
//! constraints); `username` is AbstractUser's own (required, at most 150,
//! `UnicodeUsernameValidator`); `email` is required (the real model does not
//! allow it blank); `avatar` is `ImageField(null=True, blank=True)`, so it
//! can be removed with `null`.
use super::{FieldKind::*, FieldSpec as F, Section::*};

pub static FIELDS: &[F] = &[
    F::new("avatar", File, Photo).nullable(),
    F::new("first_name", Text, Name).max(200),
    F::new("last_name", Text, Name).max(200),
    // Not stated nullable: clearing sends "" (what the typed `UserUpdate` can say).
    F::new("number_phone", Phone, Contact).max(10),
    F::new("username", Username, Account).max(150).required(),
    F::new("email", Email, Account).max(200).required(),
    F::new("date_joined", DateTime, Account).read_only().label("field.joined"),
    F::new("last_login", DateTime, Account).read_only(),
];

//! users-me (seed 004): everything nullable; `avatar: null` removes it.
use super::{FieldKind::*, FieldSpec as F, Section::*};

pub const GENDERS: &[&str] = &["male", "female", "other"];

pub static FIELDS: &[F] = &[
    F::new("avatar", File, Photo).nullable(),
    F::new("first_name", Text, Name).nullable(),
    F::new("last_name", Text, Name).nullable(),
    F::new("full_name", Text, Name).read_only(),
    F::new("gender", Choice(GENDERS), About).nullable(),
    F::new("mobile_number", Phone, Contact).nullable(),
    F::new("username", Text, Account).nullable(),
    F::new("email", Email, Account).nullable(),
    F::new("is_profile_completed", Bool, Account).read_only(),
    F::new("groups", List, Account).read_only(),
    F::new("created_at", DateTime, Account).read_only().label("field.joined"),
    F::new("last_login", DateTime, Account).read_only(),
];

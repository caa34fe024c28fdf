//! Wire types, one module per dialect: exactly what each backend reads and
//! writes. Answers tolerate unknown fields; read-only fields are never sent.
//! Write types use `Option<Option<T>>` for nullable fields: `None` leaves
//! the field out, `Some(None)` sends `null`.
//!
//! The form itself goes through [`crate::values`] and [`crate::patch`],
//! which are catalogue driven; these types are for typed access (the
//! reference server, pwgen's `id`) and tests check both agree.

pub mod aisquare;
pub mod letraz;
pub mod pwgen;
pub mod users_me;

/// Serde helper for `Option<Option<T>>`: a present `null` is `Some(None)`.
pub mod double_option {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<T: Serialize, S: Serializer>(v: &Option<Option<T>>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(inner) => inner.serialize(s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(d: D) -> Result<Option<Option<T>>, D::Error> {
        Option::<T>::deserialize(d).map(Some)
    }
}

//! Typed bodies, one module per seed document: exactly what each backend
//! reads and writes, written from the documents independently of the
//! dialect files, so tests can check that the catalogue-driven bodies fit. Answers tolerate unknown fields; read-only fields are never sent.
//! Write types use `Option<Option<T>>` for nullable fields: `None` leaves
//! the field out, `Some(None)` sends `null`.
//!
//! Only tests read these (model properties, server contract).

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

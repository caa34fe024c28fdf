//! Wire types, one module per dialect: exactly what each backend reads and
//! writes. Answers tolerate unknown fields; read-only fields are never sent.

pub mod pwgen;

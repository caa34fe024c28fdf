//! The one home of every profile rule, shared by the browser app (wasm) and
//! the reference server (native). Depends on serde only: no web crates, no
//! regex, no IDNA tables, so it costs the wasm bundle little.

pub mod dialect;
pub mod wire;

pub use dialect::Dialect;

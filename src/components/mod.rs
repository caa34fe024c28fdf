//! Reusable pieces; they take signals and callbacks as props.

pub mod avatar;
pub mod banner;
pub mod field;
pub mod nav;

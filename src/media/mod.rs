//! Browser image work: a file's first bytes, decoding, cropping and
//! downscaling on a canvas, encoding, and object URLs that are released
//! when dropped. The geometry (which square, how big) is pure and lives in
//! `profile_model::image`; this module only does what needs the browser.

mod canvas;
mod file;
mod object_url;

pub use canvas::{crop_square, encode, Encoded};
pub use file::{decode_image, read_head};
pub use object_url::ObjectUrl;

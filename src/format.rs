//! Numbers as text through integer formatting only: Rust's float
//! formatter adds about 10 KB to the wasm, for a handful of decimals.

/// `x` with exactly `places` decimals, rounded half away from zero.
pub fn fixed(x: f64, places: u32) -> String {
    let scale = 10u64.pow(places);
    let scaled = (x.abs() * scale as f64).round() as u64;
    let sign = if x < 0.0 && scaled != 0 { "-" } else { "" };
    if places == 0 {
        return format!("{sign}{scaled}");
    }
    format!("{sign}{}.{:0width$}", scaled / scale, scaled % scale, width = places as usize)
}

/// Whole kilobytes (1024 bytes), rounded.
pub fn kilobytes(bytes: f64) -> String {
    fixed(bytes / 1024.0, 0)
}

//! Timestamps as Django renders them (ISO 8601, UTC, microseconds, `Z`),
//! on the model crate's calendar (`profile_model::Date`), no date crate.

use std::time::{SystemTime, UNIX_EPOCH};

pub fn unix_now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

/// `2025-11-22T13:07:28.186722Z`, the shape DRF's DateTimeField answers.
pub fn now_iso() -> String {
    let d = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
    format_iso(d.as_secs() as i64, d.subsec_micros())
}

pub fn format_iso(secs: i64, micros: u32) -> String {
    let rem = secs.rem_euclid(86_400);
    // The model's calendar: one Gregorian conversion for app and server.
    let date =
        profile_model::Date::from_unix_seconds(secs).unwrap_or(profile_model::Date { year: 1970, month: 1, day: 1 });
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{micros:06}Z",
        date.year,
        date.month,
        date.day,
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        assert_eq!(format_iso(0, 0), "1970-01-01T00:00:00.000000Z");
        assert_eq!(format_iso(1_763_816_848, 186_722), "2025-11-22T13:07:28.186722Z");
    }
}

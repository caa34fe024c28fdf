//! DRF's `UserRateThrottle` (`SimpleRateThrottle`), off unless
//! `--throttle-user` sets a rate: once a signed-in user has made `n`
//! requests within the period, further ones answer 429
//! `{"detail": "Request was throttled. Expected available in N seconds."}`
//! with `Retry-After: N`, exactly as DRF computes `N`. As in DRF it runs
//! after authentication and permissions, so a request without credentials
//! is 401 and does not count; sign-in views (no user) are not throttled.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::drf::ApiError;

/// `"<n>/<period>"` as DRF writes rates: the period's first letter counts
/// (`s`, `m`, `h`, `d`), so `100/hour`, `3/min` and `5/s` all work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rate {
    pub requests: usize,
    pub period: Duration,
}

impl std::str::FromStr for Rate {
    type Err = String;

    fn from_str(s: &str) -> Result<Rate, String> {
        let bad = || format!("not a DRF rate such as \"100/hour\" or \"3/min\": {s:?}");
        let (n, period) = s.split_once('/').ok_or_else(bad)?;
        let requests: usize = n.trim().parse().map_err(|_| bad())?;
        let secs = match period.trim().chars().next().ok_or_else(bad)? {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86_400,
            _ => return Err(bad()),
        };
        if requests == 0 {
            return Err(bad());
        }
        Ok(Rate { requests, period: Duration::from_secs(secs) })
    }
}

/// Request history per key, newest first (DRF keeps it in the cache).
#[derive(Default)]
pub struct Throttle {
    history: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl Throttle {
    /// DRF's `allow_request`: `Ok` records the request, `Err` is the wait
    /// in seconds (DRF's `wait()`, before rounding up).
    pub fn check(&self, rate: Rate, key: &str, now: Instant) -> Result<(), f64> {
        let mut all = self.history.lock().unwrap_or_else(|e| e.into_inner());
        let history = all.entry(key.to_string()).or_default();
        while history.back().is_some_and(|t| now.saturating_duration_since(*t) >= rate.period) {
            history.pop_back();
        }
        if history.len() >= rate.requests {
            let remaining = match history.back() {
                Some(oldest) => rate.period.as_secs_f64() - (now - *oldest).as_secs_f64(),
                None => rate.period.as_secs_f64(),
            };
            let available = rate.requests as f64 - history.len() as f64 + 1.0;
            return Err(remaining / available);
        }
        history.push_front(now);
        Ok(())
    }
}

/// DRF's `Throttled(wait)`: whole seconds, rounded up.
pub fn throttled(wait: f64) -> ApiError {
    ApiError::Throttled(wait.ceil().max(0.0) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::{header, StatusCode};
    use axum::response::IntoResponse;

    #[test]
    fn parses_drf_rates() {
        let r: Rate = "3/min".parse().unwrap();
        assert_eq!(r, Rate { requests: 3, period: Duration::from_secs(60) });
        assert_eq!("100/hour".parse::<Rate>().unwrap().period, Duration::from_secs(3600));
        assert_eq!("5/s".parse::<Rate>().unwrap().period, Duration::from_secs(1));
        assert!("3".parse::<Rate>().is_err());
        assert!("0/min".parse::<Rate>().is_err());
        assert!("3/week".parse::<Rate>().is_err());
    }

    #[test]
    fn waits_until_the_oldest_request_leaves_the_window() {
        let t = Throttle::default();
        let rate: Rate = "2/min".parse().unwrap();
        let t0 = Instant::now();
        assert!(t.check(rate, "u1", t0).is_ok());
        assert!(t.check(rate, "u1", t0 + Duration::from_secs(10)).is_ok());
        let wait = t.check(rate, "u1", t0 + Duration::from_secs(20)).unwrap_err();
        assert!((wait - 40.0).abs() < 1e-6, "{wait}");
        // Another user has their own budget.
        assert!(t.check(rate, "u2", t0 + Duration::from_secs(20)).is_ok());
        // Once the first request is a minute old, one more fits.
        assert!(t.check(rate, "u1", t0 + Duration::from_secs(60)).is_ok());
        assert!(t.check(rate, "u1", t0 + Duration::from_secs(61)).is_err());
    }

    #[test]
    fn answer_is_drfs() {
        let r = throttled(11.2).into_response();
        assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(r.headers()[header::RETRY_AFTER], "12");
        let r = throttled(0.4).into_response();
        assert_eq!(r.headers()[header::RETRY_AFTER], "1");
    }
}

//! Server settings, from the command line or from tests.

use std::path::PathBuf;

#[derive(Clone, Debug)]
pub struct Config {
    /// `host:port`; port 0 picks a free one (tests).
    pub addr: String,
    pub db: PathBuf,
    pub media_dir: PathBuf,
    /// The built SPA, served at `/` with `index.html` for deep links.
    pub static_dir: Option<PathBuf>,
    /// Allowed browser origins; `*` in the port position matches any port.
    /// Also Django's `CSRF_TRUSTED_ORIGINS` for letraz sessions.
    pub cors_origins: Vec<String>,
    /// Enables `/_ref/hooks` (canned failures for browser tests).
    pub test_hooks: bool,
    /// Request bodies over this answer 413, as a fronting nginx would.
    pub max_upload_bytes: usize,
    /// JWT lifetimes (simplejwt's defaults are 5 minutes and 1 day).
    pub access_ttl_secs: i64,
    pub refresh_ttl_secs: i64,
    /// DRF `UserRateThrottle` for signed-in requests; off when `None`.
    pub throttle_user: Option<crate::throttle::Rate>,
    /// `SessionAuthentication` listed first in every view (as many DRF
    /// projects' defaults are): a missing, expired or revoked credential
    /// then answers 403 without `WWW-Authenticate`, not 401.
    pub session_first: bool,
    /// Django's `SESSION_COOKIE_SAMESITE` / `CSRF_COOKIE_SAMESITE` (with
    /// `*_COOKIE_SECURE` for `None`, which browsers require): `Lax` by
    /// default; `None` lets a browser send the cookies to an API on
    /// another site, where it allows third-party cookies at all.
    pub cookie_same_site_none: bool,
    /// django-cors-headers' `CORS_ALLOW_HEADERS`: the request headers a
    /// preflight allows (lower case).
    pub cors_allow_headers: Vec<String>,
}

impl Config {
    pub const DEFAULT_ORIGINS: [&'static str; 2] = ["http://127.0.0.1:*", "http://localhost:*"];
    /// What the app sends besides CORS-safelisted headers.
    pub const DEFAULT_ALLOW_HEADERS: [&'static str; 3] = ["authorization", "content-type", "x-csrftoken"];

    pub fn new(db: impl Into<PathBuf>, media_dir: impl Into<PathBuf>) -> Config {
        Config {
            addr: "127.0.0.1:8080".into(),
            db: db.into(),
            media_dir: media_dir.into(),
            static_dir: None,
            cors_origins: Self::DEFAULT_ORIGINS.iter().map(|s| s.to_string()).collect(),
            test_hooks: false,
            max_upload_bytes: 5 * 1024 * 1024,
            access_ttl_secs: 3600,
            refresh_ttl_secs: 86_400,
            throttle_user: None,
            session_first: false,
            cookie_same_site_none: false,
            cors_allow_headers: Self::DEFAULT_ALLOW_HEADERS.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// The `SameSite` (and `Secure`) attributes of the session cookies.
    pub fn cookie_site_attributes(&self) -> &'static str {
        if self.cookie_same_site_none {
            "SameSite=None; Secure"
        } else {
            "SameSite=Lax"
        }
    }

    pub fn origin_allowed(&self, origin: &str) -> bool {
        self.cors_origins.iter().any(|p| origin_matches(p, origin))
    }
}

/// `http://127.0.0.1:*` matches `http://127.0.0.1:5173`; anything else must
/// match exactly.
pub fn origin_matches(pattern: &str, origin: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) if prefix.ends_with(':') => {
            origin.strip_prefix(prefix).is_some_and(|port| !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()))
        }
        _ => pattern == origin,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn port_wildcard() {
        assert!(origin_matches("http://127.0.0.1:*", "http://127.0.0.1:41234"));
        assert!(!origin_matches("http://127.0.0.1:*", "http://127.0.0.1:"));
        assert!(!origin_matches("http://127.0.0.1:*", "http://127.0.0.1.evil.com:80"));
        assert!(!origin_matches("http://127.0.0.1:*", "https://127.0.0.1:80"));
        assert!(origin_matches("http://a.test", "http://a.test"));
    }
}

//! Django's CSRF check as DRF's `SessionAuthentication.enforce_csrf` runs it
//! (Django ≥ 4.1: the `csrftoken` cookie holds the 32-character secret, the
//! `X-CSRFToken` header holds the secret or a 64-character masked copy).

use axum::http::{HeaderMap, Method};

use crate::secret;

pub const COOKIE: &str = "csrftoken";
const TOKEN_LEN: usize = 32;
const CHARS: &[u8] = secret::ALNUM;

pub fn new_secret() -> String {
    secret::random_string(TOKEN_LEN, CHARS)
}

/// `None` when the request passes; otherwise Django's reason, which DRF
/// answers as 403 `{"detail": "CSRF Failed: <reason>"}`.
///
/// `trusted_origin` decides `Origin` headers that are not the request's own
/// host (Django's `CSRF_TRUSTED_ORIGINS`).
pub fn check(method: &Method, headers: &HeaderMap, trusted_origin: impl Fn(&str) -> bool) -> Option<String> {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE) {
        return None;
    }
    if let Some(origin) = headers.get("origin").and_then(|v| v.to_str().ok()) {
        let host = headers.get("host").and_then(|v| v.to_str().ok()).unwrap_or("");
        let own = format!("http://{host}");
        if origin != own && !trusted_origin(origin) {
            return Some(format!("Origin checking failed - {origin} does not match any trusted origins."));
        }
    }
    let Some(cookie) = crate::auth::cookie(headers, COOKIE) else {
        return Some("CSRF cookie not set.".into());
    };
    let secret = match token_format(&cookie) {
        Ok(s) => s,
        Err(why) => return Some(format!("CSRF cookie {why}.")),
    };
    let Some(header) = headers.get("x-csrftoken").and_then(|v| v.to_str().ok()) else {
        return Some("CSRF token missing.".into());
    };
    let token = match token_format(header) {
        Ok(t) => t,
        Err(why) => return Some(format!("CSRF token from the 'X-Csrftoken' HTTP header {why}.")),
    };
    if !secret::constant_time_eq(token.as_bytes(), secret.as_bytes()) {
        return Some("CSRF token from the 'X-Csrftoken' HTTP header incorrect.".into());
    }
    None
}

/// Django's `_check_token_format`, returning the unmasked secret.
fn token_format(token: &str) -> Result<String, &'static str> {
    if token.len() != TOKEN_LEN && token.len() != 2 * TOKEN_LEN {
        return Err("has incorrect length");
    }
    if !token.bytes().all(|b| CHARS.contains(&b)) {
        return Err("has invalid characters");
    }
    Ok(if token.len() == 2 * TOKEN_LEN { unmask(token) } else { token.to_string() })
}

/// Django's `_unmask_cipher_token`: the first half is the mask, the second
/// the secret shifted by it.
fn unmask(token: &str) -> String {
    let (mask, cipher) = token.as_bytes().split_at(TOKEN_LEN);
    let pos = |c: u8| CHARS.iter().position(|&x| x == c).unwrap_or(0);
    mask.iter().zip(cipher).map(|(&m, &c)| CHARS[(pos(c) + CHARS.len() - pos(m)) % CHARS.len()] as char).collect()
}

/// Django's `_mask_cipher_secret`, used by tests and the login answer.
pub fn mask(secret_value: &str) -> String {
    let mask = secret::random_string(TOKEN_LEN, CHARS);
    let pos = |c: u8| CHARS.iter().position(|&x| x == c).unwrap_or(0);
    let cipher: String =
        secret_value.bytes().zip(mask.bytes()).map(|(s, m)| CHARS[(pos(s) + pos(m)) % CHARS.len()] as char).collect();
    format!("{mask}{cipher}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn django_rule() {
        let s = new_secret();
        let cookie = format!("csrftoken={s}");
        let p = Method::PATCH;
        assert_eq!(check(&Method::GET, &headers(&[]), |_| false), None);
        assert_eq!(check(&p, &headers(&[]), |_| false).unwrap(), "CSRF cookie not set.");
        assert_eq!(check(&p, &headers(&[("cookie", &cookie)]), |_| false).unwrap(), "CSRF token missing.");
        assert_eq!(check(&p, &headers(&[("cookie", &cookie), ("x-csrftoken", &s)]), |_| false), None);
        assert_eq!(check(&p, &headers(&[("cookie", &cookie), ("x-csrftoken", &mask(&s))]), |_| false), None);
        assert_eq!(
            check(&p, &headers(&[("cookie", &cookie), ("x-csrftoken", &new_secret())]), |_| false).unwrap(),
            "CSRF token from the 'X-Csrftoken' HTTP header incorrect."
        );
        assert_eq!(
            check(&p, &headers(&[("cookie", &cookie), ("x-csrftoken", "short")]), |_| false).unwrap(),
            "CSRF token from the 'X-Csrftoken' HTTP header has incorrect length."
        );
        let cross = headers(&[("cookie", &cookie), ("x-csrftoken", &s), ("host", "a:1"), ("origin", "http://b:2")]);
        assert_eq!(
            check(&p, &cross, |_| false).unwrap(),
            "Origin checking failed - http://b:2 does not match any trusted origins."
        );
        assert_eq!(check(&p, &cross, |o| o == "http://b:2"), None);
    }
}

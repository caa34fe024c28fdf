//! Django's `pbkdf2_sha256$<iterations>$<salt>$<base64 hash>` password format,
//! so the stored hash (which pwgen leaks in its user object) looks real.

use base64::{engine::general_purpose::STANDARD, Engine};
use sha2::Sha256;

/// Far below Django's 1,000,000: demo passwords, and every sign-in in the
/// test suites pays this cost.
const ITERATIONS: u32 = 10_000;

pub fn make_password(raw: &str) -> String {
    let salt = crate::secret::random_string(22, crate::secret::ALNUM);
    let hash = pbkdf2(raw.as_bytes(), salt.as_bytes(), ITERATIONS);
    format!("pbkdf2_sha256${ITERATIONS}${salt}${}", STANDARD.encode(hash))
}

pub fn check_password(raw: &str, encoded: &str) -> bool {
    let mut parts = encoded.splitn(4, '$');
    let (Some("pbkdf2_sha256"), Some(iter), Some(salt), Some(hash)) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    let Ok(iter) = iter.parse::<u32>() else {
        return false;
    };
    let computed = STANDARD.encode(pbkdf2(raw.as_bytes(), salt.as_bytes(), iter));
    // Constant time, so the comparison leaks nothing about the stored hash.
    crate::secret::constant_time_eq(computed.as_bytes(), hash.as_bytes())
}

/// PBKDF2-HMAC-SHA256 with one 32-byte block, which is all Django uses.
fn pbkdf2(password: &[u8], salt: &[u8], iterations: u32) -> [u8; 32] {
    pbkdf2::pbkdf2_hmac_array::<Sha256, 32>(password, salt, iterations)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_rejects() {
        let h = make_password("demo-pass-123");
        assert!(h.starts_with("pbkdf2_sha256$"));
        assert!(check_password("demo-pass-123", &h));
        assert!(!check_password("demo-pass-124", &h));
        assert!(!check_password("x", "md5$whatever"));
    }

    #[test]
    fn verifies_a_hash_made_elsewhere() {
        // Python's hashlib.pbkdf2_hmac("sha256", …, 10000), in Django's format.
        let h = "pbkdf2_sha256$10000$abcdefghijklmnopqrstuv$CrMAowcwp0bFBvRKdLmDKveWlwMiAemjmPQIA+l94xg=";
        assert!(check_password("demo-pass-123", h));
        assert!(!check_password("demo-pass-12", h));
    }

    #[test]
    fn matches_rfc7914_vector() {
        // RFC 7914 section 11: PBKDF2-HMAC-SHA256("passwd", "salt", 1), first 32 bytes.
        let out = pbkdf2(b"passwd", b"salt", 1);
        assert_eq!(crate::secret::hex(&out), "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc");
    }
}

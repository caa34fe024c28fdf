//! Django's `EmailValidator` (5.2), re-expressed without regex: the same
//! verdict on every input, checked against Django by the corpus test.

use crate::ip;
use crate::pychar;

/// What Django's `validate_email` accepts.
pub fn is_valid_email(value: &str) -> bool {
    if value.is_empty() || pychar::len(value) > 320 {
        return false;
    }
    let Some((user, domain)) = value.rsplit_once('@') else {
        return false;
    };
    is_user_part(user) && (domain == "localhost" || is_domain_part(domain))
}

fn is_user_part(user: &str) -> bool {
    is_dot_atom(user) || is_quoted_string(user)
}

/// `[-!#$%&'*+/=?^_`{}|~0-9A-Z]+(\.[...]+)*` with IGNORECASE.
fn is_dot_atom(s: &str) -> bool {
    s.split('.').all(|atom| !atom.is_empty() && atom.chars().all(is_atext))
}

fn is_atext(c: char) -> bool {
    c.is_ascii_digit() || pychar::is_letter_ci(c) || "-!#$%&'*+/=?^_`{}|~".contains(c)
}

/// `"(qtext | \\ quoted-pair)*"` as Django spells the two classes.
fn is_quoted_string(s: &str) -> bool {
    let Some(inner) = s.strip_prefix('"') else {
        return false;
    };
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => return chars.peek().is_none(),
            '\\' => match chars.next() {
                Some(e) if is_quoted_pair(e) => {}
                _ => return false,
            },
            _ if is_qtext(c) => {}
            _ => return false,
        }
    }
    false
}

/// `[\001-\010\013\014\016-\037!#-\[\]-\177]`
fn is_qtext(c: char) -> bool {
    matches!(c, '\u{1}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '!' | '#'..='[' | ']'..='\u{7f}')
        || pychar::ASCII_FOLD_EXTRAS.contains(&c)
}

/// `[\001-\011\013\014\016-\177]`
fn is_quoted_pair(c: char) -> bool {
    matches!(c, '\u{1}'..='\u{9}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{7f}') || pychar::ASCII_FOLD_EXTRAS.contains(&c)
}

fn is_domain_part(domain: &str) -> bool {
    if crate::url::is_domain_name(domain, false) {
        return true;
    }
    // `\[([A-F0-9:.]+)\]\Z`, then an IPv4 or IPv6 address.
    domain.strip_prefix('[').and_then(|d| d.strip_suffix(']')).is_some_and(|lit| {
        !lit.is_empty()
            && lit.chars().all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.')
            && ip::is_django_ipv46(lit)
    })
}

#[cfg(test)]
mod tests {
    use super::is_valid_email as ok;

    #[test]
    fn email_accepts_common_addresses() {
        assert!(ok("a@b.co"));
        assert!(ok("first.last+tag@example.com"));
        assert!(ok("user@localhost"));
        assert!(ok("user@[127.0.0.1]"));
        assert!(ok("user@[::1]"));
        assert!(ok("\"quoted@text\"@example.com"));
        assert!(ok("\"a\\ b\"@example.com"));
        assert!(!ok("\"a b\"@example.com"));
    }

    #[test]
    fn email_accepts_unicode_domains_but_not_unicode_local_parts() {
        assert!(ok("user@exämple.com"));
        assert!(ok("user@例え.テスト"));
        assert!(!ok("josé@example.com"));
        assert!(ok("\u{212a}elvin@example.com"));
    }

    #[test]
    fn email_rejects_malformed_addresses() {
        for bad in [
            "",
            "a",
            "a@",
            "@b.co",
            "a@b",
            "a@-b.co",
            "a@b-.co",
            "a..b@c.co",
            ".a@b.co",
            "a@b.c",
            "a@b.co.",
            "a@[1.2.3]",
            "a@b..co",
            "a b@c.co",
            "a@LOCALHOST",
        ] {
            assert!(!ok(bad), "{bad}");
        }
    }

    #[test]
    fn email_max_length_is_320() {
        let domain = format!("{}.{}.{}.{}.com", "a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(63));
        let user = "u".repeat(320 - 1 - domain.len());
        assert!(ok(&format!("{user}@{domain}")));
        assert!(!ok(&format!("u{user}@{domain}")));
    }
}

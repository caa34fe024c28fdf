//! IP address parsing exactly as Python's `ipaddress` does it (strict
//! octets, one `::`, IPv4 suffix), which Django's validators call.

/// `ipaddress.IPv4Address(s)` succeeds.
pub fn is_ipv4(s: &str) -> bool {
    let mut n = 0;
    for octet in s.split('.') {
        n += 1;
        if n > 4 || !is_octet(octet) {
            return false;
        }
    }
    n == 4
}

fn is_octet(o: &str) -> bool {
    !o.is_empty()
        && o.len() <= 3
        && o.bytes().all(|b| b.is_ascii_digit())
        && (o == "0" || !o.starts_with('0'))
        && o.parse::<u16>().is_ok_and(|v| v <= 255)
}

/// `ipaddress.IPv6Address(s)` succeeds (a `%scope` suffix allowed).
pub fn is_ipv6(s: &str) -> bool {
    if s.contains('/') {
        return false;
    }
    let addr = match s.split_once('%') {
        None => s,
        Some((a, scope)) if !scope.is_empty() && !scope.contains('%') => a,
        Some(_) => return false,
    };
    ipv6_body(addr)
}

fn ipv6_body(s: &str) -> bool {
    if s.is_empty() {
        return false;
    }
    let mut parts: Vec<&str> = s.split(':').collect();
    if parts.len() < 3 {
        return false;
    }
    let mut hextets = parts.len();
    if parts[parts.len() - 1].contains('.') {
        if !is_ipv4(parts.pop().unwrap_or_default()) {
            return false;
        }
        hextets += 1; // the IPv4 tail stands for two hextets
        parts.push("0");
        parts.push("0");
    }
    if hextets > 9 {
        return false;
    }
    let n = parts.len();
    let mut skip = None;
    for (i, p) in parts.iter().enumerate().take(n - 1).skip(1) {
        if p.is_empty() {
            if skip.is_some() {
                return false;
            }
            skip = Some(i);
        }
    }
    let (hi, lo) = match skip {
        Some(i) => {
            let mut hi = i;
            let mut lo = n - i - 1;
            if parts[0].is_empty() {
                hi -= 1;
                if hi != 0 {
                    return false;
                }
            }
            if parts[n - 1].is_empty() {
                lo -= 1;
                if lo != 0 {
                    return false;
                }
            }
            if hi + lo >= 8 {
                return false;
            }
            (hi, lo)
        }
        None => {
            if n != 8 || parts[0].is_empty() || parts[n - 1].is_empty() {
                return false;
            }
            (n, 0)
        }
    };
    parts[..hi].iter().chain(parts[n - lo..].iter()).all(|h| is_hextet(h))
}

fn is_hextet(h: &str) -> bool {
    !h.is_empty() && h.len() <= 4 && h.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Django's `validate_ipv6_address`: Python's parser plus a 39-character cap.
pub fn is_django_ipv6(s: &str) -> bool {
    s.chars().count() <= 39 && is_ipv6(s)
}

/// Django's `validate_ipv46_address`.
pub fn is_django_ipv46(s: &str) -> bool {
    (is_ipv4(s) && !s.contains('/')) || is_django_ipv6(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv4_is_strict_about_octets() {
        assert!(is_ipv4("0.0.0.0"));
        assert!(is_ipv4("255.255.255.255"));
        assert!(!is_ipv4("256.1.1.1"));
        assert!(!is_ipv4("01.1.1.1"));
        assert!(!is_ipv4("1.1.1"));
        assert!(!is_ipv4("1.1.1.1.1"));
        assert!(!is_ipv4("1..1.1"));
        assert!(!is_ipv4("١.1.1.1"));
    }

    #[test]
    fn ipv6_follows_python_ipaddress() {
        for ok in
            ["::", "::1", "1::", "1:2:3:4:5:6:7:8", "::ffff:1.2.3.4", "1:2:3:4:5:6:1.2.3.4", "fe80::1%eth0", "1::8"]
        {
            assert!(is_ipv6(ok), "{ok}");
        }
        for bad in [
            ":",
            ":::",
            "1:2:3:4:5:6:7:8:9",
            "1::2::3",
            ":1::2",
            "1::2:",
            "12345::",
            "1:2:3:4:5:6:7",
            "::1.2.3",
            "1:2:3:4:5:6:7:1.2.3.4",
            "fe80::1%",
            "g::1",
            "",
        ] {
            assert!(!is_ipv6(bad), "{bad}");
        }
    }

    #[test]
    fn django_ipv6_caps_length_at_39() {
        let long = "0000:0000:0000:0000:0000:0000:0000:00001";
        assert!(!is_django_ipv6(long));
        assert!(is_django_ipv6("0000:0000:0000:0000:0000:0000:0000:0001"));
    }
}

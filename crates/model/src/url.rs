//! Django's `URLValidator` (5.2, run on CPython 3.11's `urllib.parse`),
//! re-expressed without regex or IDNA tables. The app only accepts
//! `http`/`https` ([`is_valid_url`]): these values become links.

use crate::ip;
use crate::pychar;

/// The schemes the app accepts for links.
pub const HTTP_SCHEMES: &[&str] = &["http", "https"];
/// Django's default `URLValidator.schemes`.
pub const DJANGO_DEFAULT_SCHEMES: &[&str] = &["http", "https", "ftp", "ftps"];

/// A link the app accepts: Django-valid and `http`/`https`.
pub fn is_valid_url(value: &str) -> bool {
    is_django_url(value, HTTP_SCHEMES)
}

/// Where the browser can fetch a URL the backend sent (a photo, a file):
/// absolute http(s) URLs as they are; a path (`/media/x.jpg`, as DRF
/// writes a `FileField` without a request in its context) or a
/// scheme-relative `//host/x` on the API's host, `api_base_url` being an
/// origin (`https://api.example.com`), a path on this origin (`/backend`)
/// or empty (this origin). Anything else (`javascript:`, `data:`, junk) is
/// `None`: it becomes no link and no image.
pub fn backend_url(api_base_url: &str, url: &str) -> Option<String> {
    let url = url.trim();
    let origin =
        api_base_url.split_once("://").map(|(scheme, rest)| (scheme, rest.split('/').next().unwrap_or_default()));
    let resolved = if let Some(rest) = url.strip_prefix("//") {
        let scheme = origin.map_or("https", |(scheme, _)| scheme);
        format!("{scheme}://{rest}")
    } else if url.starts_with('/') {
        match origin {
            Some((scheme, host)) => format!("{scheme}://{host}{url}"),
            // The API is on this origin: the path is too.
            None => return Some(url.to_string()),
        }
    } else {
        url.to_string()
    };
    is_followable(&resolved).then_some(resolved)
}

/// A URL from the backend is followed (a link, an image) only when it is
/// http(s) with a host and nothing a browser would strip or reinterpret
/// (white space, control characters, backslashes): the scheme is what
/// keeps `javascript:` and `data:` out. Django's whole grammar
/// ([`is_valid_url`]) judges what a person types; judging answers with
/// it put its code (~5 KB of wasm) on every first screen (#28).
fn is_followable(url: &str) -> bool {
    if url.len() > 2048 || url.chars().any(|c| c.is_whitespace() || c.is_control() || c == '\\') {
        return false;
    }
    let Some((scheme, rest)) = url.split_once("://") else {
        return false;
    };
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    let host = authority.rsplit('@').next().unwrap_or_default();
    HTTP_SCHEMES.iter().any(|s| scheme.eq_ignore_ascii_case(s)) && !host.is_empty() && !host.starts_with(':')
}

/// What `URLValidator(schemes=schemes)` accepts (schemes in lower case).
pub fn is_django_url(value: &str, schemes: &[&str]) -> bool {
    if pychar::len(value) > 2048 || value.contains(['\t', '\r', '\n']) {
        return false;
    }
    let first = value.split("://").next().unwrap_or_default();
    if !schemes.iter().any(|s| py_lower_eq(first, s)) {
        return false;
    }
    let Some(netloc) = urlsplit_netloc(value) else {
        return false;
    };
    if !regex_matches(value) {
        return false;
    }
    if let Some(ip) = bracketed_netloc_ip(netloc) {
        if !ip::is_django_ipv6(ip) {
            return false;
        }
    }
    hostname_fits(netloc)
}

/// Python's `s.lower() == target` for an ASCII `target`.
fn py_lower_eq(s: &str, target: &str) -> bool {
    let lowered = s.chars().map(|c| if c == '\u{212a}' { 'k' } else { c.to_ascii_lowercase() });
    lowered.eq(target.chars())
}

/// `urlsplit(value).netloc`, or `None` where `urlsplit` raises ValueError.
/// Only called once the value starts with an ASCII scheme and `://`.
fn urlsplit_netloc(value: &str) -> Option<&str> {
    let after = &value[value.find("://")? + 3..];
    let netloc = &after[..after.find(['/', '?', '#']).unwrap_or(after.len())];
    let (open, close) = (netloc.contains('['), netloc.contains(']'));
    if open != close {
        return None;
    }
    if open {
        let bracketed = netloc.split_once('[')?.1;
        let host = bracketed.split(']').next().unwrap_or_default();
        if !bracketed_host_ok(host) {
            return None;
        }
    }
    if !netloc.is_ascii() && netloc.contains(pychar::NFKC_NETLOC_BREAKERS) {
        return None;
    }
    Some(netloc)
}

/// `urllib.parse._check_bracketed_host`.
fn bracketed_host_ok(h: &str) -> bool {
    if let Some(future) = h.strip_prefix('v') {
        let hex = future.bytes().take_while(u8::is_ascii_hexdigit).count();
        hex > 0 && future[hex..].strip_prefix('.').is_some_and(|r| !r.is_empty())
    } else {
        !ip::is_ipv4(h) && ip::is_ipv6(h)
    }
}

/// The big `URLValidator.regex`: scheme `://` [userinfo@] host [:port] [path].
fn regex_matches(value: &str) -> bool {
    let Some((_, rest)) = value.split_once("://") else {
        return false;
    };
    if host_then_tail(rest) {
        return true;
    }
    // Userinfo cannot hold '@', so if present it ends at the first one.
    match rest.split_once('@') {
        Some((user, after)) => userinfo_ok(user) && host_then_tail(after),
        None => false,
    }
}

/// `[^\s:@/]+(?::[^\s:@/]*)?`
fn userinfo_ok(u: &str) -> bool {
    let plain = |s: &str| !s.chars().any(|c| pychar::is_space(c) || c == ':' || c == '@' || c == '/');
    let (name, password) = u.split_once(':').unwrap_or((u, ""));
    !name.is_empty() && plain(name) && plain(password)
}

fn host_then_tail(s: &str) -> bool {
    if ipv4_ends(s, 0).into_iter().any(|end| tail_ok(&s[end..])) {
        return true;
    }
    if let Some(inner) = s.strip_prefix('[') {
        if let Some(j) = inner.find(']') {
            let addr = &inner[..j];
            if !addr.is_empty()
                && addr.chars().all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.')
                && tail_ok(&inner[j + 1..])
            {
                return true;
            }
        }
    }
    // A host name never stops inside a run of host characters: what
    // follows it must be ':', '/', '?', '#' or the end.
    let run = s.find(|c: char| !(is_host_char(c) || c == '-' || c == '.')).unwrap_or(s.len());
    if is_domain_name(&s[..run], true) && tail_ok(&s[run..]) {
        return true;
    }
    let nine: usize = s.chars().take(9).map(char::len_utf8).sum();
    pychar::str_eq_ci(&s[..nine], "localhost") && tail_ok(&s[nine..])
}

/// End offsets at which `URLValidator.ipv4_re` can stop matching `s`.
fn ipv4_ends(s: &str, octets_done: usize) -> Vec<usize> {
    let mut ends = Vec::new();
    let digits = s.bytes().take_while(u8::is_ascii_digit).count().min(3);
    for len in 1..=digits {
        let o = &s[..len];
        if !(o == "0" || (!o.starts_with('0') && o.parse::<u16>().is_ok_and(|v| v <= 255))) {
            continue;
        }
        if octets_done == 3 {
            ends.push(len);
        } else if let Some(next) = s[len..].strip_prefix('.') {
            ends.extend(ipv4_ends(next, octets_done + 1).into_iter().map(|e| e + len + 1));
        }
    }
    ends
}

/// `(?::[0-9]{1,5})?(?:[/?#][^\s]*)?\Z`
fn tail_ok(t: &str) -> bool {
    let t = match t.strip_prefix(':') {
        Some(p) => {
            let d = p.bytes().take_while(u8::is_ascii_digit).count();
            if d == 0 || d > 5 {
                return false;
            }
            &p[d..]
        }
        None => t,
    };
    t.is_empty() || (t.starts_with(['/', '?', '#']) && !t.chars().any(pychar::is_space))
}

/// `[a-z\u00a1-\uffff0-9]` with IGNORECASE.
fn is_host_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || ('\u{a1}'..='\u{ffff}').contains(&c)
}

/// Django's `hostname_re + domain_re + tld_re`: at least two labels, the
/// last a TLD; `trailing_dot` allows one final '.' (URLs yes, emails no).
pub(crate) fn is_domain_name(s: &str, trailing_dot: bool) -> bool {
    let s = match s.strip_suffix('.') {
        Some(t) if trailing_dot => t,
        _ => s,
    };
    let labels: Vec<&str> = s.split('.').collect();
    let Some((tld, rest)) = labels.split_last() else {
        return false;
    };
    !rest.is_empty() && rest.iter().all(|l| is_label(l)) && is_tld(tld)
}

/// 1 to 63 host characters or '-', not starting or ending with '-'.
fn is_label(l: &str) -> bool {
    let n = pychar::len(l);
    (1..=63).contains(&n) && !l.starts_with('-') && !l.ends_with('-') && l.chars().all(|c| is_host_char(c) || c == '-')
}

/// `(?!-)(?:[a-z\u00a1-\uffff-]{2,63}|xn--[a-z0-9]{1,59})(?<!-)`
fn is_tld(t: &str) -> bool {
    if t.starts_with('-') || t.ends_with('-') {
        return false;
    }
    let n = pychar::len(t);
    let letters = (2..=63).contains(&n)
        && t.chars().all(|c| c.is_ascii_alphabetic() || ('\u{a1}'..='\u{ffff}').contains(&c) || c == '-');
    let punycode = t.len() > 4
        && t.is_char_boundary(4)
        && pychar::str_eq_ci(&t[..4], "xn--")
        && (1..=59).contains(&(n - 4))
        && t[4..].chars().all(|c| c.is_ascii_digit() || pychar::is_letter_ci(c));
    letters || punycode
}

/// Django's `^\[(.+)\](?::[0-9]{1,5})?$` on the netloc: the bracketed
/// address it then checks as IPv6 (the greedy `.+` takes the last `]`).
fn bracketed_netloc_ip(netloc: &str) -> Option<&str> {
    let inner = netloc.strip_prefix('[')?;
    inner
        .rmatch_indices(']')
        .map(|(j, _)| j)
        .find(|&j| {
            let rest = &inner[j + 1..];
            j > 0
                && (rest.is_empty()
                    || rest
                        .strip_prefix(':')
                        .is_some_and(|p| (1..=5).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())))
        })
        .map(|j| &inner[..j])
}

/// `urlsplit(value).hostname` exists and is at most 253 characters.
fn hostname_fits(netloc: &str) -> bool {
    let hostinfo = netloc.rsplit('@').next().unwrap_or_default();
    let hostname = match hostinfo.split_once('[') {
        Some((_, b)) => b.split(']').next().unwrap_or_default(),
        None => hostinfo.split(':').next().unwrap_or_default(),
    };
    if hostname.is_empty() {
        return false;
    }
    let len = match hostname.split_once('%') {
        Some((h, zone)) => pychar::lower_len(h) + 1 + pychar::len(zone),
        None => pychar::lower_len(hostname),
    };
    len <= 253
}

#[cfg(test)]
mod tests {
    #[test]
    fn backend_urls_resolve_against_the_api_host() {
        let api = "https://api.example.com";
        assert_eq!(
            backend_url(api, "/media/avatars/x.webp").as_deref(),
            Some("https://api.example.com/media/avatars/x.webp")
        );
        assert_eq!(
            backend_url("http://127.0.0.1:8000", "/media/a.jpg").as_deref(),
            Some("http://127.0.0.1:8000/media/a.jpg")
        );
        assert_eq!(backend_url(api, "https://cdn.example.org/a.jpg").as_deref(), Some("https://cdn.example.org/a.jpg"));
        assert_eq!(backend_url(api, "//cdn.example.org/a.jpg").as_deref(), Some("https://cdn.example.org/a.jpg"));
        assert_eq!(
            backend_url("", "/media/a.jpg").as_deref(),
            Some("/media/a.jpg"),
            "same origin: a path stays a path"
        );
        assert_eq!(backend_url("/backend", "/media/a.jpg").as_deref(), Some("/media/a.jpg"));
        for hostile in ["javascript:alert(1)", "data:image/png;base64,AAAA", "media/a.jpg", "", "https://"] {
            assert_eq!(backend_url(api, hostile), None, "{hostile:?}");
            assert_eq!(backend_url("", hostile), None, "{hostile:?}");
        }
    }

    use super::*;

    #[test]
    fn backend_urls_are_followed_only_when_http_with_a_host() {
        for ok in [
            "HTTPS://CDN.EXAMPLE.ORG/a.jpg",
            "http://user@example.com:8080/a?b#c",
            "https://[::1]/x",
            "https://例え.テスト/a",
        ] {
            assert_eq!(backend_url("", ok).as_deref(), Some(ok), "{ok:?}");
        }
        for bad in [
            "ftp://example.com/a.jpg",
            "javascript://example.com/%0aalert(1)",
            "https://exa mple.com/a.jpg",
            "https://example.com/a\tb",
            "https:\\\\evil.example/a",
            "https://evil.example\\@good.example/",
            "https://:443/a",
            "https://user@/a",
            "https:///a",
        ] {
            assert_eq!(backend_url("", bad), None, "{bad:?}");
        }
        assert_eq!(
            backend_url("", &format!("https://example.com/{}", "a".repeat(2048))),
            None,
            "longer than Django's 2,048"
        );
    }

    #[test]
    fn url_accepts_http_and_https_links() {
        for ok in [
            "http://example.com",
            "https://www.example.com/path?q=1#frag",
            "HTTPS://EXAMPLE.COM",
            "http://localhost:8000/",
            "http://127.0.0.1",
            "http://[::1]:8080/x",
            "http://user:pass@example.com",
            "http://例え.テスト/パス",
            "http://xn--80ak6aa92e.com",
            "http://example.com.",
            "https://linkedin.com/in/johndoe",
        ] {
            assert!(is_valid_url(ok), "{ok}");
        }
    }

    #[test]
    fn url_scheme_must_be_http_or_https() {
        assert!(is_django_url("ftp://example.com", DJANGO_DEFAULT_SCHEMES));
        assert!(!is_valid_url("ftp://example.com"));
        assert!(!is_valid_url("javascript:alert(1)"));
        assert!(!is_valid_url("mailto:a@b.co"));
        assert!(!is_valid_url("//example.com"));
        assert!(!is_valid_url("example.com"));
    }

    #[test]
    fn url_rejects_malformed_hosts() {
        for bad in [
            "http://",
            "http://example",
            "http://-example.com",
            "http://example-.com",
            "http://exa mple.com",
            "http://example.com:123456",
            "http://[::1",
            "http://[1.2.3.4]",
            "http://256.0.0.0.",
            "http://example..com",
            "http://a.b-",
            "http://example.com/ space",
            "http://example.com\n",
            "http://\u{ff0f}evil.com",
        ] {
            assert!(!is_valid_url(bad), "{bad:?}");
        }
    }

    #[test]
    fn url_label_max_63_and_host_max_253() {
        let l63 = "a".repeat(63);
        assert!(is_valid_url(&format!("http://{l63}.com")));
        assert!(!is_valid_url(&format!("http://{l63}a.com")));
        let host = format!("{l63}.{l63}.{l63}.{}.com", "b".repeat(57));
        assert_eq!(host.len(), 253);
        assert!(is_valid_url(&format!("http://{host}")));
        assert!(!is_valid_url(&format!("http://x{host}")));
    }

    #[test]
    fn url_max_length_is_2048() {
        let base = "http://example.com/";
        let ok = format!("{base}{}", "a".repeat(2048 - base.len()));
        assert!(is_valid_url(&ok));
        assert!(!is_valid_url(&format!("{ok}a")));
    }
}

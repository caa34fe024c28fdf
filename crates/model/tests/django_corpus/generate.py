#!/usr/bin/env python3
"""Regenerates corpus.json: Django's own verdicts on emails, URLs and
usernames, which tests/django_corpus.rs checks the Rust validators against.

    python3 crates/model/tests/django_corpus/generate.py

Creates a venv (in $CORPUS_VENV, default /tmp/profile-model-django-venv),
installs Django from PyPI there and re-runs itself inside it. Output is
deterministic for a given Django and Python (the fuzz part uses a fixed
seed), one entry per line so diffs stay readable. The Rust test needs no
Python; this script is only for regenerating.
"""

import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "corpus.json")

from django_venv import ensure_django  # noqa: E402

ensure_django(__file__)

import unicodedata  # noqa: E402

import django  # noqa: E402
from django.conf import settings  # noqa: E402

settings.configure(USE_I18N=False)
django.setup()

from django.contrib.auth.validators import UnicodeUsernameValidator  # noqa: E402
from django.core.exceptions import ValidationError  # noqa: E402
from django.core.validators import URLValidator, validate_email  # noqa: E402


def verdict(validator, value):
    try:
        validator(value)
        return True
    except ValidationError:
        return False


url_default = URLValidator()
url_http = URLValidator(schemes=["http", "https"])
username = UnicodeUsernameValidator()

L63 = "a" * 63
L64 = "a" * 64

# ---------------------------------------------------------------- emails
LOCALS = [
    "a", "A", "user", "first.last", "first..last", ".a", "a.", "a+tag", "a-b",
    "a_b", "!#$%&'*+/=?^_`{|}~-", "a" * 64, "a" * 65, "a" * 250, "0", "ü", "josé",
    "用户", "\u212aelvin", "\u0131", "\u0130", "\u017f", "a b", "a\tb", "a@b",
    '""', '"a"', '"a b"', '"a@b"', '"a\\"b"', '"a\\\\b"', '"a\\ b"', '"a', 'a"',
    '"a"b', '"\u00e9"', '"\\\u00e9"', '"\x01"', '"\x7f"', '"\\\x00"', '"\\\t"',
    '"a\\\r"', '"\\', '"\u212a"', "a..", "-", "~", "a(comment)", "a,b", "a;b",
    "a<b>", "a[b]", "a\\b", "a:b", "\u00a0a", "a\u3000", "\U0001f600", "\u200b",
]
DOMAINS = [
    "example.com", "EXAMPLE.COM", "localhost", "LOCALHOST", "localhost.", "sub.example.co.uk",
    "b.c", "b.co", "example", "exa_mple.com", "-example.com", "example-.com", "ex--ample.com",
    "xn--bcher-kva.example", "example.xn--p1ai", "example.xn--", "example.XN--P1AI",
    "example.xn--p1ai-", "example.xn-p1ai", "example." + "xn--" + "a" * 59, "example." + "xn--" + "a" * 60,
    "bücher.de", "例え.テスト", "пример.рф", "example.com.", ".example.com", "example..com",
    L63 + ".com", L64 + ".com", "example." + "c" * 63, "example." + "c" * 64,
    ".".join([L63] * 5) + ".com", "[127.0.0.1]", "[::1]", "[IPv6:::1]", "[1.2.3.4.5]",
    "[256.0.0.1]", "[01.2.3.4]", "[::ffff:1.2.3.4]", "[1:2:3:4:5:6:7:8]", "[1::2::3]",
    "[0000:0000:0000:0000:0000:0000:0000:0001]", "[0000:0000:0000:0000:0000:0000:0000:00001]",
    "[fe80::1%eth0]", "[]", "[::1", "::1]", "1.2.3.4", "example.c0m", "example.123",
    "example.co1", "example.c-m", "example.-com", "example.com-", "exam ple.com",
    "example.com\n", "\U0001f600.com", "example.\U0001f600", "example.\u00a0com", "\u00a1.com",
    "a.\u00e9\u00e9", "xn--80ak6aa92e.com", "1.com", "123.456", "a-.b.com", "a.b-.com",
    "a.-b.com", "\u212a.com", "example.\u0130\u0131", "e\u017fxample.com", "example.co\u212a",
    "ex\uff0fample.com", "example.\u00a1\u00a1", "Example.Com", "x.y.z.w.v.u",
]


def email_inputs():
    out = []
    for local in LOCALS:
        for domain in DOMAINS:
            out.append(local + "@" + domain)
    out += ["", "@", "a", "a@", "@a.com", "a@b@c.com", '"a@b"@c.com', "a@@b.com",
            "a@b.com@", "a\n@b.com", "a@b.com\r\n", " a@b.com", "a@b.com "]
    tail = "@" + ".".join([L63] * 4) + ".com"
    for n in (320, 321):
        out.append("u" * (n - len(tail)) + tail)
    return out


# ------------------------------------------------------------------ URLs
SCHEMES = ["http", "https", "HTTP", "HtTpS", "ftp", "ftps", "file", "javascript", "", "h\u212atp"]
USERINFO = ["", "user@", "user:pass@", "user:@", ":pass@", "us er@", "u/ser@", "u?ser@",
            "u#x@", "a@b@", "a:b:c@", "\u00fc@", "u[x@", "u%40@", "\u2100@"]
HOSTS = [
    "example.com", "EXAMPLE.COM", "www.example.com", "example.com.", "example..com", ".example.com",
    "example", "localhost", "LOCALHOST", "localho\u017ft", "localhost.", "localhost.com",
    "-example.com", "example-.com", "ex--ample.com", "exa_mple.com", "1.com", "a.b", "a.bc",
    "xn--80ak6aa92e.com", "example.xn--p1ai", "example.xn--", "example.xn--p1ai.", "bücher.de",
    "例え.テスト", "пример.рф", "\U0001f600.com", "example.\U0001f600", "\u00a1.com",
    "exa\uff0fmple.com", "ex\u2100.com", "ex\uff1a80.com", "ex\u3000ample.com", "\u0130.com",
    L63 + ".com", L64 + ".com", "example." + "c" * 63, "example." + "c" * 64,
    ".".join([L63] * 3) + "." + "b" * 57 + ".com", ".".join([L63] * 3) + "." + "b" * 58 + ".com",
    ".".join(["\u0130" * 63] * 3) + "." + "b" * 57 + ".com",
    "0.0.0.0", "127.0.0.1", "255.255.255.255", "256.0.0.1", "01.2.3.4", "1.2.3", "1.2.3.4.5",
    "1.2.3.4.com", "999.999.999.999", "1.2.3.04",
    "[::1]", "[::]", "[1:2:3:4:5:6:7:8]", "[::ffff:1.2.3.4]", "[1::2::3]", "[::1", "::1]",
    "[1.2.3.4]", "[v1.x]", "[vz.x]", "[v1.]", "[fe80::1%25eth0]", "[0000:0000:0000:0000:0000:0000:0000:00001]",
    "[0000:0000:0000:0000:0000:0000:0000:0001]", "[g::1]", "[]", "[::1]]", "[[::1]", "[::1]x",
]
PORTS = ["", ":80", ":0", ":65535", ":99999", ":123456", ":", ":a", ":8 0", ":\u0661"]
PATHS = ["", "/", "/path", "/p?q=1#f", "?q", "#f", "/a b", "/a\tb", "/\u00fc", "/\u3000",
         "//", "/a:b@c", "/\u00a0", "?a=\u2100", "/%20"]


def url_inputs():
    out = []
    for host in HOSTS:
        for port in PORTS:
            out.append("http://" + host + port + "/")
        for path in PATHS:
            out.append("http://" + host + path)
    for scheme in SCHEMES:
        for user in USERINFO:
            for host in ("example.com", "[::1]", "localhost:8000"):
                out.append(scheme + "://" + user + host + "/x")
    out += ["", "http", "http:", "http:/", "http://", "http:///", "http:///a", "//example.com",
            "example.com", "http:/example.com", "http:example.com", " http://example.com",
            "http://example.com ", "http://example.com\n", "http://\nexample.com",
            "mailto:a@b.co", "javascript:alert(1)", "http://a@", "http://@example.com",
            "http://:@example.com", "http://user@:80", "https://linkedin.com/in/johndoe"]
    base = "http://example.com/"
    for n in (2047, 2048, 2049):
        out.append(base + "a" * (n - len(base)))
    return out


# ------------------------------------------------------------- usernames
def username_inputs():
    return ["john", "john_doe", "j.d+x@y-z", "", " ", "john doe", "jöhn", "用户", "١٢٣",
            "नमस्ते", "a\u0301", "Ⅻ", "²", "\u24b6", "\U0001f600", "a/b", "a#b", "a\n", "_",
            "ǅ", "ª", "\u0345", "\u093e", "\u00b5", "a" * 150, "\u2160", "\u0660", "\u0e01\u0e31"]


# ------------------------------------------------------------------ fuzz
EMAIL_TOKENS = ["a", "Z", "0", "9", ".", "-", "_", "+", "@", '"', "\\", " ", "[", "]", ":", "1.2.3.4",
                "::1", "com", "xn--p1ai", "xn--", "localhost", "\u00e9", "例", "\u0131", "\u0130",
                "\u017f", "\u212a", "\u00a0", "\u3000", "\U0001f600", "\t", L63, "a.b", "@b.co"]
URL_TOKENS = ["http://", "https://", "ftp://", "a", "Z", "0", "9", ".", "-", "_", "@", ":", "/",
              "?", "#", "[", "]", " ", "%", "1.2.3.4", "::1", "com", "xn--p1ai", "localhost",
              "\u00e9", "例", "\u0130", "\u017f", "\u212a", "\uff0f", "\u2100", "\u3000", "\u00a0",
              "\U0001f600", "\t", L63, "v1.", "80", "99999"]


def mutate(rng, s, alphabet):
    s = list(s)
    for _ in range(rng.randint(1, 3)):
        op = rng.randrange(3)
        i = rng.randrange(len(s) + 1)
        if op == 0 or not s:
            s.insert(i, rng.choice(alphabet))
        elif op == 1:
            del s[min(i, len(s) - 1)]
        else:
            s[min(i, len(s) - 1)] = rng.choice(alphabet)
    return "".join(s)


def fuzz(rng, tokens, seeds, n):
    alphabet = [t for t in tokens if len(t) == 1]
    out = []
    for k in range(n):
        if k % 2:
            out.append("".join(rng.choice(tokens) for _ in range(rng.randint(1, 9))))
        else:
            out.append(mutate(rng, rng.choice(seeds), alphabet))
    return out


def dedup(xs):
    seen, out = set(), []
    for x in xs:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


def charsets():
    all_chars = [chr(c) for c in range(0x110000)]
    return {
        "py_space": [f"{ord(c):x}" for c in all_chars if c.isspace()],
        "nfkc_netloc_breakers": [
            f"{ord(c):x}" for c in all_chars[0x80:]
            if any(x in unicodedata.normalize("NFKC", c) for x in "/?#@:")
        ],
        "lower_len_not_1": [f"{ord(c):x}" for c in all_chars if len(c.lower()) != 1],
    }


def main():
    rng = random.Random(20240604)
    emails = email_inputs()
    emails = dedup(emails + fuzz(rng, EMAIL_TOKENS, [e for e in emails if verdict(validate_email, e)], 3000))
    urls = url_inputs()
    urls = dedup(urls + fuzz(rng, URL_TOKENS, [u for u in urls if verdict(url_default, u)], 4000))
    names = dedup(username_inputs())

    lines = ["{"]
    lines.append(f'"django": {json.dumps(django.get_version())},')
    lines.append(f'"python": {json.dumps(sys.version.split()[0])},')
    lines.append(f'"unicodedata": {json.dumps(unicodedata.unidata_version)},')
    lines.append(f'"charsets": {json.dumps(charsets())},')
    lines.append('"email": [')
    lines.append(",\n".join(json.dumps([e, verdict(validate_email, e)]) for e in emails))
    lines.append("],")
    lines.append('"url": [')
    lines.append(",\n".join(json.dumps([u, verdict(url_default, u), verdict(url_http, u)]) for u in urls))
    lines.append("],")
    lines.append('"username": [')
    lines.append(",\n".join(json.dumps([n, verdict(username, n)]) for n in names))
    lines.append("]")
    lines.append("}")
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    valid_e = sum(verdict(validate_email, e) for e in emails)
    valid_u = sum(verdict(url_default, u) for u in urls)
    print(f"wrote {OUT}: {len(emails)} emails ({valid_e} valid), {len(urls)} URLs "
          f"({valid_u} valid), {len(names)} usernames; Django {django.get_version()}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Regenerates passwords.json (Django's own answers from
`validate_password` with the four default AUTH_PASSWORD_VALIDATORS) and
../../data/common-passwords.txt (Django's list, decompressed), which
tests/password_corpus.rs checks crates/model/src/password.rs against.

    python3 crates/model/tests/django_corpus/generate_passwords.py

Creates a venv (in $CORPUS_VENV, default /tmp/profile-model-django-venv),
installs Django from PyPI there and re-runs itself inside it, as
generate.py does. Output is deterministic for a given Django and Python
(fixed seed), one case per line so diffs stay readable.
"""

import gzip
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "passwords.json")
LIST_OUT = os.path.join(HERE, "..", "..", "data", "common-passwords.txt")

from django_venv import ensure_django  # noqa: E402

ensure_django(__file__)

import unicodedata  # noqa: E402

import django  # noqa: E402
from django.conf import settings  # noqa: E402

# The validators as `django-admin startproject` lists them (this order is
# the order of the messages).
VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
settings.configure(
    USE_I18N=True,
    LANGUAGE_CODE="en",
    INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth"],
    AUTH_PASSWORD_VALIDATORS=VALIDATORS,
)
django.setup()

from django.contrib.auth import password_validation  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core.exceptions import ValidationError  # noqa: E402
from django.utils import translation  # noqa: E402
from django.utils.translation import ngettext  # noqa: E402

ATTRS = ("username", "first_name", "last_name", "email")


def django_errors(password, user):
    """[[code, message], ...] in Django's order, [] when accepted."""
    u = None if user is None else User(**user)
    try:
        password_validation.validate_password(password, u)
        return []
    except ValidationError as e:
        return [[err.code, msg] for err, msg in zip(e.error_list, e.messages)]


# ----------------------------------------------------------------- the list
def common_list():
    path = os.path.join(os.path.dirname(password_validation.__file__), "common-passwords.txt.gz")
    raw = gzip.open(path, "rb").read()
    text = raw.decode("utf-8")
    lines = text.split("\n")
    assert lines[-1] == "", "ends with a newline"
    lines = lines[:-1]
    # Ship it as Django reads it: one stripped, lowercase password a line.
    assert all(x == x.strip() and x == x.lower() for x in lines), "already stripped and lowercase"
    assert len(set(lines)) == len(lines), "no repeats"
    validator = password_validation.CommonPasswordValidator()
    assert set(lines) == validator.passwords
    return text, lines


# ------------------------------------------------------------------- users
USERS = [
    {"username": "jdoe", "first_name": "John", "last_name": "Doe", "email": "john.doe@example.com"},
    {"username": "maria.garcia", "first_name": "María", "last_name": "García López", "email": "maria.garcia@correo.es"},
    {"username": "reza_ahmadi", "first_name": "رضا", "last_name": "احمدی", "email": "reza@example.ir"},
    # Devanagari vowel signs are not \w in Python (Mc/Mn): they split the name.
    {"username": "mohan", "first_name": "मोहन", "last_name": "दास", "email": "mohan.das@example.in"},
    # Final sigma: lower() depends on the letter's place in the word.
    {"username": "ΣΟΦΙΑΣ", "first_name": "Σοφία", "last_name": "ΟΔΥΣΣΕΑΣ", "email": "sofia@example.gr"},
    # İ lowers to two code points; ı and K (Kelvin) lower differently.
    {"username": "İlker", "first_name": "İLKER", "last_name": "Yılmaz", "email": "ilker@example.com.tr"},
    {"username": "", "first_name": "", "last_name": "", "email": ""},
    {"username": "@@x", "first_name": "-", "last_name": "", "email": "@"},
    {"username": "a", "first_name": "Bo", "last_name": "Li", "email": "b@c.d"},
    {"username": "thisisaverylongusername_with_many_parts", "first_name": "Bartholomew",
     "last_name": "Featherstonehaugh-Cholmondeley", "email": "first.middle.last+tag@sub.domain.example.co.uk"},
    {"username": "user_1", "first_name": "Jean-Luc", "last_name": "O'Neil", "email": "jl@x.io"},
    {"username": "ﬁnn", "first_name": "Straße", "last_name": "Ǆemal", "email": "finn@straße.de"},
    {"username": "somchai", "first_name": "สมชาย", "last_name": "ใจดี", "email": "somchai@example.th"},
    {"username": "zhang.wei", "first_name": "伟", "last_name": "张", "email": "zhang.wei@例子.中国"},
    {"username": "K\u212aelvin", "first_name": "Ⓐnna", "last_name": "Ⅻ", "email": "kelvin@example.com"},
    {"username": "x" * 150, "first_name": "ab", "last_name": "abc", "email": "a.b.c.d.e.f.g@h.ij"},
    {"username": "12345", "first_name": "2024", "last_name": "٣٤٥", "email": "98765@example.com"},
]

WORDISH = "abcdefghijklmnopqrstuvwxyz0123456789_ÀéñößİıΣσςΩЖжяرضاम\u094bहन\u0e31\u0301①²٣"
OTHER = " .-@+'!#\u00a0\u3000\t\U0001f600/\u200b"
DIGITS = [
    "0123456789", "٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹", "०१२३४५६७८९", "０１２３４５６７８９",
    "¹²³⁴⁵⁶⁷⁸⁹⁰", "①②③④⑤⑥⑦⑧⑨", "𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗", "᧚", "½¼", "ⅫⅣ", "〇一二", "𑁒𑁓",
]
SPACES = [" ", "\t", "\n", "\u3000", "\u00a0", "\x1c", "\x85", "\u200b", "\ufeff"]


def mutate(rng, s, alphabet):
    s = list(s)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(6)
        if op == 0 and s:
            del s[rng.randrange(len(s))]
        elif op == 1:
            s.insert(rng.randint(0, len(s)), rng.choice(alphabet))
        elif op == 2 and s:
            s[rng.randrange(len(s))] = rng.choice(alphabet)
        elif op == 3:
            rng.shuffle(s)
        elif op == 4:
            s = [c.upper() if rng.random() < 0.5 else c for c in s]
        else:
            s += list(rng.choice(alphabet) * rng.randint(1, 3))
    return "".join(s)


def random_text(rng, n, alphabet):
    return "".join(rng.choice(alphabet) for _ in range(n))


def random_user(rng):
    def field():
        r = rng.random()
        if r < 0.15:
            return ""
        return random_text(rng, rng.randint(1, 12), WORDISH + OTHER[:6])
    return {a: field() for a in ATTRS}


def similarity_cases(rng):
    out = []
    for user in USERS:
        values = [v for v in user.values() if v]
        parts = [p for v in values for p in re.split(r"\W+", v) if p]
        for v in values + parts:
            out += [(v, user), (v.upper(), user), (v[::-1], user), (v + "1", user), ("1" + v + "!", user)]
            for n in range(1, 12):
                # Padding walks the ratio across 0.7 and, further out,
                # into the length-ratio shortcut.
                out.append((v + random_text(rng, n, WORDISH), user))
                out.append((v + "x" * (n * len(v)), user))
            for _ in range(12):
                out.append((mutate(rng, v, WORDISH), user))
        for _ in range(40):
            out.append((random_text(rng, rng.randint(0, 16), WORDISH + OTHER), user))
    # Exactly at the length-ratio bound: pwd_len >= 10 * value_len and
    # value_len < 0.35 * pwd_len.
    for vlen in range(1, 5):
        for plen in range(10 * vlen - 2, 10 * vlen + 3):
            out.append(("a" * plen, {"username": "a" * vlen, "first_name": "", "last_name": "", "email": ""}))
    for _ in range(600):
        user = random_user(rng)
        values = [v for v in user.values() if v] or ["x"]
        out.append((mutate(rng, rng.choice(values), WORDISH), user))
    return out


def common_cases(rng, lines):
    out = []
    user = USERS[0]
    picks = lines[:50] + rng.sample(lines, 350) + [x for x in lines if not x.isascii() or " " in x]
    for p in picks:
        out.append((p, user))
        r = rng.random()
        if r < 0.3:
            out.append((p.upper(), user))
        elif r < 0.5:
            out.append((p.title(), user))
        elif r < 0.8:
            out.append((rng.choice(SPACES) + p + rng.choice(SPACES), user))
        else:
            out.append((p + rng.choice("!1a ."), user))
    return out


def numeric_cases(rng):
    out = []
    for digits in DIGITS:
        for n in (1, 5, 7, 8, 9, 12):
            out.append((random_text(rng, n, digits), None))
        out.append((random_text(rng, 9, digits) + "a", None))
        out.append((" " + random_text(rng, 9, digits), None))
    for _ in range(150):
        out.append((random_text(rng, rng.randint(1, 12), "".join(DIGITS)), None))
    return out


def length_cases(rng):
    out = []
    pools = ["abcdefgh", "é\u0301ñ", "\U0001f600\U0001f4a9", "İıΣ", " \t\u3000", "ab\u200d"]
    for n in range(0, 11):
        for pool in pools:
            out.append((random_text(rng, n, pool), None))
            out.append((random_text(rng, n, pool), USERS[0]))
    return out


def charsets():
    word = re.compile(r"\w")
    chars = [chr(c) for c in range(0x110000)]
    return {
        "py_word": ranges(lambda c: bool(word.match(c))),
        "py_digit": ranges(str.isdigit),
        "py_lower": [[f"{ord(c):x}", c.lower()] for c in chars if c.lower() != c],
        # Characters this Python's Unicode does not know yet: Rust's newer
        # tables may give them a case or make them letters.
        "py_unassigned": ranges(lambda c: unicodedata.category(c) == "Cn"),
    }


def ranges(pred):
    out, start = [], None
    for c in range(0x110000):
        if pred(chr(c)):
            if start is None:
                start = c
        elif start is not None:
            out.append([f"{start:x}", f"{c - 1:x}"])
            start = None
    if start is not None:
        out.append([f"{start:x}", "10ffff"])
    return out


def translations():
    """What Django says for each message, per language the app has."""
    out = {}
    for lang in ("en", "fa", "es"):
        with translation.override(lang):
            texts = {}
            for code, msg in django_errors("1234567", None):
                texts[code] = msg
            texts["password_too_common"] = dict(django_errors("password", None))["password_too_common"]
            for attr in ATTRS:
                user = {a: "" for a in ATTRS}
                user[attr] = "zqxjkvbwyf"
                texts["password_too_similar." + attr] = dict(django_errors("zqxjkvbwyf", user))["password_too_similar"]
            # Django 5.0 reworded this msgid (%(min_length)d to %d); a
            # catalogue not yet updated (fa) has only the old one, so Django
            # answers in English. The old entry is Django's translation all
            # the same: the app uses it.
            for n, key in ((8, "password_too_short (older msgid)"), (1, "password_too_short.one (older msgid)")):
                texts[key] = ngettext(
                    "This password is too short. It must contain at least %(min_length)d character.",
                    "This password is too short. It must contain at least %(min_length)d characters.",
                    n,
                ) % {"min_length": n}
            # The singular, for a min_length of 1.
            texts["password_too_short.one"] = password_validation.MinimumLengthValidator(1).get_error_message()
            out[lang] = texts
    return out


def dedup(cases):
    seen, out = set(), []
    for pw, user in cases:
        key = (pw, json.dumps(user, sort_keys=True))
        if key not in seen:
            seen.add(key)
            out.append((pw, user))
    return out


def main():
    rng = random.Random(20261204)
    text, lines = common_list()
    with open(LIST_OUT, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    cases = dedup(similarity_cases(rng) + common_cases(rng, lines) + numeric_cases(rng) + length_cases(rng))
    out = ["{"]
    out.append(f'"django": {json.dumps(django.get_version())},')
    out.append(f'"python": {json.dumps(sys.version.split()[0])},')
    out.append(f'"unicodedata": {json.dumps(unicodedata.unidata_version)},')
    out.append(f'"common_passwords": {len(lines)},')
    out.append(f'"validators": {json.dumps([v["NAME"].rsplit(".", 1)[1] for v in VALIDATORS])},')
    out.append(f'"messages": {json.dumps(translations(), ensure_ascii=False)},')
    out.append(f'"charsets": {json.dumps(charsets(), ensure_ascii=False)},')
    out.append('"cases": [')
    out.append(",\n".join(json.dumps([pw, user, django_errors(pw, user)], ensure_ascii=False) for pw, user in cases))
    out.append("]")
    out.append("}")
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    codes = {}
    for pw, user in cases:
        for code, _ in django_errors(pw, user):
            codes[code] = codes.get(code, 0) + 1
    accepted = sum(1 for pw, user in cases if not django_errors(pw, user))
    print(f"wrote {OUT}: {len(cases)} cases, {accepted} accepted, errors {codes}; "
          f"{LIST_OUT}: {len(lines)} passwords; Django {django.get_version()}")


if __name__ == "__main__":
    main()

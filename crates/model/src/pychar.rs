//! The few facts about Python's `str` and `re` that Django's validators
//! depend on, so our validators agree with them without regex or Unicode
//! tables. Each set here is checked against Python by the Django corpus test.

/// Python `str.isspace()` (and `re`'s `\s` on str patterns).
pub const PY_SPACE: &[char] = &[
    '\u{9}', '\u{a}', '\u{b}', '\u{c}', '\u{d}', '\u{1c}', '\u{1d}', '\u{1e}', '\u{1f}', ' ', '\u{85}', '\u{a0}',
    '\u{1680}', '\u{2000}', '\u{2001}', '\u{2002}', '\u{2003}', '\u{2004}', '\u{2005}', '\u{2006}', '\u{2007}',
    '\u{2008}', '\u{2009}', '\u{200a}', '\u{2028}', '\u{2029}', '\u{202f}', '\u{205f}', '\u{3000}',
];

pub fn is_space(c: char) -> bool {
    PY_SPACE.contains(&c)
}

/// Python `str.strip()` with no argument: DRF trims text this way before
/// it validates, so we validate the same trimmed value.
pub fn strip(s: &str) -> &str {
    s.trim_matches(is_space)
}

/// Python `len()`: code points.
pub fn len(s: &str) -> usize {
    s.chars().count()
}

/// Non-ASCII characters that `re.IGNORECASE` matches against an ASCII
/// letter class: İ and ı (i), ſ (s), Kelvin sign (k).
pub const ASCII_FOLD_EXTRAS: &[char] = &['\u{130}', '\u{131}', '\u{17f}', '\u{212a}'];

/// `[a-z]` under `re.IGNORECASE`.
pub fn is_letter_ci(c: char) -> bool {
    c.is_ascii_alphabetic() || ASCII_FOLD_EXTRAS.contains(&c)
}

/// Does `c` match the ASCII letter `letter` under `re.IGNORECASE`?
pub fn eq_ci(c: char, letter: char) -> bool {
    c.eq_ignore_ascii_case(&letter)
        || match letter.to_ascii_lowercase() {
            'i' => c == '\u{130}' || c == '\u{131}',
            's' => c == '\u{17f}',
            'k' => c == '\u{212a}',
            _ => false,
        }
}

/// `s` matches the ASCII word `word` under `re.IGNORECASE`.
pub fn str_eq_ci(s: &str, word: &str) -> bool {
    let mut a = s.chars();
    let mut b = word.chars();
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if eq_ci(x, y) => {}
            _ => return false,
        }
    }
}

/// Characters whose NFKC form contains one of `/?#@:`; `urllib.parse`
/// rejects a non-ASCII netloc holding one (CVE-2019-9636).
pub const NFKC_NETLOC_BREAKERS: &[char] = &[
    '\u{2047}', '\u{2048}', '\u{2049}', '\u{2100}', '\u{2101}', '\u{2105}', '\u{2106}', '\u{2a74}', '\u{fe13}',
    '\u{fe16}', '\u{fe55}', '\u{fe56}', '\u{fe5f}', '\u{fe6b}', '\u{ff03}', '\u{ff0f}', '\u{ff1a}', '\u{ff1f}',
    '\u{ff20}',
];

/// Length of Python's `s.lower()`: only U+0130 lowers to two characters.
pub fn lower_len(s: &str) -> usize {
    s.chars().map(|c| if c == '\u{130}' { 2 } else { 1 }).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strip_trims_python_whitespace() {
        assert_eq!(strip("\u{1c} a b\u{3000}\n"), "a b");
        assert_eq!(strip("\u{200b}a"), "\u{200b}a");
    }

    #[test]
    fn len_counts_code_points() {
        assert_eq!(len("é"), 1);
        assert_eq!(len("e\u{301}"), 2);
        assert_eq!(len("😀"), 1);
    }

    #[test]
    fn ignorecase_matches_long_s_for_s() {
        assert!(str_eq_ci("LOCALHO\u{17f}T", "localhost"));
        assert!(!str_eq_ci("localhos", "localhost"));
    }
}

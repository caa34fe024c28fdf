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

/// Python `str.isdigit()` for one character (Numeric_Type Digit or
/// Decimal, Unicode 14 as in Python 3.11): ASCII and other scripts' digits,
/// superscripts, circled digits; not `½` or `Ⅻ`. Ranges, sorted.
pub const PY_DIGIT: &[(char, char)] = &[
    ('\u{30}', '\u{39}'),
    ('\u{b2}', '\u{b3}'),
    ('\u{b9}', '\u{b9}'),
    ('\u{660}', '\u{669}'),
    ('\u{6f0}', '\u{6f9}'),
    ('\u{7c0}', '\u{7c9}'),
    ('\u{966}', '\u{96f}'),
    ('\u{9e6}', '\u{9ef}'),
    ('\u{a66}', '\u{a6f}'),
    ('\u{ae6}', '\u{aef}'),
    ('\u{b66}', '\u{b6f}'),
    ('\u{be6}', '\u{bef}'),
    ('\u{c66}', '\u{c6f}'),
    ('\u{ce6}', '\u{cef}'),
    ('\u{d66}', '\u{d6f}'),
    ('\u{de6}', '\u{def}'),
    ('\u{e50}', '\u{e59}'),
    ('\u{ed0}', '\u{ed9}'),
    ('\u{f20}', '\u{f29}'),
    ('\u{1040}', '\u{1049}'),
    ('\u{1090}', '\u{1099}'),
    ('\u{1369}', '\u{1371}'),
    ('\u{17e0}', '\u{17e9}'),
    ('\u{1810}', '\u{1819}'),
    ('\u{1946}', '\u{194f}'),
    ('\u{19d0}', '\u{19da}'),
    ('\u{1a80}', '\u{1a89}'),
    ('\u{1a90}', '\u{1a99}'),
    ('\u{1b50}', '\u{1b59}'),
    ('\u{1bb0}', '\u{1bb9}'),
    ('\u{1c40}', '\u{1c49}'),
    ('\u{1c50}', '\u{1c59}'),
    ('\u{2070}', '\u{2070}'),
    ('\u{2074}', '\u{2079}'),
    ('\u{2080}', '\u{2089}'),
    ('\u{2460}', '\u{2468}'),
    ('\u{2474}', '\u{247c}'),
    ('\u{2488}', '\u{2490}'),
    ('\u{24ea}', '\u{24ea}'),
    ('\u{24f5}', '\u{24fd}'),
    ('\u{24ff}', '\u{24ff}'),
    ('\u{2776}', '\u{277e}'),
    ('\u{2780}', '\u{2788}'),
    ('\u{278a}', '\u{2792}'),
    ('\u{a620}', '\u{a629}'),
    ('\u{a8d0}', '\u{a8d9}'),
    ('\u{a900}', '\u{a909}'),
    ('\u{a9d0}', '\u{a9d9}'),
    ('\u{a9f0}', '\u{a9f9}'),
    ('\u{aa50}', '\u{aa59}'),
    ('\u{abf0}', '\u{abf9}'),
    ('\u{ff10}', '\u{ff19}'),
    ('\u{104a0}', '\u{104a9}'),
    ('\u{10a40}', '\u{10a43}'),
    ('\u{10d30}', '\u{10d39}'),
    ('\u{10e60}', '\u{10e68}'),
    ('\u{11052}', '\u{1105a}'),
    ('\u{11066}', '\u{1106f}'),
    ('\u{110f0}', '\u{110f9}'),
    ('\u{11136}', '\u{1113f}'),
    ('\u{111d0}', '\u{111d9}'),
    ('\u{112f0}', '\u{112f9}'),
    ('\u{11450}', '\u{11459}'),
    ('\u{114d0}', '\u{114d9}'),
    ('\u{11650}', '\u{11659}'),
    ('\u{116c0}', '\u{116c9}'),
    ('\u{11730}', '\u{11739}'),
    ('\u{118e0}', '\u{118e9}'),
    ('\u{11950}', '\u{11959}'),
    ('\u{11c50}', '\u{11c59}'),
    ('\u{11d50}', '\u{11d59}'),
    ('\u{11da0}', '\u{11da9}'),
    ('\u{16a60}', '\u{16a69}'),
    ('\u{16ac0}', '\u{16ac9}'),
    ('\u{16b50}', '\u{16b59}'),
    ('\u{1d7ce}', '\u{1d7ff}'),
    ('\u{1e140}', '\u{1e149}'),
    ('\u{1e2f0}', '\u{1e2f9}'),
    ('\u{1e950}', '\u{1e959}'),
    ('\u{1f100}', '\u{1f10a}'),
    ('\u{1fbf0}', '\u{1fbf9}'),
];

pub fn is_digit(c: char) -> bool {
    in_ranges(PY_DIGIT, c)
}

/// Python `str.isdigit()`: not empty and every character a digit.
pub fn is_all_digits(s: &str) -> bool {
    !s.is_empty() && s.chars().all(is_digit)
}

/// Characters Rust calls alphanumeric (Alphabetic or Numeric) that are not
/// letters or numbers by general category, so not `\w` to Python's `re`:
/// the Other_Alphabetic marks (vowel signs of Indic and Thai scripts,
/// Hebrew and Arabic points) and symbols (circled letters). Ranges, sorted.
pub const ALPHABETIC_NOT_WORD: &[(char, char)] = &[
    ('\u{345}', '\u{345}'),
    ('\u{363}', '\u{36f}'),
    ('\u{5b0}', '\u{5bd}'),
    ('\u{5bf}', '\u{5bf}'),
    ('\u{5c1}', '\u{5c2}'),
    ('\u{5c4}', '\u{5c5}'),
    ('\u{5c7}', '\u{5c7}'),
    ('\u{610}', '\u{61a}'),
    ('\u{64b}', '\u{657}'),
    ('\u{659}', '\u{65f}'),
    ('\u{670}', '\u{670}'),
    ('\u{6d6}', '\u{6dc}'),
    ('\u{6e1}', '\u{6e4}'),
    ('\u{6e7}', '\u{6e8}'),
    ('\u{6ed}', '\u{6ed}'),
    ('\u{711}', '\u{711}'),
    ('\u{730}', '\u{73f}'),
    ('\u{7a6}', '\u{7b0}'),
    ('\u{816}', '\u{817}'),
    ('\u{81b}', '\u{823}'),
    ('\u{825}', '\u{827}'),
    ('\u{829}', '\u{82c}'),
    ('\u{8d4}', '\u{8df}'),
    ('\u{8e3}', '\u{8e9}'),
    ('\u{8f0}', '\u{903}'),
    ('\u{93a}', '\u{93b}'),
    ('\u{93e}', '\u{94c}'),
    ('\u{94e}', '\u{94f}'),
    ('\u{955}', '\u{957}'),
    ('\u{962}', '\u{963}'),
    ('\u{981}', '\u{983}'),
    ('\u{9be}', '\u{9c4}'),
    ('\u{9c7}', '\u{9c8}'),
    ('\u{9cb}', '\u{9cc}'),
    ('\u{9d7}', '\u{9d7}'),
    ('\u{9e2}', '\u{9e3}'),
    ('\u{a01}', '\u{a03}'),
    ('\u{a3e}', '\u{a42}'),
    ('\u{a47}', '\u{a48}'),
    ('\u{a4b}', '\u{a4c}'),
    ('\u{a51}', '\u{a51}'),
    ('\u{a70}', '\u{a71}'),
    ('\u{a75}', '\u{a75}'),
    ('\u{a81}', '\u{a83}'),
    ('\u{abe}', '\u{ac5}'),
    ('\u{ac7}', '\u{ac9}'),
    ('\u{acb}', '\u{acc}'),
    ('\u{ae2}', '\u{ae3}'),
    ('\u{afa}', '\u{afc}'),
    ('\u{b01}', '\u{b03}'),
    ('\u{b3e}', '\u{b44}'),
    ('\u{b47}', '\u{b48}'),
    ('\u{b4b}', '\u{b4c}'),
    ('\u{b56}', '\u{b57}'),
    ('\u{b62}', '\u{b63}'),
    ('\u{b82}', '\u{b82}'),
    ('\u{bbe}', '\u{bc2}'),
    ('\u{bc6}', '\u{bc8}'),
    ('\u{bca}', '\u{bcc}'),
    ('\u{bd7}', '\u{bd7}'),
    ('\u{c00}', '\u{c04}'),
    ('\u{c3e}', '\u{c44}'),
    ('\u{c46}', '\u{c48}'),
    ('\u{c4a}', '\u{c4c}'),
    ('\u{c55}', '\u{c56}'),
    ('\u{c62}', '\u{c63}'),
    ('\u{c81}', '\u{c83}'),
    ('\u{cbe}', '\u{cc4}'),
    ('\u{cc6}', '\u{cc8}'),
    ('\u{cca}', '\u{ccc}'),
    ('\u{cd5}', '\u{cd6}'),
    ('\u{ce2}', '\u{ce3}'),
    ('\u{d00}', '\u{d03}'),
    ('\u{d3e}', '\u{d44}'),
    ('\u{d46}', '\u{d48}'),
    ('\u{d4a}', '\u{d4c}'),
    ('\u{d57}', '\u{d57}'),
    ('\u{d62}', '\u{d63}'),
    ('\u{d81}', '\u{d83}'),
    ('\u{dcf}', '\u{dd4}'),
    ('\u{dd6}', '\u{dd6}'),
    ('\u{dd8}', '\u{ddf}'),
    ('\u{df2}', '\u{df3}'),
    ('\u{e31}', '\u{e31}'),
    ('\u{e34}', '\u{e3a}'),
    ('\u{e4d}', '\u{e4d}'),
    ('\u{eb1}', '\u{eb1}'),
    ('\u{eb4}', '\u{eb9}'),
    ('\u{ebb}', '\u{ebc}'),
    ('\u{ecd}', '\u{ecd}'),
    ('\u{f71}', '\u{f83}'),
    ('\u{f8d}', '\u{f97}'),
    ('\u{f99}', '\u{fbc}'),
    ('\u{102b}', '\u{1036}'),
    ('\u{1038}', '\u{1038}'),
    ('\u{103b}', '\u{103e}'),
    ('\u{1056}', '\u{1059}'),
    ('\u{105e}', '\u{1060}'),
    ('\u{1062}', '\u{1064}'),
    ('\u{1067}', '\u{106d}'),
    ('\u{1071}', '\u{1074}'),
    ('\u{1082}', '\u{108d}'),
    ('\u{108f}', '\u{108f}'),
    ('\u{109a}', '\u{109d}'),
    ('\u{1712}', '\u{1713}'),
    ('\u{1732}', '\u{1733}'),
    ('\u{1752}', '\u{1753}'),
    ('\u{1772}', '\u{1773}'),
    ('\u{17b6}', '\u{17c8}'),
    ('\u{1885}', '\u{1886}'),
    ('\u{18a9}', '\u{18a9}'),
    ('\u{1920}', '\u{192b}'),
    ('\u{1930}', '\u{1938}'),
    ('\u{1a17}', '\u{1a1b}'),
    ('\u{1a55}', '\u{1a5e}'),
    ('\u{1a61}', '\u{1a74}'),
    ('\u{1abf}', '\u{1ac0}'),
    ('\u{1acc}', '\u{1ace}'),
    ('\u{1b00}', '\u{1b04}'),
    ('\u{1b35}', '\u{1b43}'),
    ('\u{1b80}', '\u{1b82}'),
    ('\u{1ba1}', '\u{1ba9}'),
    ('\u{1bac}', '\u{1bad}'),
    ('\u{1be7}', '\u{1bf1}'),
    ('\u{1c24}', '\u{1c36}'),
    ('\u{1dd3}', '\u{1df4}'),
    ('\u{24b6}', '\u{24e9}'),
    ('\u{2de0}', '\u{2dff}'),
    ('\u{a674}', '\u{a67b}'),
    ('\u{a69e}', '\u{a69f}'),
    ('\u{a802}', '\u{a802}'),
    ('\u{a80b}', '\u{a80b}'),
    ('\u{a823}', '\u{a827}'),
    ('\u{a880}', '\u{a881}'),
    ('\u{a8b4}', '\u{a8c3}'),
    ('\u{a8c5}', '\u{a8c5}'),
    ('\u{a8ff}', '\u{a8ff}'),
    ('\u{a926}', '\u{a92a}'),
    ('\u{a947}', '\u{a952}'),
    ('\u{a980}', '\u{a983}'),
    ('\u{a9b4}', '\u{a9bf}'),
    ('\u{a9e5}', '\u{a9e5}'),
    ('\u{aa29}', '\u{aa36}'),
    ('\u{aa43}', '\u{aa43}'),
    ('\u{aa4c}', '\u{aa4d}'),
    ('\u{aa7b}', '\u{aa7d}'),
    ('\u{aab0}', '\u{aab0}'),
    ('\u{aab2}', '\u{aab4}'),
    ('\u{aab7}', '\u{aab8}'),
    ('\u{aabe}', '\u{aabe}'),
    ('\u{aaeb}', '\u{aaef}'),
    ('\u{aaf5}', '\u{aaf5}'),
    ('\u{abe3}', '\u{abea}'),
    ('\u{fb1e}', '\u{fb1e}'),
    ('\u{10376}', '\u{1037a}'),
    ('\u{10a01}', '\u{10a03}'),
    ('\u{10a05}', '\u{10a06}'),
    ('\u{10a0c}', '\u{10a0f}'),
    ('\u{10d24}', '\u{10d27}'),
    ('\u{10eab}', '\u{10eac}'),
    ('\u{11000}', '\u{11002}'),
    ('\u{11038}', '\u{11045}'),
    ('\u{11073}', '\u{11074}'),
    ('\u{11080}', '\u{11082}'),
    ('\u{110b0}', '\u{110b8}'),
    ('\u{110c2}', '\u{110c2}'),
    ('\u{11100}', '\u{11102}'),
    ('\u{11127}', '\u{11132}'),
    ('\u{11145}', '\u{11146}'),
    ('\u{11180}', '\u{11182}'),
    ('\u{111b3}', '\u{111bf}'),
    ('\u{111ce}', '\u{111cf}'),
    ('\u{1122c}', '\u{11234}'),
    ('\u{11237}', '\u{11237}'),
    ('\u{1123e}', '\u{1123e}'),
    ('\u{112df}', '\u{112e8}'),
    ('\u{11300}', '\u{11303}'),
    ('\u{1133e}', '\u{11344}'),
    ('\u{11347}', '\u{11348}'),
    ('\u{1134b}', '\u{1134c}'),
    ('\u{11357}', '\u{11357}'),
    ('\u{11362}', '\u{11363}'),
    ('\u{11435}', '\u{11441}'),
    ('\u{11443}', '\u{11445}'),
    ('\u{114b0}', '\u{114c1}'),
    ('\u{115af}', '\u{115b5}'),
    ('\u{115b8}', '\u{115be}'),
    ('\u{115dc}', '\u{115dd}'),
    ('\u{11630}', '\u{1163e}'),
    ('\u{11640}', '\u{11640}'),
    ('\u{116ab}', '\u{116b5}'),
    ('\u{1171d}', '\u{1172a}'),
    ('\u{1182c}', '\u{11838}'),
    ('\u{11930}', '\u{11935}'),
    ('\u{11937}', '\u{11938}'),
    ('\u{1193b}', '\u{1193c}'),
    ('\u{11940}', '\u{11940}'),
    ('\u{11942}', '\u{11942}'),
    ('\u{119d1}', '\u{119d7}'),
    ('\u{119da}', '\u{119df}'),
    ('\u{119e4}', '\u{119e4}'),
    ('\u{11a01}', '\u{11a0a}'),
    ('\u{11a35}', '\u{11a39}'),
    ('\u{11a3b}', '\u{11a3e}'),
    ('\u{11a51}', '\u{11a5b}'),
    ('\u{11a8a}', '\u{11a97}'),
    ('\u{11c2f}', '\u{11c36}'),
    ('\u{11c38}', '\u{11c3e}'),
    ('\u{11c92}', '\u{11ca7}'),
    ('\u{11ca9}', '\u{11cb6}'),
    ('\u{11d31}', '\u{11d36}'),
    ('\u{11d3a}', '\u{11d3a}'),
    ('\u{11d3c}', '\u{11d3d}'),
    ('\u{11d3f}', '\u{11d41}'),
    ('\u{11d43}', '\u{11d43}'),
    ('\u{11d47}', '\u{11d47}'),
    ('\u{11d8a}', '\u{11d8e}'),
    ('\u{11d90}', '\u{11d91}'),
    ('\u{11d93}', '\u{11d96}'),
    ('\u{11ef3}', '\u{11ef6}'),
    ('\u{16f4f}', '\u{16f4f}'),
    ('\u{16f51}', '\u{16f87}'),
    ('\u{16f8f}', '\u{16f92}'),
    ('\u{16ff0}', '\u{16ff1}'),
    ('\u{1bc9e}', '\u{1bc9e}'),
    ('\u{1e000}', '\u{1e006}'),
    ('\u{1e008}', '\u{1e018}'),
    ('\u{1e01b}', '\u{1e021}'),
    ('\u{1e023}', '\u{1e024}'),
    ('\u{1e026}', '\u{1e02a}'),
    ('\u{1e947}', '\u{1e947}'),
    ('\u{1f130}', '\u{1f149}'),
    ('\u{1f150}', '\u{1f169}'),
    ('\u{1f170}', '\u{1f189}'),
];

/// Python `re`'s `\w` on a str pattern: `_` and what `str.isalnum()` holds.
pub fn is_word(c: char) -> bool {
    c == '_' || (c.is_alphanumeric() && !in_ranges(ALPHABETIC_NOT_WORD, c))
}

/// Python `re.split(r"\W+", s)`: the runs of word characters, with an empty
/// part before a leading and after a trailing run of non-word characters.
pub fn split_non_word(s: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut in_separator = false;
    for (i, c) in s.char_indices() {
        if is_word(c) {
            if in_separator {
                start = i;
                in_separator = false;
            }
        } else if !in_separator {
            parts.push(&s[start..i]);
            in_separator = true;
        }
    }
    parts.push(if in_separator { "" } else { &s[start..] });
    parts
}

fn in_ranges(ranges: &[(char, char)], c: char) -> bool {
    ranges
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
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

    #[test]
    fn split_non_word_keeps_python_empty_ends() {
        assert_eq!(split_non_word("john.doe@example.com"), ["john", "doe", "example", "com"]);
        assert_eq!(split_non_word("@@x"), ["", "x"]);
        assert_eq!(split_non_word("a-"), ["a", ""]);
        assert_eq!(split_non_word("@"), ["", ""]);
        assert_eq!(split_non_word(""), [""]);
        assert_eq!(split_non_word("user_1"), ["user_1"]);
    }

    #[test]
    fn isdigit_takes_other_scripts_and_superscripts_but_not_fractions() {
        assert!(is_all_digits("۱۲۳٤٥²①"));
        assert!(!is_all_digits("½"));
        assert!(!is_all_digits("\u{216b}"));
        assert!(!is_all_digits(""));
        assert!(!is_all_digits("12 3"));
    }
}

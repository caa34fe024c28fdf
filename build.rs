//! Lists the translation keys the app's source names literally, for
//! `tests/settings_translations.rs` to check against every language file
//! (a wasm test cannot read the source tree itself). Writes
//! `$OUT_DIR/literal_keys.txt`, one `file<TAB>key` per line. Nothing in
//! the app reads it.

use std::path::{Path, PathBuf};
use std::{env, fs};

fn main() {
    println!("cargo:rerun-if-changed=src");
    let mut files = Vec::new();
    collect_rust_files(Path::new("src"), &mut files);
    files.sort();
    let mut out = String::new();
    for file in &files {
        let text = fs::read_to_string(file).expect("a source file");
        // Unit tests name ids and paths, not keys.
        let text = text.split("#[cfg(test)]").next().unwrap_or_default();
        for key in dotted_literals(text) {
            out.push_str(&format!("{}\t{key}\n", file.display()));
        }
    }
    let out_dir = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    fs::write(out_dir.join("literal_keys.txt"), out).expect("OUT_DIR is writable");
}

fn collect_rust_files(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("src is readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_rust_files(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

/// String literals shaped like a key: words (lowercase, digits, `_`, each
/// starting with a letter) joined by dots
/// (`"avatar.error.too_large"`), but not file names (`"en.json"`). A
/// literal of only `[a-z0-9_.]` between two quotes cannot be code between
/// two other literals, so no tokenizer is needed.
fn dotted_literals(text: &str) -> Vec<&str> {
    let word = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'.';
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(open) = text[i..].find('"').map(|at| i + at) {
        let end = open + 1 + bytes[open + 1..].iter().take_while(|&&b| word(b)).count();
        if bytes.get(end) != Some(&b'"') {
            i = open + 1;
            continue;
        }
        let literal = &text[open + 1..end];
        let words: Vec<&str> = literal.split('.').collect();
        if words.len() > 1
            && words.iter().all(|w| w.starts_with(|c: char| c.is_ascii_lowercase()))
            && !matches!(*words.last().unwrap(), "json" | "js" | "wasm" | "css" | "html" | "png" | "jpg" | "webp")
        {
            found.push(literal);
        }
        i = end + 1;
    }
    found
}

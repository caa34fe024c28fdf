//! The release wasm is built with `-Zfmt-debug=none` (.ci/build): there,
//! `{:?}` writes nothing. So no text the app or the model can show may
//! come from `{:?}`; this lists every use in their shipped source (each
//! file up to its `#[cfg(test)]` module).

use std::path::Path;

fn uses(dir: &Path, found: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            uses(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            let shipped = text.split("#[cfg(test)]").next().unwrap_or_default();
            for (n, line) in shipped.lines().enumerate() {
                if line.contains(":?}") || line.contains(":#?}") {
                    found.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
                }
            }
        }
    }
}

#[test]
fn no_shipped_text_is_written_with_debug_formatting() {
    let model = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    uses(&model.join("src"), &mut found);
    uses(&model.join("../../src"), &mut found);
    assert!(
        found.is_empty(),
        "{{:?}} writes nothing in the release build; quote values yourself:\n{}",
        found.join("\n")
    );
}

//! The dialect files and the common-password list the app ships, compiled
//! in for the reference server and for tests (feature `shipped`). The app
//! itself fetches only the dialect its config names, and the list when the
//! password form opens, so these bytes stay out of the wasm.

use crate::dialect::{parse_dialect, SHIPPED};
use crate::Dialect;
use std::sync::OnceLock;

const FILES: [(&str, &str); 5] = [
    ("letraz", include_str!("../dialects/letraz.json")),
    ("aisquare-profile", include_str!("../dialects/aisquare-profile.json")),
    ("aisquare-details", include_str!("../dialects/aisquare-details.json")),
    ("pwgen", include_str!("../dialects/pwgen.json")),
    ("users-me", include_str!("../dialects/users-me.json")),
];

/// The text of a shipped file, as the app would fetch it.
pub fn text(name: &str) -> Option<&'static str> {
    FILES.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

/// Every shipped dialect, parsed once, in [`SHIPPED`] order.
pub fn all() -> &'static [&'static Dialect] {
    static PARSED: OnceLock<Vec<&'static Dialect>> = OnceLock::new();
    PARSED.get_or_init(|| {
        SHIPPED
            .iter()
            .map(|name| {
                let text = text(name).expect("every shipped name has a file");
                parse_dialect(text).unwrap_or_else(|e| panic!("dialects/{name}.json: {e}")).leak()
            })
            .collect()
    })
}

pub fn by_name(name: &str) -> Option<&'static Dialect> {
    all().iter().copied().find(|d| d.name == name)
}

pub fn letraz() -> &'static Dialect {
    all()[0]
}
pub fn aisquare_profile() -> &'static Dialect {
    all()[1]
}
pub fn aisquare_details() -> &'static Dialect {
    all()[2]
}
pub fn pwgen() -> &'static Dialect {
    all()[3]
}
pub fn users_me() -> &'static Dialect {
    all()[4]
}

/// [`crate::parse_config`] for a config naming a shipped dialect, as the app
/// does it after fetching the file.
pub fn config(text: &str) -> Result<crate::AppConfig, crate::ConfigError> {
    let dialect = match crate::dialect_source(text)? {
        crate::DialectSource::Shipped(name) => by_name(&name).expect("a shipped name"),
        crate::DialectSource::Url(url) => {
            return Err(crate::ConfigError::new(
                crate::ConfigFile::AppConfig,
                "dialect",
                format!("{url} is not shipped"),
            ))
        }
    };
    crate::parse_config(text, dialect)
}

/// Django's common-password list (`data/common-passwords.txt`), as the app
/// would fetch it when the password form opens.
pub const COMMON_PASSWORDS_TEXT: &str = include_str!("../data/common-passwords.txt");

/// [`COMMON_PASSWORDS_TEXT`] parsed once, for the server and tests.
pub fn common_passwords() -> &'static crate::CommonPasswords {
    static PARSED: OnceLock<crate::CommonPasswords> = OnceLock::new();
    PARSED.get_or_init(|| crate::CommonPasswords::parse(COMMON_PASSWORDS_TEXT))
}

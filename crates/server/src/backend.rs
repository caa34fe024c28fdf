//! The five backends this server implements, each one seed document. Their
//! field rules come from the shipped dialect files, the same the app reads,
//! so the app and the server check the same rules.

use profile_model::{shipped, Dialect};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Backend {
    Letraz,
    AisquareProfile,
    AisquareDetails,
    Pwgen,
    UsersMe,
}

impl Backend {
    pub const ALL: [Backend; 5] =
        [Backend::Letraz, Backend::AisquareProfile, Backend::AisquareDetails, Backend::Pwgen, Backend::UsersMe];

    /// The short name, also the dialect file's.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Letraz => "letraz",
            Backend::AisquareProfile => "aisquare-profile",
            Backend::AisquareDetails => "aisquare-details",
            Backend::Pwgen => "pwgen",
            Backend::UsersMe => "users-me",
        }
    }

    pub fn from_name(name: &str) -> Option<Backend> {
        Backend::ALL.into_iter().find(|b| b.name() == name)
    }

    /// Its dialect file.
    pub fn dialect(self) -> &'static Dialect {
        shipped::by_name(self.name()).expect("every backend has a shipped dialect file")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_backend_has_its_dialect_file() {
        for b in Backend::ALL {
            assert_eq!(Backend::from_name(b.name()), Some(b));
            assert_eq!(b.dialect().name, b.name());
        }
    }
}

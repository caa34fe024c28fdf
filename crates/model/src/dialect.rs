use serde::{Deserialize, Serialize};

/// The five backend contracts the app can be configured for
/// (see `shared/seeds/README.md` for the short names).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Dialect {
    Letraz,
    AisquareProfile,
    AisquareDetails,
    Pwgen,
    UsersMe,
}

impl Dialect {
    pub const ALL: [Dialect; 5] =
        [Dialect::Letraz, Dialect::AisquareProfile, Dialect::AisquareDetails, Dialect::Pwgen, Dialect::UsersMe];

    /// The short name used in issues, config files and URLs.
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Letraz => "letraz",
            Dialect::AisquareProfile => "aisquare-profile",
            Dialect::AisquareDetails => "aisquare-details",
            Dialect::Pwgen => "pwgen",
            Dialect::UsersMe => "users-me",
        }
    }

    pub fn from_name(name: &str) -> Option<Dialect> {
        Dialect::ALL.into_iter().find(|d| d.name() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for d in Dialect::ALL {
            assert_eq!(Dialect::from_name(d.name()), Some(d));
        }
        assert_eq!(Dialect::from_name("nope"), None);
    }
}

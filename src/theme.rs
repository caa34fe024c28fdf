//! Light, dark or follow the system. The choice is one attribute on
//! `<html>` (`data-theme`); `style/main.css` maps it to colours with
//! `color-scheme` + `light-dark()`, so "system" follows the OS live without
//! a media-query listener here. `src/theme-boot.js` applies the
//! remembered choice before the first paint.

use leptos::prelude::*;

use crate::context::use_or_provide;
use crate::prefs;

/// What the person picked in Settings → Appearance.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ThemeChoice {
    Light,
    Dark,
    #[default]
    System,
}

impl ThemeChoice {
    pub const ALL: [ThemeChoice; 3] = [ThemeChoice::Light, ThemeChoice::Dark, ThemeChoice::System];

    /// The `data-theme` value and the stored value.
    pub fn name(self) -> &'static str {
        match self {
            ThemeChoice::Light => "light",
            ThemeChoice::Dark => "dark",
            ThemeChoice::System => "system",
        }
    }

    pub fn from_name(name: &str) -> Option<ThemeChoice> {
        ThemeChoice::ALL.into_iter().find(|c| c.name() == name)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            ThemeChoice::Light => "settings.theme.light",
            ThemeChoice::Dark => "settings.theme.dark",
            ThemeChoice::System => "settings.theme.system",
        }
    }
}

/// The theme in context.
#[derive(Clone, Copy)]
pub struct Theme {
    choice: RwSignal<ThemeChoice>,
}

impl Theme {
    /// A theme that touches neither storage nor the document until `set`.
    pub fn new(choice: ThemeChoice) -> Self {
        Theme { choice: RwSignal::new(choice) }
    }

    /// The remembered choice (or "system"), applied to `<html>`.
    pub fn restore() -> Self {
        let choice = prefs::load(prefs::THEME_KEY).and_then(|n| ThemeChoice::from_name(&n)).unwrap_or_default();
        prefs::set_root_attribute("data-theme", choice.name());
        Theme::new(choice)
    }

    pub fn choice(&self) -> ThemeChoice {
        self.choice.get()
    }

    /// Applies at once and remembers the choice in this browser.
    pub fn set(&self, choice: ThemeChoice) {
        prefs::set_root_attribute("data-theme", choice.name());
        prefs::store(prefs::THEME_KEY, choice.name());
        self.choice.set(choice);
    }
}

/// The app's theme, or a fresh "system" one when no `App` provided it
/// (component tests).
pub fn use_theme() -> Theme {
    use_or_provide(|| Theme::new(ThemeChoice::System))
}

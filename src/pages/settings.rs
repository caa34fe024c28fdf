use leptos::prelude::*;

/// Placeholder until the settings issue lands.
#[component]
pub fn SettingsPage() -> impl IntoView {
    view! {
        <section class="card">
            <h1>"Settings"</h1>
            <p>"Preferences, appearance and connection settings will live here."</p>
        </section>
    }
}

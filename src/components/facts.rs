//! Facts the person cannot edit (joined, followers, rank …), shown as a
//! definition list beside the fields of their section.

use leptos::prelude::*;
use profile_model::catalogue::{catalogue, FieldKind, FieldSpec, Section};
use profile_model::url::backend_url;
use profile_model::{Dialect, FieldValue, FormValues};

use crate::i18n::{use_i18n, I18n};

/// The read-only fields of `section`. The photo has its own preview; other
/// files are links among the facts.
pub fn read_only_in(dialect: &'static Dialect, section: Section) -> Vec<&'static FieldSpec> {
    catalogue(dialect).iter().filter(|s| s.section == section && s.read_only && s.section != Section::Photo).collect()
}

/// Facts the person cannot edit (joined, followers, rank …).
#[component]
pub fn ReadOnlyFacts(
    specs: Vec<&'static FieldSpec>,
    #[prop(into)] values: Signal<FormValues>,
    /// Where file paths the backend sends are resolved (the API's host).
    #[prop(optional, into)]
    api_base_url: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let api_base_url = StoredValue::new(api_base_url);
    (!specs.is_empty()).then(|| {
        view! {
            <dl class="facts">
                {specs.into_iter().map(|spec| view! {
                    <div class="facts__item">
                        <dt>{move || i18n.field_label(spec)}</dt>
                        <dd dir="auto" data-testid=format!("fact-{}", spec.path)>
                            {move || values.with(|v| api_base_url.with_value(|base| fact_view(i18n, base, spec, v.get(&spec.path))))}
                        </dd>
                    </div>
                }).collect_view()}
            </dl>
        }
    })
}

fn fact_view(i18n: I18n, api_base_url: &str, spec: &FieldSpec, value: Option<&FieldValue>) -> AnyView {
    match value {
        // Dates in the person's language (the server's ISO text stays in `datetime`).
        Some(FieldValue::Text(iso))
            if matches!(spec.kind, FieldKind::DateTime | FieldKind::Date) && !iso.is_empty() =>
        {
            let shown = if spec.kind == FieldKind::Date { i18n.format_date(iso) } else { i18n.format_date_time(iso) };
            view! { <time datetime=iso.clone()>{shown}</time> }.into_any()
        }
        // Files become links on the API's host, and only if http(s).
        Some(FieldValue::Text(url)) if spec.kind == FieldKind::File => match backend_url(api_base_url, url) {
            Some(href) => view! { <a href=href rel="noopener noreferrer" target="_blank">{url.clone()}</a> }.into_any(),
            None => url.clone().into_any(),
        },
        other => fact_text(other).into_any(),
    }
}

fn fact_text(value: Option<&FieldValue>) -> String {
    match value {
        None | Some(FieldValue::Null) => "—".to_string(),
        Some(FieldValue::Bool(b)) => if *b { "✓" } else { "✗" }.to_string(),
        Some(FieldValue::List(items)) => items.join(", "),
        Some(FieldValue::Text(t)) => t.clone(),
    }
}

use leptos::prelude::*;

/// One radio of a [`ChoiceGroup`].
#[derive(Clone)]
pub struct ChoiceOption<T> {
    pub value: T,
    /// Stable name: the radio's `value` and test id suffix.
    pub id: &'static str,
    pub label: Signal<String>,
    /// `lang` of the label when it is in another language than the page
    /// (a language's own name, "فارسی").
    pub lang: Option<&'static str>,
}

/// Pick one of a few: a `<fieldset>` of radios drawn as a segmented
/// control. Arrow keys move between options (native radio behaviour).
#[component]
pub fn ChoiceGroup<T>(
    /// `name` shared by the radios; prefixes their test ids (`theme-dark`).
    name: &'static str,
    /// Visible group label (`<legend>`).
    #[prop(into)]
    legend: Signal<String>,
    /// Keep the legend for screen readers only (when a heading right above
    /// already says the same).
    #[prop(optional)]
    legend_hidden: bool,
    options: Vec<ChoiceOption<T>>,
    /// The option shown as chosen.
    #[prop(into)]
    selected: Signal<T>,
    /// Called with the option the person picks.
    #[prop(into)]
    on_select: Callback<T>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let radios = options
        .into_iter()
        .map(|option| {
            let value = option.value;
            view! {
                <label class="choice__option">
                    <input
                        class="choice__input"
                        type="radio"
                        name=name
                        value=option.id
                        prop:checked=move || selected.get() == value
                        on:change=move |_| on_select.run(value)
                        data-testid=format!("{name}-{}", option.id)
                    />
                    <span class="choice__label" lang=option.lang>{option.label}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="choice">
            <legend class="choice__legend" class:visually-hidden=legend_hidden>{legend}</legend>
            <div class="choice__options">{radios}</div>
        </fieldset>
    }
}

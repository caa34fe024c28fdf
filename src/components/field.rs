//! One labelled input for a catalogue field, whatever its kind, with its
//! error tied to it (`aria-invalid`, `aria-describedby`). It only shows
//! the field's message: the rules that set it come with the form's save
//! cycle (`forms::use_checks`), so the input works before they arrive.

use leptos::prelude::*;
use profile_model::catalogue::FieldKind;
use profile_model::FieldValue;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;

use crate::dom_id;
use crate::first_paint::after_next_paint;
use crate::forms::FieldState;
use crate::i18n::use_i18n;

#[component]
pub fn FieldInput(
    /// The field's signals and its catalogue entry.
    field: FieldState,
) -> impl IntoView {
    let i18n = use_i18n();
    let spec = field.spec;
    let id = dom_id::field(&spec.path);
    let error_id = dom_id::field_error(&spec.path);
    let error = field.error;
    let invalid = move || error.with(Option::is_some).then_some("true");
    let text = move || field.value.with(|v| v.as_text().to_string());
    let on_text = move |ev: leptos::ev::Event| field.edit(FieldValue::Text(event_target_value(&ev)));
    let on_blur = move |_| field.touched.set(true);
    let described = error_id.clone();

    let control = match spec.kind {
        FieldKind::Bool => view! {
            <input type="checkbox" id=id.clone() data-testid=spec.path.as_str()
                prop:checked=move || field.value.with(FieldValue::as_bool)
                on:change=move |ev| field.edit(FieldValue::Bool(event_target_checked(&ev)))
                aria-invalid=invalid aria-describedby=described.clone()/>
        }
        .into_any(),
        FieldKind::Choice => view! {
            <select id=id.clone() data-testid=spec.path.as_str() on:change=on_text on:blur=on_blur
                aria-invalid=invalid aria-describedby=described.clone()>
                <option value="" selected=move || text().is_empty()>{i18n.tr("choice.none")}</option>
                {spec.choices.iter().map(|option| {
                    let option = option.as_str();
                    view! {
                        <option value=option selected=move || text() == option>
                            {move || i18n.choice_label(spec, option)}
                        </option>
                    }
                }).collect_view()}
            </select>
        }
        .into_any(),
        FieldKind::Multiline => view! {
            <textarea id=id.clone() data-testid=spec.path.as_str() dir="auto" rows="4"
                prop:value=text on:input=on_text on:blur=on_blur
                aria-invalid=invalid aria-describedby=described.clone()></textarea>
        }
        .into_any(),
        FieldKind::List => {
            // The raw text keeps what the person is typing ("a, " while they
            // add an item); it follows the value only when that changes
            // from elsewhere (discard, draft restore, server answer).
            let raw = RwSignal::new(field.value.with_untracked(|v| v.as_list().join(", ")));
            Effect::new(move || {
                let items = field.value.with(|v| v.as_list().to_vec());
                if split_list(&raw.get_untracked()) != items {
                    raw.set(items.join(", "));
                }
            });
            view! {
                <input type="text" id=id.clone() data-testid=spec.path.as_str() dir="auto"
                    prop:value=raw
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        field.edit(FieldValue::List(split_list(&text)));
                        raw.set(text);
                    }
                    on:blur=on_blur aria-invalid=invalid aria-describedby=described.clone()/>
            }
            .into_any()
        }
        kind => {
            let is_date = kind == FieldKind::Date;
            if is_date {
                use_date_control(id.clone(), text);
            }
            view! {
                <input type=input_type(kind) id=id.clone() data-testid=spec.path.as_str() dir="auto"
                    autocomplete=autocomplete(&spec.path)
                    prop:value=text on:input=on_text
                    on:blur=move |ev| {
                        let input = event_target::<HtmlInputElement>(&ev);
                        on_blur(ev);
                        if is_date {
                            take_date_control(&input);
                        }
                    }
                    aria-invalid=invalid aria-describedby=described.clone()/>
            }
            .into_any()
        }
    };

    let counter = spec.max_length.map(|max| {
        view! {
            <span class="field__count" aria-hidden="true">
                {move || format!("{}/{max}", field.value.with(|v| v.as_text().chars().count()))}
            </span>
        }
    });

    view! {
        <div class="field" class:field--inline=spec.kind == FieldKind::Bool>
            <label class="field__label" for=id.clone()>{move || i18n.field_label(spec)}</label>
            {control}
            <div class="field__meta">
                <p class="field__error" id=error_id data-testid=format!("error-{}", spec.path) aria-live="polite">
                    {move || error.get().map(|m| i18n.message(&m))}
                </p>
                {counter}
            </div>
        </div>
    }
}

/// The browser's date control is the costliest element of the first
/// screen: created and laid out, 26 ms more than a text input at 4x CPU,
/// and /profile's form showed 50 ms sooner without it (A/B). So a date
/// field starts as text holding the ISO date the server sent and becomes
/// the control a frame after the form's first paint (after the form's
/// behaviour module has been asked for), or on its blur. Once it is the
/// control, a value set from elsewhere that it cannot hold (a restored
/// draft of text typed before it came) sends it back to text, showing
/// what Save would send.
fn use_date_control(id: String, text: impl Fn() -> String + 'static) {
    let at_paint = id.clone();
    // Two paints: the first paint's task is where AfterFirstPaint asks for
    // the behaviour module.
    after_next_paint(move || {
        after_next_paint(move || {
            if let Some(input) = date_input(&at_paint) {
                take_date_control(&input);
            }
        })
    });
    Effect::new(move || {
        let want = text();
        let Some(input) = date_input(&id).filter(|input| input.type_() == "date") else { return };
        // Written here too when it does not show yet, so it does not matter
        // whether `prop:value` ran first.
        if input.value() != want {
            input.set_value(&want);
            text_unless_held(&input, &want);
        }
    });
}

fn date_input(id: &str) -> Option<HtmlInputElement> {
    document().get_element_by_id(id).and_then(|e| e.dyn_into().ok())
}

/// Makes a date field's text input the date control, unless it has focus
/// (its blur tries again) or holds text the control cannot (a date typed
/// meanwhile stays as typed, for the rules to judge).
fn take_date_control(input: &HtmlInputElement) {
    let focused = document().active_element().is_some_and(|active| &active == input.as_ref());
    if focused || input.type_() == "date" {
        return;
    }
    let typed = input.value();
    input.set_type("date");
    text_unless_held(input, &typed);
}

/// Back to text showing `want` if the date control just given it dropped it.
fn text_unless_held(input: &HtmlInputElement, want: &str) {
    if input.value() != want {
        input.set_type("text");
        input.set_value(want);
    }
}

fn input_type(kind: FieldKind) -> &'static str {
    match kind {
        FieldKind::Email => "email",
        FieldKind::Url => "url",
        // Text until the form has been painted: use_date_control.
        FieldKind::Date => "text",
        FieldKind::Phone => "tel",
        FieldKind::Number => "number",
        _ => "text",
    }
}

fn autocomplete(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or(path) {
        "first_name" => "given-name",
        "last_name" => "family-name",
        "full_name" => "name",
        "email" => "email",
        "phone" | "number_phone" | "mobile_number" => "tel",
        "username" => "username",
        "city" => "address-level2",
        "postal" => "postal-code",
        "address" => "street-address",
        "website" | "website_url" => "url",
        "dob" => "bday",
        _ => "off",
    }
}

fn split_list(text: &str) -> Vec<String> {
    text.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

use super::FieldMessage;
use leptos::prelude::*;

/// A labelled input with the message of its field below it, tied by `aria-describedby`
/// (`{id}-erreur`, plus `hint` when a hint paragraph describes it too).
#[component]
pub fn Field(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    message: Signal<Option<String>>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let error_id = format!("{id}-erreur");
    let described = match hint {
        Some(hint) => format!("{hint} {error_id}"),
        None => error_id.clone(),
    };
    view! {
        <label for=id>{label}</label>
        <input id=id type=input_type inputmode=inputmode autocomplete=autocomplete
            aria-describedby=described bind:value=value/>
        <FieldMessage id=error_id message/>
    }
}

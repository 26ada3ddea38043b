use leptos::prelude::*;

/// The error under a form field. Always in the page (possibly empty) so that the field's
/// `aria-describedby` points at something; screen readers hear it when it appears.
#[component]
pub fn FieldMessage(#[prop(into)] id: String, message: Signal<Option<String>>) -> impl IntoView {
    view! {
        <p id=id class="field-error" aria-live="polite">{move || message.get()}</p>
    }
}

use bailleur_api_types::PasswordRule;
use leptos::prelude::*;

/// The policy checked as the user types (R-AUTH-6), each rule shown met or not, as on the
/// agency's screen. The same rules as the server's: both use `api-types`.
#[component]
pub fn PasswordRules(password: RwSignal<String>) -> impl IntoView {
    view! {
        <div id="regles-mot-de-passe">
            <p>"Le mot de passe doit contenir :"</p>
            <ul class="rules">
                {PasswordRule::ALL.into_iter().map(|rule| {
                    let met = move || password.with(|p| rule.is_met(p));
                    view! {
                        <li class=move || if met() { "rule met" } else { "rule unmet" }>
                            <span aria-hidden="true">{move || if met() { "✓ " } else { "✗ " }}</span>
                            {rule.label_fr()}
                            <span class="visually-hidden">{move || if met() { " : respecté" } else { " : non respecté" }}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}

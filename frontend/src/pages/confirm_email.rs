//! "Validation de l'adresse mail" (R-AUTH-4): the email twice; a code is then mailed to it.
use crate::api::{ApiError, UnauthorizedApi};
use crate::components::FieldMessage;
use crate::session::{Session, follow};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

#[component]
pub fn ConfirmEmail() -> impl IntoView {
    let session = Session::get();
    let navigate = use_navigate();
    let params = use_params_map();
    let flow_id = move || params.read().get("flow").unwrap_or_default();
    let email = RwSignal::new(String::new());
    let confirmation = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let submit = Action::new_local(
        move |(id, email, confirmation): &(String, String, String)| {
            let (id, email, confirmation) = (id.clone(), email.clone(), confirmation.clone());
            async move {
                UnauthorizedApi
                    .confirm_email(&id, email, confirmation)
                    .await
            }
        },
    );
    Effect::new(move || {
        if let Some(result) = submit.value().get() {
            match result {
                Ok(outcome) => follow(session, &navigate, outcome),
                Err(failure) => error.set(Some(failure)),
            }
        }
    });
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        error.set(None);
        submit.dispatch((flow_id(), email.get(), confirmation.get()));
    };
    let field =
        move |name: &'static str| Signal::derive(move || error.get().and_then(|e| e.field(name)));
    view! {
        <nav class="breadcrumb" aria-label="Fil d'Ariane">"Accueil / Connexion / Validation de l'adresse mail"</nav>
        <main id="contenu">
            <section class="card" aria-labelledby="titre-adresse">
                <h1 id="titre-adresse">"Validation de l'adresse mail"</h1>
                <p>"Pour continuer, saisissez l'adresse mail à laquelle la Caf pourra vous écrire. "
                   "Un code de vérification y sera envoyé."</p>
                <form on:submit=on_submit novalidate>
                    <label for="email">"Adresse mail"</label>
                    <input id="email" name="email" type="email" autocomplete="email" required
                        aria-describedby="email-erreur" bind:value=email/>
                    <FieldMessage id="email-erreur" message=field("email")/>
                    <label for="email-confirmation">"Confirmation de l'adresse mail"</label>
                    <input id="email-confirmation" name="email_confirmation" type="email" autocomplete="email" required
                        aria-describedby="email-confirmation-erreur" bind:value=confirmation/>
                    <FieldMessage id="email-confirmation-erreur" message=field("email_confirmation")/>
                    {move || error.get().and_then(|e| e.general(&["email", "email_confirmation"]))
                        .map(|text| view! { <p class="alert" role="alert">{text}</p> })}
                    <div class="actions">
                        <button type="submit" class="primary" disabled=move || submit.pending().get()>"Valider"</button>
                    </div>
                </form>
            </section>
        </main>
    }
}

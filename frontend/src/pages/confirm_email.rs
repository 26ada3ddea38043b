//! "Validation de l'adresse mail" (R-AUTH-4): the email twice; a code is then mailed to it.
use crate::api::UnauthorizedApi;
use crate::components::FieldMessage;
use crate::session::flow_step;
use bailleur_api_types::auth::ConfirmEmailRequest;
use leptos::prelude::*;

#[component]
pub fn ConfirmEmail() -> impl IntoView {
    let email = RwSignal::new(String::new());
    let confirmation = RwSignal::new(String::new());
    let submit = flow_step(|id, request: ConfirmEmailRequest| async move {
        UnauthorizedApi.confirm_email(&id, &request).await
    });
    let on_submit = submit.on_submit(move || {
        Some(ConfirmEmailRequest {
            email: email.get(),
            email_confirmation: confirmation.get(),
        })
    });
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
                    <FieldMessage id="email-erreur" message=submit.field("email")/>
                    <label for="email-confirmation">"Confirmation de l'adresse mail"</label>
                    <input id="email-confirmation" name="email_confirmation" type="email" autocomplete="email" required
                        aria-describedby="email-confirmation-erreur" bind:value=confirmation/>
                    <FieldMessage id="email-confirmation-erreur" message=submit.field("email_confirmation")/>
                    {submit.alert(&["email", "email_confirmation"])}
                    {submit.send_button("primary", "Valider")}
                </form>
            </section>
        </main>
    }
}

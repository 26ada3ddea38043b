//! "Conditions d'utilisation" (R-AUTH-5): the usage rules and the terms of use, each accepted.
use crate::api::UnauthorizedApi;
use crate::components::FieldMessage;
use crate::session::flow_step;
use bailleur_api_types::auth::TermsRequest;
use leptos::prelude::*;

#[component]
pub fn AcceptTerms() -> impl IntoView {
    let usage_rules = RwSignal::new(false);
    let terms_of_use = RwSignal::new(false);
    let submit = flow_step(|id, request: TermsRequest| async move {
        UnauthorizedApi.accept_terms(&id, &request).await
    });
    let on_submit = submit.on_submit(move || {
        Some(TermsRequest {
            usage_rules: usage_rules.get(),
            terms_of_use: terms_of_use.get(),
        })
    });
    view! {
        <nav class="breadcrumb" aria-label="Fil d'Ariane">"Accueil / Connexion / Conditions d'utilisation"</nav>
        <main id="contenu">
            <section class="card" aria-labelledby="titre-conditions">
                <h1 id="titre-conditions">"Conditions d'utilisation"</h1>
                <p>"Avant d'accéder à l'Espace Bailleur, prenez connaissance des règles d'usage et des conditions générales d'utilisation (version 2026-01)."</p>
                <form on:submit=on_submit novalidate>
                    <div class="checkbox">
                        <input id="usage-rules" type="checkbox" aria-describedby="usage-rules-erreur" bind:checked=usage_rules/>
                        <label for="usage-rules">"J'accepte les règles d'usage de l'Espace Bailleur"</label>
                    </div>
                    <FieldMessage id="usage-rules-erreur" message=submit.field("usage_rules")/>
                    <div class="checkbox">
                        <input id="terms-of-use" type="checkbox" aria-describedby="terms-of-use-erreur" bind:checked=terms_of_use/>
                        <label for="terms-of-use">"J'accepte les conditions générales d'utilisation"</label>
                    </div>
                    <FieldMessage id="terms-of-use-erreur" message=submit.field("terms_of_use")/>
                    {submit.alert(&["usage_rules", "terms_of_use"])}
                    {submit.send_button("primary", "Valider")}
                </form>
            </section>
        </main>
    }
}

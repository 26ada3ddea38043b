//! "Conditions d'utilisation" (R-AUTH-5): the usage rules and the terms of use, each accepted.
use crate::api::{ApiError, UnauthorizedApi};
use crate::components::FieldMessage;
use crate::session::{Session, follow};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

#[component]
pub fn AcceptTerms() -> impl IntoView {
    let session = Session::get();
    let navigate = use_navigate();
    let params = use_params_map();
    let flow_id = move || params.read().get("flow").unwrap_or_default();
    let usage_rules = RwSignal::new(false);
    let terms_of_use = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let submit = Action::new_local(move |(id, rules, terms): &(String, bool, bool)| {
        let (id, rules, terms) = (id.clone(), *rules, *terms);
        async move { UnauthorizedApi.accept_terms(&id, rules, terms).await }
    });
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
        submit.dispatch((flow_id(), usage_rules.get(), terms_of_use.get()));
    };
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
                    <FieldMessage id="usage-rules-erreur" message=Signal::derive(move || error.get().and_then(|e| e.field("usage_rules")))/>
                    <div class="checkbox">
                        <input id="terms-of-use" type="checkbox" aria-describedby="terms-of-use-erreur" bind:checked=terms_of_use/>
                        <label for="terms-of-use">"J'accepte les conditions générales d'utilisation"</label>
                    </div>
                    <FieldMessage id="terms-of-use-erreur" message=Signal::derive(move || error.get().and_then(|e| e.field("terms_of_use")))/>
                    {move || error.get().and_then(|e| e.general(&["usage_rules", "terms_of_use"]))
                        .map(|text| view! { <p class="alert" role="alert">{text}</p> })}
                    <div class="actions">
                        <button type="submit" class="primary" disabled=move || submit.pending().get()>"Valider"</button>
                    </div>
                </form>
            </section>
        </main>
    }
}

//! "Choix du mot de passe" (R-AUTH-5, R-AUTH-6): a personal password replaces the provisional
//! one; the rules are checked as the user types and again by the server.
use crate::api::UnauthorizedApi;
use crate::components::{AccountTable, FieldMessage, PasswordRules};
use crate::form::page_number;
use crate::session::{flow_step, route_flow_id};
use bailleur_api_types::auth::{AccountQuery, NewPasswordRequest};
use leptos::prelude::*;

#[component]
pub fn NewPassword() -> impl IntoView {
    let flow_id = route_flow_id();
    let password = RwSignal::new(String::new());
    let confirmation = RwSignal::new(String::new());
    let flow = LocalResource::new(move || {
        let id = flow_id();
        async move { UnauthorizedApi.flow(&id).await.ok() }
    });
    let linking = move || flow.get().flatten().and_then(|flow| flow.linking_accounts);
    let page = RwSignal::new(1u64);
    let linked = LocalResource::new(move || {
        let (id, linking) = (flow_id(), linking().is_some());
        let query = AccountQuery {
            q: Some(String::new()),
            page: page_number(page.get()),
        };
        async move {
            match linking {
                true => UnauthorizedApi.flow_accounts(&id, &query).await.ok(),
                false => None,
            }
        }
    });
    let submit = flow_step(|id, request: NewPasswordRequest| async move {
        UnauthorizedApi.set_password(&id, &request).await
    });
    let on_submit = submit.on_submit(move || {
        Some(NewPasswordRequest {
            new_password: password.get(),
            confirmation: confirmation.get(),
        })
    });
    let rules_broken = submit.field("new_password");
    let password_error = Signal::derive(move || {
        rules_broken
            .get()
            .map(|_| "Le mot de passe ne respecte pas toutes les règles ci-dessus.".to_owned())
    });
    view! {
        <nav class="breadcrumb" aria-label="Fil d'Ariane">"Accueil / Connexion / Choix du mot de passe"</nav>
        <main id="contenu">
            <section class="card" aria-labelledby="titre-mot-de-passe">
                <h1 id="titre-mot-de-passe">"Choix du mot de passe"</h1>
                {move || match linking() {
                    Some(count) => view! {
                        <p class="info" role="status">{format!(
                            "L'adresse mail que vous venez de saisir est déjà utilisée pour {count} comptes. \
                             Choisissez un mot de passe : il sera commun à tous ces comptes et au vôtre.")}</p>
                        {move || linked.get().flatten().map(|list| view! { <AccountTable list page/> })}
                    }.into_any(),
                    None => view! { <p>"Choisissez votre nouveau mot de passe personnel."</p> }.into_any(),
                }}
                <form on:submit=on_submit novalidate>
                    <label for="new-password">"Nouveau mot de passe"</label>
                    <input id="new-password" name="new_password" type="password" autocomplete="new-password" required
                        aria-describedby="regles-mot-de-passe new-password-erreur" bind:value=password/>
                    <PasswordRules password/>
                    <FieldMessage id="new-password-erreur" message=password_error/>
                    <label for="confirmation">"Confirmation du mot de passe"</label>
                    <input id="confirmation" name="confirmation" type="password" autocomplete="new-password" required
                        aria-describedby="confirmation-erreur" bind:value=confirmation/>
                    <FieldMessage id="confirmation-erreur" message=submit.field("confirmation")/>
                    {submit.alert(&["new_password", "confirmation"])}
                    {submit.send_button("primary", "Valider")}
                </form>
            </section>
        </main>
    }
}

//! "Sélection de comptes" at sign-in (R-AUTH-2): the accounts sharing the email, searchable and
//! paginated (there can be hundreds); the session starts on the chosen one.
use crate::api::UnauthorizedApi;
use crate::components::{AccountTable, SearchForm};
use crate::form::page_number;
use crate::session::{flow_step, route_flow_id};
use bailleur_api_types::auth::{AccountQuery, SelectAccountRequest};
use leptos::prelude::*;

#[component]
pub fn SelectAccount() -> impl IntoView {
    let flow_id = route_flow_id();
    let query = RwSignal::new(String::new());
    let page = RwSignal::new(1u64);
    let accounts = LocalResource::new(move || {
        let id = flow_id();
        let query = AccountQuery {
            q: Some(query.get()),
            page: page_number(page.get()),
        };
        async move { UnauthorizedApi.flow_accounts(&id, &query).await }
    });
    let choose = flow_step(|id, request: SelectAccountRequest| async move {
        UnauthorizedApi.select_account(&id, &request).await
    });
    view! {
        <nav class="breadcrumb" aria-label="Fil d'Ariane">"Accueil / Connexion / Sélection de comptes"</nav>
        <main id="contenu">
            <section class="card wide" aria-labelledby="titre-selection">
                <h1 id="titre-selection">"Sélection de comptes"</h1>
                <p>"Votre adresse mail est utilisée pour plusieurs comptes. Choisissez le compte sur lequel travailler ; vous pourrez en changer à tout moment."</p>
                <SearchForm id="recherche" label="Rechercher un compte (identifiant, SIRET, nom, Caf)" query page/>
                {move || choose.error.get().map(|e| view! { <p class="alert" role="alert">{e.message()}</p> })}
                {move || match accounts.get() {
                    None => view! { <p class="loading" role="status">"Chargement des comptes…"</p> }.into_any(),
                    Some(Err(failure)) => view! { <p class="alert" role="alert">{failure.message()}</p> }.into_any(),
                    Some(Ok(list)) => view! {
                        <AccountTable list page on_choose=move |account_id| {
                            choose.send(SelectAccountRequest { account_id });
                        }/>
                    }.into_any(),
                }}
            </section>
        </main>
    }
}

//! "Sélection de comptes" from the menu (R-AUTH-3): switch to another account sharing the
//! email, as often as wished, without signing in again.
use crate::api::AuthorizedApi;
use crate::components::{AccountTable, SearchForm};
use crate::form::{FormAction, page_number};
use crate::pages::shell::SignedInOnly;
use crate::session::{Session, signed_in_resource};
use bailleur_api_types::auth::{AccountQuery, SelectAccountRequest};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

#[component]
pub fn SwitchAccount() -> impl IntoView {
    let session = Session::get();
    let navigate = use_navigate();
    let query = RwSignal::new(String::new());
    let page = RwSignal::new(1u64);
    let accounts = signed_in_resource(session, move |api| {
        let query = AccountQuery {
            q: Some(query.get()),
            page: page_number(page.get()),
        };
        async move { api.accounts(&query).await }
    });
    let choose = FormAction::new(
        move |(api, request): (AuthorizedApi, SelectAccountRequest)| async move {
            api.switch(&request).await
        },
        move |tokens| {
            session.start(tokens);
            navigate("/accueil", NavigateOptions::default());
        },
    );
    let on_choose = move |account_id| {
        if let Some(api) = session.api.get_untracked() {
            choose.send((api, SelectAccountRequest { account_id }));
        }
    };
    let current = move || session.api.get().map(|api| api.account.id);
    view! {
        <nav class="breadcrumb" aria-label="Fil d'Ariane">"Accueil / Sélection de comptes"</nav>
        <main id="contenu">
            <SignedInOnly/>
            <section class="card wide" aria-labelledby="titre-changer">
                <h1 id="titre-changer">"Sélection de comptes"</h1>
                <p>"Choisissez le compte sur lequel travailler. Vous restez connecté(e)."</p>
                <SearchForm id="recherche" label="Rechercher un compte (identifiant, SIRET, nom, Caf)" query page/>
                {move || choose.error.get().map(|e| view! { <p class="alert" role="alert">{e.message()}</p> })}
                {move || match accounts.get().flatten() {
                    None => view! { <p class="loading" role="status">"Chargement des comptes…"</p> }.into_any(),
                    Some(Err(failure)) => view! { <p class="alert" role="alert">{failure.message()}</p> }.into_any(),
                    Some(Ok(list)) => view! {
                        <AccountTable list page current=current() on_choose/>
                    }.into_any(),
                }}
            </section>
        </main>
    }
}

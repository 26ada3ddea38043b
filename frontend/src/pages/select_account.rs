//! "Sélection de comptes" at sign-in (R-AUTH-2): the accounts sharing the email, searchable and
//! paginated (there can be hundreds); the session starts on the chosen one.
use crate::api::{ApiError, UnauthorizedApi};
use crate::components::AccountTable;
use crate::session::{Session, follow};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

#[component]
pub fn SelectAccount() -> impl IntoView {
    let session = Session::get();
    let navigate = use_navigate();
    let params = use_params_map();
    let flow_id = move || params.read().get("flow").unwrap_or_default();
    let search = RwSignal::new(String::new());
    let query = RwSignal::new(String::new());
    let page = RwSignal::new(1u64);
    let error = RwSignal::new(None::<ApiError>);
    let accounts = LocalResource::new(move || {
        let (id, q, page) = (flow_id(), query.get(), page.get());
        async move { UnauthorizedApi.flow_accounts(&id, &q, page).await }
    });
    let choose = Action::new_local(move |(id, account): &(String, i32)| {
        let (id, account) = (id.clone(), *account);
        async move { UnauthorizedApi.select_account(&id, account).await }
    });
    Effect::new(move || {
        if let Some(result) = choose.value().get() {
            match result {
                Ok(outcome) => follow(session, &navigate, outcome),
                Err(failure) => error.set(Some(failure)),
            }
        }
    });
    let on_search = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        page.set(1);
        query.set(search.get());
    };
    view! {
        <nav class="breadcrumb" aria-label="Fil d'Ariane">"Accueil / Connexion / Sélection de comptes"</nav>
        <main id="contenu">
            <section class="card wide" aria-labelledby="titre-selection">
                <h1 id="titre-selection">"Sélection de comptes"</h1>
                <p>"Votre adresse mail est utilisée pour plusieurs comptes. Choisissez le compte sur lequel travailler ; vous pourrez en changer à tout moment."</p>
                <form class="search" role="search" on:submit=on_search>
                    <label for="recherche">"Rechercher un compte (identifiant, SIRET, nom, Caf)"</label>
                    <input id="recherche" type="search" bind:value=search/>
                    <button type="submit" class="secondary">"Rechercher"</button>
                </form>
                {move || error.get().map(|e| view! { <p class="alert" role="alert">{e.message()}</p> })}
                {move || match accounts.get() {
                    None => view! { <p class="loading" role="status">"Chargement des comptes…"</p> }.into_any(),
                    Some(Err(failure)) => view! { <p class="alert" role="alert">{failure.message()}</p> }.into_any(),
                    Some(Ok(list)) => view! {
                        <AccountTable list page on_choose=move |id| { choose.dispatch((flow_id(), id)); }/>
                    }.into_any(),
                }}
            </section>
        </main>
    }
}

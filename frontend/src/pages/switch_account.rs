//! "Sélection de comptes" from the menu (R-AUTH-3): switch to another account sharing the
//! email, as often as wished, without signing in again.
use crate::api::ApiError;
use crate::components::AccountTable;
use crate::pages::shell::SignedInOnly;
use crate::session::Session;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

#[component]
pub fn SwitchAccount() -> impl IntoView {
    let session = Session::get();
    let navigate = use_navigate();
    let search = RwSignal::new(String::new());
    let query = RwSignal::new(String::new());
    let page = RwSignal::new(1u64);
    let error = RwSignal::new(None::<ApiError>);
    let accounts = LocalResource::new(move || {
        let (api, q, page) = (session.api.get(), query.get(), page.get());
        async move {
            match api {
                Some(api) => Some(api.accounts(&q, page).await),
                None => None,
            }
        }
    });
    let choose = Action::new_local(move |account: &i32| {
        let (api, account) = (session.api.get_untracked(), *account);
        async move {
            match api {
                Some(api) => Some(api.switch(account).await),
                None => None,
            }
        }
    });
    Effect::new(move || {
        if let Some(Some(result)) = choose.value().get() {
            match result {
                Ok(tokens) => {
                    session.start(tokens);
                    navigate("/accueil", NavigateOptions::default());
                }
                Err(failure) => error.set(Some(failure)),
            }
        }
    });
    let on_search = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        page.set(1);
        query.set(search.get());
    };
    let current = move || session.api.get().map(|api| api.account.id);
    view! {
        <nav class="breadcrumb" aria-label="Fil d'Ariane">"Accueil / Sélection de comptes"</nav>
        <main id="contenu">
            <SignedInOnly/>
            <section class="card wide" aria-labelledby="titre-changer">
                <h1 id="titre-changer">"Sélection de comptes"</h1>
                <p>"Choisissez le compte sur lequel travailler. Vous restez connecté(e)."</p>
                <form class="search" role="search" on:submit=on_search>
                    <label for="recherche">"Rechercher un compte (identifiant, SIRET, nom, Caf)"</label>
                    <input id="recherche" type="search" bind:value=search/>
                    <button type="submit" class="secondary">"Rechercher"</button>
                </form>
                {move || error.get().map(|e| view! { <p class="alert" role="alert">{e.message()}</p> })}
                {move || match accounts.get().flatten() {
                    None => view! { <p class="loading" role="status">"Chargement des comptes…"</p> }.into_any(),
                    Some(Err(failure)) => view! { <p class="alert" role="alert">{failure.message()}</p> }.into_any(),
                    Some(Ok(list)) => view! {
                        <AccountTable list page current=current().unwrap_or_default()
                            on_choose=move |id| { choose.dispatch(id); }/>
                    }.into_any(),
                }}
            </section>
        </main>
    }
}

//! The signed-in home: who is signed in, on which account. The landlord space fills it later.
use crate::session::Session;
use leptos::prelude::*;
use leptos_router::components::{A, Redirect};

#[component]
pub fn Home() -> impl IntoView {
    let session = Session::get();
    let info = LocalResource::new(move || {
        let api = session.api.get();
        async move {
            match api {
                Some(api) => Some(api.session().await),
                None => None,
            }
        }
    });
    view! {
        <nav class="breadcrumb" aria-label="Fil d'Ariane">"Accueil"</nav>
        <main id="contenu">
            {move || match (session.checked.get(), session.api.get()) {
                (false, _) => view! {
                    <section class="card wide"><p class="loading" role="status">"Chargement de votre espace…"</p></section>
                }.into_any(),
                (true, None) => view! { <Redirect path="/connexion"/> }.into_any(),
                (true, Some(api)) => {
                    let account = api.account.clone();
                    view! {
                        <section class="card wide" aria-labelledby="titre-accueil">
                            <h1 id="titre-accueil">"Bonjour " {account.first_name.clone()} " " {account.last_name.clone()}</h1>
                            <p>"Vous êtes connecté(e) à l'Espace Bailleur sur le compte "
                                <strong>{account.identifier.clone()}</strong> " – " {account.partner_name.clone()}
                                " (Caf " {account.caf_number.clone()} ")."</p>
                            {move || info.get().flatten().map(|result| match result {
                                Ok(info) => view! {
                                    <p class="muted">{if info.accounts_sharing_email > 1 {
                                        format!("Votre adresse mail est partagée par {} comptes.", info.accounts_sharing_email)
                                    } else {
                                        "Votre adresse mail n'est utilisée que par ce compte.".to_owned()
                                    }}</p>
                                }.into_any(),
                                Err(error) => view! { <p class="alert" role="alert">{error.message()}</p> }.into_any(),
                            })}
                        </section>
                        <section class="card" aria-labelledby="titre-consulter">
                            <h2 id="titre-consulter">"Consulter et déclarer"</h2>
                            <p>"Pour faire vos déclarations et voir les informations de votre locataire, cliquez sur « Accéder »."</p>
                            <p><A href="/locataires">"Accéder"</A></p>
                        </section>
                    }.into_any()
                }
            }}
        </main>
    }
}

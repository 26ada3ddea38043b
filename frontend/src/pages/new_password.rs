//! "Choix du mot de passe" (R-AUTH-5, R-AUTH-6): a personal password replaces the provisional
//! one; the rules are checked as the user types and again by the server.
use crate::api::{ApiError, UnauthorizedApi};
use crate::components::{AccountTable, FieldMessage, PasswordRules};
use crate::session::{Session, follow};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

#[component]
pub fn NewPassword() -> impl IntoView {
    let session = Session::get();
    let navigate = use_navigate();
    let params = use_params_map();
    let flow_id = move || params.read().get("flow").unwrap_or_default();
    let password = RwSignal::new(String::new());
    let confirmation = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let flow = LocalResource::new(move || {
        let id = flow_id();
        async move { UnauthorizedApi.flow(&id).await.ok() }
    });
    let linking = move || flow.get().flatten().and_then(|flow| flow.linking_accounts);
    let page = RwSignal::new(1u64);
    let linked = LocalResource::new(move || {
        let (id, page, linking) = (flow_id(), page.get(), linking().is_some());
        async move {
            match linking {
                true => UnauthorizedApi.flow_accounts(&id, "", page).await.ok(),
                false => None,
            }
        }
    });
    let submit = Action::new_local(
        move |(id, password, confirmation): &(String, String, String)| {
            let (id, password, confirmation) = (id.clone(), password.clone(), confirmation.clone());
            async move {
                UnauthorizedApi
                    .set_password(&id, password, confirmation)
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
        submit.dispatch((flow_id(), password.get(), confirmation.get()));
    };
    let password_error = Signal::derive(move || {
        error
            .get()
            .and_then(|e| e.field("new_password"))
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
                    <FieldMessage id="confirmation-erreur" message=Signal::derive(move || error.get().and_then(|e| e.field("confirmation")))/>
                    {move || error.get().and_then(|e| e.general(&["new_password", "confirmation"]))
                        .map(|text| view! { <p class="alert" role="alert">{text}</p> })}
                    <div class="actions">
                        <button type="submit" class="primary" disabled=move || submit.pending().get()>"Valider"</button>
                    </div>
                </form>
            </section>
        </main>
    }
}

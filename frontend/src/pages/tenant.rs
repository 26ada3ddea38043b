//! "Informations locataire" (R-SPACE-4), as on the agency's screen.
use crate::pages::declare::Declare;
use crate::session::{Session, signed_in_resource};
use bailleur_api_types::format_fr::{euros, french_date};
use leptos::prelude::*;
use leptos_router::components::{A, Redirect};
use leptos_router::hooks::use_params_map;

#[component]
pub fn Tenant() -> impl IntoView {
    let session = Session::get();
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i32>().ok())
            .unwrap_or(0)
    };
    let tenant = signed_in_resource(session, move |api| {
        let id = id();
        async move { api.tenant(id).await }
    });
    view! {
        <nav class="breadcrumb" aria-label="Fil d'Ariane">"Accueil / Consulter et déclarer / Locataire"</nav>
        <main id="contenu">
            {move || (session.checked.get() && session.api.get().is_none()).then(|| view! { <Redirect path="/connexion"/> })}
            {move || match tenant.get().flatten() {
                None => view! { <section class="card wide"><p class="loading" role="status">"Chargement du locataire…"</p></section> }.into_any(),
                Some(Err(failure)) => view! {
                    <section class="card wide">
                        <h1>"Locataire introuvable"</h1>
                        <p class="alert" role="alert">{failure.message()}</p>
                        <p><A href="/locataires">"Revenir à la liste des locataires"</A></p>
                    </section>
                }.into_any(),
                Some(Ok(tenant)) => view! {
                    <section class="card" aria-labelledby="titre-locataire">
                        <h1 id="titre-locataire">"Informations locataire"</h1>
                        <p class="muted">{format!("{} {}", tenant.first_name, tenant.last_name)}</p>
                        <dl class="facts">
                            <dt>"N° Allocataire"</dt><dd>{tenant.beneficiary_number.clone()}</dd>
                            <dt>"Adresse"</dt>
                            <dd>{tenant.address_line1.clone()} {tenant.address_line2.clone().map(|line| format!(" {line}"))}
                                " " {tenant.postal_code.clone()} " " {tenant.city.clone()}</dd>
                        </dl>
                        <h2>"Loyer"</h2>
                        <dl class="facts">
                            <dt>"Loyer hors charges"</dt><dd>{euros(tenant.rent_cents)}</dd>
                            {tenant.last_aid_cents.map(|aid| view! {
                                <dt>"Dernier montant AL versé"</dt><dd>{euros(aid)}</dd>
                            })}
                        </dl>
                        <h2>"Logement"</h2>
                        <ul>
                            <li>{format!("Locataire depuis le {}", french_date(tenant.since))}</li>
                            <li>{if tenant.furnished { "Logement meublé" } else { "Logement nu" }}</li>
                            <li>{format!("Etat du logement : {}", if tenant.decent { "Décent" } else { "Non décent" })}</li>
                            <li>{format!("Superficie : {}m²", tenant.surface_m2)}</li>
                        </ul>
                        <p><A href="/declarations">"Voir mes déclarations"</A></p>
                    </section>
                    {session.api.get().map(|api| view! { <Declare tenant=tenant.clone() api/> })}
                }.into_any(),
            }}
        </main>
    }
}

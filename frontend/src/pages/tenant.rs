//! "Informations locataire" (R-SPACE-4), as on the agency's screen.
use crate::pages::declare::Declare;
use crate::pages::shell::{SignedInOnly, loaded, route_id};
use crate::session::{Session, signed_in_resource};
use bailleur_api_types::format_fr::{euros, french_date};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Tenant() -> impl IntoView {
    let session = Session::get();
    let id = route_id();
    let tenant = signed_in_resource(session, move |api| {
        let id = id();
        async move { api.tenant(id).await }
    });
    view! {
        <nav class="breadcrumb" aria-label="Fil d'Ariane">"Accueil / Consulter et déclarer / Locataire"</nav>
        <main id="contenu">
            <SignedInOnly/>
            {loaded(tenant, "Chargement du locataire…", Some("Locataire introuvable"), |tenant, api| view! {
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
                    <Declare tenant=tenant.clone() api/>
                })}
            <p><A href="/locataires">"Revenir à la liste des locataires"</A></p>
        </main>
    }
}

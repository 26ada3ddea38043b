//! A declaration's receipt ("accusé de réception"), printable: its reference, what was declared
//! and each step of its processing.
use crate::pages::shell::{SignedInOnly, loaded, route_id};
use crate::session::{Session, signed_in_resource};
use bailleur_api_types::declarations::{Declaration, DeclarationFields};
use bailleur_api_types::format_fr::{euros, french_date};
use leptos::prelude::*;
use leptos_router::components::A;

/// `24/10/2021 à 14:05 (UTC)`.
pub(super) fn instant(at: time::OffsetDateTime) -> String {
    format!(
        "{} à {:02}:{:02} (UTC)",
        french_date(at.date()),
        at.hour(),
        at.minute()
    )
}

fn what(fields: &DeclarationFields) -> Vec<(&'static str, String)> {
    match fields {
        DeclarationFields::Rent {
            rent_cents,
            charges_cents,
        } => vec![
            ("Loyer hors charges", euros(*rent_cents)),
            ("Charges", euros(*charges_cents)),
        ],
        DeclarationFields::UnpaidRent {
            debt_cents,
            reached_on,
        } => vec![
            ("Montant de la dette", euros(*debt_cents)),
            ("Seuil atteint le", french_date(*reached_on)),
        ],
        DeclarationFields::MovingOut { date } => vec![("Date de départ", french_date(*date))],
        DeclarationFields::Death { date } => vec![("Date du décès", french_date(*date))],
        DeclarationFields::CoTenancy { co_tenants, date } => vec![
            ("Nombre de colocataires", co_tenants.to_string()),
            ("Date du changement", french_date(*date)),
        ],
        DeclarationFields::EndOfManagement { date, new_manager } => vec![
            ("Date de fin de gestion ou de vente", french_date(*date)),
            (
                "Nouveau propriétaire ou gestionnaire",
                new_manager
                    .clone()
                    .unwrap_or_else(|| "Non connu".to_owned()),
            ),
        ],
    }
}

fn receipt(declaration: Declaration) -> impl IntoView {
    view! {
        <section class="card wide receipt" aria-labelledby="titre-accuse">
            <h1 id="titre-accuse">"Accusé de réception"</h1>
            <p>{format!("Déclaration n° {}", declaration.reference)}</p>
            <dl class="facts">
                <dt>"Déclaration"</dt><dd>{declaration.kind.label_fr()}{declaration.campaign_year.map(|year| format!(" {year}"))}</dd>
                <dt>"Locataire"</dt><dd>{format!("{} (n° allocataire {})", declaration.tenant_name, declaration.beneficiary_number)}</dd>
                <dt>"Transmise le"</dt><dd>{instant(declaration.submitted_at)}</dd>
                {what(&declaration.fields).into_iter().map(|(label, value)| view! { <dt>{label}</dt><dd>{value}</dd> }).collect_view()}
                <dt>"Statut"</dt><dd>{declaration.status.label_fr()}</dd>
            </dl>
            {declaration.late.then(|| view! {
                <p class="alert">"Cet impayé est déclaré plus de deux mois après que la dette a atteint le seuil (article R824-4 du code de la construction et de l'habitation)."</p>
            })}
            <h2>"Suivi"</h2>
            <ol>
                {declaration.history.into_iter().map(|change| view! {
                    <li>{format!("{} : {}", instant(change.at), change.status.label_fr())}</li>
                }).collect_view()}
            </ol>
            <div class="actions no-print">
                <button type="button" class="primary" on:click=|_| { let _ = window().print(); }>"Imprimer l'accusé de réception"</button>
            </div>
        </section>
    }
}

#[component]
pub fn DeclarationReceipt() -> impl IntoView {
    let session = Session::get();
    let id = route_id();
    let declaration = signed_in_resource(session, move |api| {
        let id = id();
        async move { api.declaration(id).await }
    });
    view! {
        <nav class="breadcrumb no-print" aria-label="Fil d'Ariane">"Accueil / Mes déclarations / Accusé de réception"</nav>
        <main id="contenu">
            <SignedInOnly/>
            {loaded(declaration, "Chargement de la déclaration…", Some("Déclaration introuvable"), |declaration, _| receipt(declaration))}
            <p class="no-print"><A href="/declarations">"Revenir à mes déclarations"</A></p>
        </main>
    }
}

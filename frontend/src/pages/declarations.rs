//! "Mes déclarations" (R-SPACE-5): newest first, with their status; after a submission, the
//! references just sent.
use crate::components::Pagination;
use crate::form::page_number;
use crate::pages::shell::SignedInOnly;
use crate::session::{Session, signed_in_resource};
use bailleur_api_types::declarations::DeclarationQuery;
use bailleur_api_types::format_fr::french_date;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

#[component]
pub fn Declarations() -> impl IntoView {
    let session = Session::get();
    let query = use_query_map();
    let page = RwSignal::new(1u64);
    let list = signed_in_resource(session, move |api| {
        let query = DeclarationQuery {
            page: page_number(page.get()),
            ..DeclarationQuery::default()
        };
        async move { api.declarations(&query).await }
    });
    let sent = move || {
        query
            .read()
            .get("transmises")
            .filter(|refs| !refs.is_empty())
    };
    view! {
        <nav class="breadcrumb" aria-label="Fil d'Ariane">"Accueil / Mes déclarations"</nav>
        <main id="contenu">
            <SignedInOnly/>
            <section class="card wide" aria-labelledby="titre-declarations">
                <h1 id="titre-declarations">"Mes déclarations"</h1>
                {move || sent().map(|refs| view! {
                    <p class="success" role="status">
                        {format!("Vos déclarations ont bien été transmises à la Caf. Références : {}.", refs.replace(',', ", "))}
                    </p>
                })}
                {move || match list.get().flatten() {
                    None => view! { <p class="loading" role="status">"Chargement des déclarations…"</p> }.into_any(),
                    Some(Err(failure)) => view! { <p class="alert" role="alert">{failure.message()}</p> }.into_any(),
                    Some(Ok(found)) if found.items.is_empty() => view! { <p>"Vous n'avez fait aucune déclaration."</p> }.into_any(),
                    Some(Ok(found)) => {
                        let pages = found.total.div_ceil(found.page_size).max(1);
                        let (at, total, page_size) = (found.page, found.total, found.page_size);
                        view! {
                            <p role="status">{format!("{total} déclaration(s) – page {at} sur {pages}")}</p>
                            <table>
                                <caption class="visually-hidden">"Vos déclarations, les plus récentes d'abord"</caption>
                                <thead><tr>
                                    <th scope="col">"Référence"</th>
                                    <th scope="col">"Locataire"</th>
                                    <th scope="col">"Déclaration"</th>
                                    <th scope="col">"Transmise le"</th>
                                    <th scope="col">"Statut"</th>
                                </tr></thead>
                                <tbody>
                                    {found.items.into_iter().map(|item| view! {
                                        <tr>
                                            <td><A href=format!("/declarations/{}", item.id)>{item.reference.clone()}</A></td>
                                            <td>{format!("{} ({})", item.tenant_name, item.beneficiary_number)}</td>
                                            <td>{item.kind.label_fr()}{item.late.then_some(" (tardive)")}</td>
                                            <td>{french_date(item.submitted_at.date())}</td>
                                            <td>{item.status.label_fr()}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                            <Pagination page at total page_size label="Pagination des déclarations"/>
                        }.into_any()
                    }
                }}
                <p><A href="/locataires">"Consulter et déclarer"</A></p>
            </section>
        </main>
    }
}

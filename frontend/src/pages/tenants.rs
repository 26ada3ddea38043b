//! "Consulter et déclarer" (R-SPACE-3): the landlord's tenants receiving housing aid, searched
//! by name, beneficiary number or address, 20 per page.
use crate::components::{Pagination, SearchForm};
use crate::form::page_number;
use crate::pages::shell::SignedInOnly;
use crate::session::{Session, signed_in_resource};
use bailleur_api_types::format_fr::french_date;
use bailleur_api_types::tenants::TenantQuery;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Tenants() -> impl IntoView {
    let session = Session::get();
    let query = RwSignal::new(String::new());
    let page = RwSignal::new(1u64);
    let tenants = signed_in_resource(session, move |api| {
        let query = TenantQuery {
            q: Some(query.get()),
            page: page_number(page.get()),
        };
        async move { api.tenants(&query).await }
    });
    view! {
        <nav class="breadcrumb" aria-label="Fil d'Ariane">"Accueil / Consulter et déclarer"</nav>
        <main id="contenu">
            <SignedInOnly/>
            <section class="card wide" aria-labelledby="titre-locataires">
                <h1 id="titre-locataires">"Mes locataires"</h1>
                <p>"Les locataires de vos logements qui perçoivent une aide au logement."</p>
                <SearchForm id="recherche-locataire" label="Rechercher un locataire (nom, n° allocataire, adresse)" query page/>
                {move || match tenants.get().flatten() {
                    None => view! { <p class="loading" role="status">"Chargement des locataires…"</p> }.into_any(),
                    Some(Err(failure)) => view! { <p class="alert" role="alert">{failure.message()}</p> }.into_any(),
                    Some(Ok(list)) => {
                        let pages = list.total.div_ceil(list.page_size).max(1);
                        let (at, total, page_size) = (list.page, list.total, list.page_size);
                        view! {
                            <p role="status">{format!("{} locataire(s) – page {} sur {}", list.total, at, pages)}</p>
                            <table>
                                <caption class="visually-hidden">"Vos locataires"</caption>
                                <thead><tr>
                                    <th scope="col">"N° allocataire"</th><th scope="col">"Nom"</th>
                                    <th scope="col">"Adresse du logement"</th><th scope="col">"Locataire depuis"</th>
                                </tr></thead>
                                <tbody>
                                    {list.items.into_iter().map(|tenant| view! { <tr>
                                        <td><A href=format!("/locataires/{}", tenant.id)>{tenant.beneficiary_number}</A></td>
                                        <td>{format!("{} {}", tenant.last_name, tenant.first_name)}</td>
                                        <td>{tenant.address}</td>
                                        <td>{french_date(tenant.since)}</td>
                                    </tr> }).collect_view()}
                                </tbody>
                            </table>
                            <Pagination page at total page_size label="Pagination des locataires"/>
                        }.into_any()
                    }
                }}
            </section>
        </main>
    }
}

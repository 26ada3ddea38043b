//! "Paiements reçus" (R-SPACE-7): the housing aid paid to the landlord over a period, newest
//! month first, with the period's total.
use crate::components::Pagination;
use crate::form::{date_input, page_number};
use crate::pages::shell::SignedInOnly;
use crate::session::{Session, signed_in_resource};
use bailleur_api_types::format_fr::{euros, french_date};
use bailleur_api_types::payments::PaymentQuery;
use leptos::prelude::*;

const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

fn month_name(month: time::Date) -> String {
    format!(
        "{} {}",
        MONTHS[usize::from(u8::from(month.month())) - 1],
        month.year()
    )
}

#[component]
pub fn Payments() -> impl IntoView {
    let session = Session::get();
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    // The period asked for: changes when the form is sent, not at each keystroke.
    let period = RwSignal::new((String::new(), String::new()));
    let page = RwSignal::new(1u64);
    let list = signed_in_resource(session, move |api| {
        let (from, to) = period.get();
        let query = PaymentQuery {
            from: date_input(&from),
            to: date_input(&to),
            page: page_number(page.get()),
            ..PaymentQuery::default()
        };
        async move { api.payments(&query).await }
    });
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        page.set(1);
        period.set((from.get(), to.get()));
    };
    view! {
        <nav class="breadcrumb" aria-label="Fil d'Ariane">"Accueil / Paiements reçus"</nav>
        <main id="contenu">
            <SignedInOnly/>
            <section class="card wide" aria-labelledby="titre-paiements">
                <h1 id="titre-paiements">"Paiements reçus"</h1>
                <p>"Les aides au logement versées directement à votre organisme (tiers payant), par mois et par locataire."</p>
                <form class="inline-form" on:submit=on_submit>
                    <label for="du">"Du"</label>
                    <input id="du" type="date" bind:value=from/>
                    <label for="au">"Au"</label>
                    <input id="au" type="date" bind:value=to/>
                    <button type="submit">"Afficher"</button>
                </form>
                {move || match list.get().flatten() {
                    None => view! { <p class="loading" role="status">"Chargement des paiements…"</p> }.into_any(),
                    Some(Err(failure)) => view! { <p class="alert" role="alert">{failure.message()}</p> }.into_any(),
                    Some(Ok(found)) => {
                        let pages = found.total.div_ceil(found.page_size).max(1);
                        let (at, total, page_size) = (found.page, found.total, found.page_size);
                        view! {
                            <p role="status">{format!(
                                "Du {} au {} : {total} versement(s), {} au total – page {at} sur {pages}.",
                                french_date(found.from), french_date(found.to), euros(found.total_cents)
                            )}</p>
                            {(!found.items.is_empty()).then(|| view! {
                                <table>
                                    <caption class="visually-hidden">"Aides versées, le mois le plus récent d'abord"</caption>
                                    <thead><tr>
                                        <th scope="col">"Mois"</th>
                                        <th scope="col">"Locataire"</th>
                                        <th scope="col">"Montant"</th>
                                        <th scope="col">"Versé le"</th>
                                    </tr></thead>
                                    <tbody>
                                        {found.items.into_iter().map(|payment| view! {
                                            <tr>
                                                <td>{month_name(payment.month)}</td>
                                                <td>{format!("{} ({})", payment.tenant_name, payment.beneficiary_number)}</td>
                                                <td>{euros(payment.amount_cents)}</td>
                                                <td>{french_date(payment.paid_on)}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                                <Pagination page at total page_size label="Pagination des paiements"/>
                            })}
                        }.into_any()
                    }
                }}
            </section>
        </main>
    }
}

//! A Caf's public page: its notices ("À savoir") and contact addresses (R-SPACE-2).
use crate::api::{ApiError, UnauthorizedApi};
use bailleur_api_types::caf::{CafOffice, ContactKind, NoticeList, ProcessingDelays};
use bailleur_api_types::format_fr::french_date;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// What the Caf's pages show: the office, its notices and its delays.
pub async fn load(number: &str) -> Result<(CafOffice, NoticeList, ProcessingDelays), ApiError> {
    let api = UnauthorizedApi;
    Ok((
        api.caf(number).await?,
        api.notices(number).await?,
        api.delays(number).await?,
    ))
}

#[component]
pub fn CafPage() -> impl IntoView {
    let params = use_params_map();
    let number = move || params.read().get("number").unwrap_or_default();
    let data = LocalResource::new(move || {
        let number = number();
        async move { load(&number).await }
    });
    view! {
        <nav class="breadcrumb" aria-label="Fil d'Ariane">"Accueil / À savoir"</nav>
        <main id="contenu">
            {move || match data.get() {
                None => view! {
                    <section class="card wide"><p class="loading" role="status">"Chargement des informations de la Caf…"</p></section>
                }.into_any(),
                Some(Err(error)) => view! {
                    <section class="card wide">
                        <h1>"Informations indisponibles"</h1>
                        <p class="alert" role="alert">{error.message()}</p>
                    </section>
                }.into_any(),
                Some(Ok((office, notices, delays))) => view! {
                    <CafDetails office notices/>
                    <Delays delays/>
                }.into_any(),
            }}
        </main>
    }
}

#[component]
pub fn CafDetails(office: CafOffice, notices: NoticeList) -> impl IntoView {
    let count = notices.items.len();
    view! {
        <section class="card" aria-labelledby="titre-a-savoir">
            <h1 id="titre-a-savoir">"À savoir"</h1>
            <p class="muted">{office.name.clone()}</p>
            {(count == 0).then(|| view! { <p>"Aucune information pour le moment."</p> })}
            {notices.items.into_iter().map(|notice| view! {
                <article class="notice">
                    <h2>{notice.title}</h2>
                    <p>{notice.body}</p>
                    <p class="muted">"Publié le " {french_date(notice.published_at.date())}</p>
                </article>
            }).collect_view()}
        </section>
        <aside class="card" aria-labelledby="titre-contact">
            <h2 id="titre-contact">"Contactez la Caf"</h2>
            <p>{office.name}<br/>{office.postal_address}</p>
            <ul>
                {office.contacts.into_iter().map(|contact| {
                    let href = match contact.kind {
                        ContactKind::Email => format!("mailto:{}", contact.value),
                        ContactKind::Phone => format!("tel:{}", contact.value),
                        ContactKind::Web => contact.value.clone(),
                    };
                    view! { <li>{contact.label} " : " <a href=href>{contact.value}</a></li> }
                }).collect_view()}
            </ul>
        </aside>
    }
}

/// `2 j 4 h`, or `5 h` under a day.
fn duration(minutes: i64) -> String {
    let (days, hours) = (minutes / (24 * 60), (minutes % (24 * 60)) / 60);
    match days {
        0 => format!("{} h", hours.max(1)),
        _ => format!("{days} j {hours} h"),
    }
}

/// The Caf's processing delays by kind (R-SPACE-6).
#[component]
pub fn Delays(delays: ProcessingDelays) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="titre-delais">
            <h2 id="titre-delais">"Délais de traitement"</h2>
            <p class="muted">{format!(
                "Moyenne des demandes traitées par la Caf au cours des {} derniers jours, calculée le {}.",
                delays.window_days,
                french_date(delays.computed_at.date())
            )}</p>
            <table>
                <caption class="visually-hidden">"Délai moyen par type de demande"</caption>
                <thead><tr><th scope="col">"Demande"</th><th scope="col">"Délai moyen"</th></tr></thead>
                <tbody>
                    {delays.items.into_iter().map(|item| view! {
                        <tr>
                            <td>{item.kind.label_fr()}</td>
                            <td>{match item.average_minutes {
                                Some(minutes) => format!("{} ({} demandes)", duration(minutes), item.samples),
                                None => "Pas assez de données".to_owned(),
                            }}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

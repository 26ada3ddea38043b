//! A Caf's public page: its notices ("À savoir") and contact addresses (R-SPACE-2).
use crate::api::{ApiError, UnauthorizedApi};
use bailleur_api_types::caf::{CafOffice, ContactKind, NoticeList};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn CafPage() -> impl IntoView {
    let params = use_params_map();
    let number = move || params.read().get("number").unwrap_or_default();
    let data = LocalResource::new(move || {
        let number = number();
        async move {
            let api = UnauthorizedApi;
            let office = api.caf(&number).await?;
            let notices = api.notices(&number).await?;
            Ok::<_, ApiError>((office, notices))
        }
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
                Some(Ok((office, notices))) => view! { <CafDetails office notices/> }.into_any(),
            }}
        </main>
    }
}

#[component]
fn CafDetails(office: CafOffice, notices: NoticeList) -> impl IntoView {
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
                    <p class="muted">"Publié le " {format_date(notice.published_at)}</p>
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

fn format_date(at: time::OffsetDateTime) -> String {
    format!("{:02}/{:02}/{}", at.day(), u8::from(at.month()), at.year())
}

//! "Boîte mail de développement": the mails the server wrote to its outbox, so that a person
//! trying the demo can read the codes. Absent in production (mails leave by SMTP).
use crate::api::UnauthorizedApi;
use crate::pages::enter_code::clock_time;
use leptos::prelude::*;

#[component]
pub fn DevMailbox() -> impl IntoView {
    let mails = LocalResource::new(|| async { UnauthorizedApi.outbox().await });
    view! {
        <nav class="breadcrumb" aria-label="Fil d'Ariane">"Accueil / Boîte mail de développement"</nav>
        <main id="contenu">
            <section class="card wide" aria-labelledby="titre-boite">
                <h1 id="titre-boite">"Boîte mail de développement"</h1>
                <p class="muted">"Les mails envoyés par ce serveur de démonstration, du plus récent au plus ancien."</p>
                <button type="button" class="secondary" on:click=move |_| mails.refetch()>"Actualiser"</button>
                {move || match mails.get() {
                    None => view! { <p class="loading" role="status">"Chargement des mails…"</p> }.into_any(),
                    Some(Err(error)) => view! { <p class="alert" role="alert">{error.message()}</p> }.into_any(),
                    Some(Ok(list)) if list.is_empty() => view! { <p>"Aucun mail pour le moment."</p> }.into_any(),
                    Some(Ok(list)) => view! {
                        <ol class="mails">
                            {list.into_iter().map(|mail| view! {
                                <li class="mail">
                                    <h2>{mail.subject}</h2>
                                    <p class="muted">"À " {mail.to} ", à " {clock_time(mail.sent_at.unix_timestamp())}</p>
                                    <pre>{mail.text}</pre>
                                </li>
                            }).collect_view()}
                        </ol>
                    }.into_any(),
                }}
            </section>
        </main>
    }
}

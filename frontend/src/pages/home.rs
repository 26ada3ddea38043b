//! The landlord's home (R-SPACE-2), as on the agency's screen: the Caf's notices ("À savoir"),
//! "Mes informations", "Consulter et déclarer", help, the Caf's contacts and processing delays.
use crate::pages::caf::{CafDetails, Delays, load};
use crate::session::{Session, signed_in_resource};
use leptos::prelude::*;
use leptos_router::components::{A, Redirect};

#[component]
pub fn Home() -> impl IntoView {
    let session = Session::get();
    let info = signed_in_resource(session, move |api| async move { api.session().await });
    view! {
        <nav class="breadcrumb" aria-label="Fil d'Ariane">"Accueil"</nav>
        <main id="contenu">
            {move || match (session.checked.get(), session.api.get()) {
                (false, _) => view! {
                    <section class="card wide"><p class="loading" role="status">"Chargement de votre espace…"</p></section>
                }.into_any(),
                (true, None) => view! { <Redirect path="/connexion"/> }.into_any(),
                (true, Some(api)) => {
                    let account = api.account.clone();
                    view! {
                        <section class="card wide" aria-labelledby="titre-accueil">
                            <h1 id="titre-accueil">"Bonjour " {account.first_name.clone()} " " {account.last_name.clone()}</h1>
                            <p>"Vous êtes connecté(e) à l'Espace Bailleur sur le compte "
                                <strong>{account.identifier.clone()}</strong> " – " {account.partner_name.clone()}
                                " (Caf " {account.caf_number.clone()} ")."</p>
                            {move || info.get().flatten().map(|result| match result {
                                Ok(info) => view! {
                                    <p class="muted">{if info.accounts_sharing_email > 1 {
                                        format!("Votre adresse mail est partagée par {} comptes.", info.accounts_sharing_email)
                                    } else {
                                        "Votre adresse mail n'est utilisée que par ce compte.".to_owned()
                                    }}</p>
                                }.into_any(),
                                Err(error) => view! { <p class="alert" role="alert">{error.message()}</p> }.into_any(),
                            })}
                        </section>
                        <section class="card" aria-labelledby="titre-consulter">
                            <h2 id="titre-consulter">"Consulter et déclarer"</h2>
                            <p>"Pour faire vos déclarations et voir les informations de votre locataire, cliquez sur « Accéder »."</p>
                            <p><A href="/locataires">"Accéder"</A></p>
                            <p><A href="/declarations">"Mes déclarations"</A></p>
                            <p><A href="/paiements">"Paiements reçus"</A></p>
                        </section>
                        <MyInformation/>
                        <section class="card" aria-labelledby="titre-aide">
                            <h2 id="titre-aide">"Besoin d'aide ?"</h2>
                            <ul>
                                <li><A href="/probleme-de-connexion">"Problème de connexion"</A></li>
                                <li><A href="/mot-de-passe-oublie">"Mot de passe oublié"</A></li>
                            </ul>
                        </section>
                        <CafOfAccount number=account.caf_number.clone()/>
                    }.into_any()
                }
            }}
        </main>
    }
}

/// "Mes informations": what the Caf knows of the signed-in user, with a way to change it.
#[component]
fn MyInformation() -> impl IntoView {
    let session = Session::get();
    let me = signed_in_resource(session, move |api| async move {
        match (api.me().await, api.partner().await) {
            (Ok(me), Ok(partner)) => Ok((me, partner)),
            (Err(error), _) | (_, Err(error)) => Err(error),
        }
    });
    let or_none = |value: Option<String>| value.unwrap_or_else(|| "Non renseigné".to_owned());
    view! {
        <section class="card" aria-labelledby="titre-mes-informations">
            <h2 id="titre-mes-informations">"Mes informations"</h2>
            {move || match me.get().flatten() {
                None => view! { <p class="loading" role="status">"Chargement…"</p> }.into_any(),
                Some(Err(error)) => view! { <p class="alert" role="alert">{error.message()}</p> }.into_any(),
                Some(Ok((me, partner))) => view! {
                    <dl class="facts">
                        <dt>"N° utilisateur"</dt><dd>{me.user_number}</dd>
                        <dt>"Téléphone fixe"</dt><dd>{or_none(me.phone)}</dd>
                        <dt>"Téléphone portable"</dt><dd>{or_none(me.mobile_phone)}</dd>
                        <dt>"Adresse"</dt><dd>{partner.address.line1} {partner.address.line2.map(|line| format!(", {line}"))}
                            ", " {partner.address.postal_code} " " {partner.address.city}</dd>
                        <dt>"Adresse mail"</dt><dd>{or_none(me.email)}</dd>
                    </dl>
                    <p><A href="/profil">"Modifier mes informations"</A></p>
                    <p><A href="/bailleur">"Adresse et coordonnées bancaires"</A></p>
                }.into_any(),
            }}
        </section>
    }
}

/// The notices, contacts and delays of the account's Caf.
#[component]
fn CafOfAccount(number: String) -> impl IntoView {
    let data = LocalResource::new(move || {
        let number = number.clone();
        async move { load(&number).await }
    });
    view! {
        {move || match data.get() {
            None => view! { <section class="card"><p class="loading" role="status">"Chargement des informations de votre Caf…"</p></section> }.into_any(),
            Some(Err(error)) => view! { <section class="card"><p class="alert" role="alert">{error.message()}</p></section> }.into_any(),
            Some(Ok((office, notices, delays))) => view! { <CafDetails office notices/> <Delays delays/> }.into_any(),
        }}
    }
}

//! "Mes données bailleur" (R-PROF-3): the postal address and direct payment change at once; new
//! bank details take a code mailed to the account, then the code page brings the user back here.
use crate::api::AuthorizedApi;
use crate::components::Field;
use crate::form::FormAction;
use crate::pages::shell::{SignedInOnly, change_done, loaded};
use crate::session::{Session, signed_in_resource, step_path};
use bailleur_api_types::partner::{
    BankDetailsRequest, PartnerData, PostalAddress, UpdatePartnerRequest,
};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

/// Where a bank-details change ends.
const BANK_CHANGED: &str = "/bailleur?modification=faite";

#[component]
pub fn PartnerPage() -> impl IntoView {
    let session = Session::get();
    let data = signed_in_resource(session, move |api| async move { api.partner().await });
    view! {
        <nav class="breadcrumb" aria-label="Fil d'Ariane">"Accueil / Mes données bailleur"</nav>
        <main id="contenu">
            <SignedInOnly/>
            {change_done("Vos coordonnées bancaires ont été modifiées. Un mail de confirmation vous a été envoyé.")}
            {loaded(data, "Chargement de vos données…", None, |data, api| view! {
                    <AddressAndPayment data=data.clone() api=api.clone()/>
                    <BankDetails data api/>
            })}
        </main>
    }
}

#[component]
fn AddressAndPayment(data: PartnerData, api: AuthorizedApi) -> impl IntoView {
    let line1 = RwSignal::new(data.address.line1.clone());
    let line2 = RwSignal::new(data.address.line2.clone().unwrap_or_default());
    let postal_code = RwSignal::new(data.address.postal_code.clone());
    let city = RwSignal::new(data.address.city.clone());
    let direct = RwSignal::new(data.direct_payment);
    let saved = RwSignal::new(false);
    let save = FormAction::saving(
        saved,
        move |request: UpdatePartnerRequest| {
            let api = api.clone();
            async move { api.update_partner(&request).await }
        },
        move |updated: PartnerData| {
            postal_code.set(updated.address.postal_code);
            city.set(updated.address.city);
        },
    );
    let on_submit = save.on_submit(move || {
        saved.set(false);
        Some(UpdatePartnerRequest {
            address: Some(PostalAddress {
                line1: line1.get(),
                line2: Some(line2.get()).filter(|line| !line.trim().is_empty()),
                postal_code: postal_code.get(),
                city: city.get(),
            }),
            direct_payment: Some(direct.get()),
        })
    });
    let identity = match (&data.siret, &data.tiers_number) {
        (Some(siret), _) => format!("SIRET {siret}"),
        (None, Some(tiers)) => format!("N° tiers {tiers}"),
        (None, None) => String::new(),
    };
    view! {
        <section class="card" aria-labelledby="titre-bailleur">
            <h1 id="titre-bailleur">"Mes données bailleur"</h1>
            <p class="muted">{data.name.clone()} " – " {identity} " – Caf " {data.caf_number.clone()}</p>
            <form on:submit=on_submit novalidate>
                <fieldset>
                    <legend>"Adresse postale"</legend>
                    <Field id="adresse-1" label="Numéro et voie" autocomplete="address-line1" value=line1 message=save.field("address.line1")/>
                    <Field id="adresse-2" label="Complément d'adresse (facultatif)" autocomplete="address-line2" value=line2 message=save.field("address.line2")/>
                    <Field id="code-postal" label="Code postal" inputmode="numeric" autocomplete="postal-code" value=postal_code message=save.field("address.postal_code")/>
                    <Field id="ville" label="Ville" autocomplete="address-level2" value=city message=save.field("address.city")/>
                </fieldset>
                <p>
                    <input id="versement-direct" type="checkbox" bind:checked=direct/>
                    <label for="versement-direct" class="inline">"L'aide au logement m'est versée directement (tiers payant)"</label>
                </p>
                {save.alert(&["address.line1", "address.line2", "address.postal_code", "address.city"])}
                {move || saved.get().then(|| view! { <p class="success" role="status">"Vos données sont enregistrées."</p> })}
                {save.send_button("primary", "Enregistrer")}
            </form>
        </section>
    }
}

#[component]
fn BankDetails(data: PartnerData, api: AuthorizedApi) -> impl IntoView {
    let session = Session::get();
    let navigate = use_navigate();
    let iban = RwSignal::new(String::new());
    let bic = RwSignal::new(String::new());
    let start = FormAction::new(
        move |request: BankDetailsRequest| {
            let api = api.clone();
            async move { api.change_bank_details(&request).await }
        },
        move |flow| {
            session.after_change.set(BANK_CHANGED);
            navigate(&step_path(&flow), NavigateOptions::default());
        },
    )
    .keeping_error();
    let on_submit = start.on_submit(move || {
        Some(BankDetailsRequest {
            iban: iban.get(),
            bic: bic.get(),
        })
    });
    view! {
        <section class="card" aria-labelledby="titre-banque">
            <h2 id="titre-banque">"Coordonnées bancaires"</h2>
            {match data.bank_details {
                Some(bank) => view! {
                    <dl class="facts">
                        <dt>"IBAN"</dt><dd>{bank.iban}</dd>
                        <dt>"BIC"</dt><dd>{bank.bic.unwrap_or_default()}</dd>
                    </dl>
                }.into_any(),
                None => view! { <p>"Aucune coordonnée bancaire n'est enregistrée."</p> }.into_any(),
            }}
            <form on:submit=on_submit novalidate>
                <p class="hint">"Pour votre sécurité, un code vous est envoyé par mail avant la modification."</p>
                <Field id="iban" label="Nouvel IBAN" autocomplete="off" value=iban message=start.field("iban")/>
                <Field id="bic" label="BIC" autocomplete="off" value=bic message=start.field("bic")/>
                {start.alert(&["iban", "bic"])}
                {start.send_button("primary", "Modifier mes coordonnées bancaires")}
            </form>
        </section>
    }
}

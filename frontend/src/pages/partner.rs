//! "Mes données bailleur" (R-PROF-3): the postal address and direct payment change at once; new
//! bank details take a code mailed to the account, then the code page brings the user back here.
use crate::api::{ApiError, AuthorizedApi};
use crate::components::Field;
use crate::pages::shell::{SignedInOnly, loaded};
use crate::session::{Session, signed_in_resource, step_path};
use bailleur_api_types::partner::{
    BankDetailsRequest, PartnerData, PostalAddress, UpdatePartnerRequest,
};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};

/// Where a bank-details change ends.
const BANK_CHANGED: &str = "/bailleur?modification=faite";

#[component]
pub fn PartnerPage() -> impl IntoView {
    let session = Session::get();
    let query = use_query_map();
    let data = signed_in_resource(session, move |api| async move { api.partner().await });
    let done = move || query.read().get("modification").is_some();
    view! {
        <nav class="breadcrumb" aria-label="Fil d'Ariane">"Accueil / Mes données bailleur"</nav>
        <main id="contenu">
            <SignedInOnly/>
            {move || done().then(|| view! {
                <p class="success wide" role="status">"Vos coordonnées bancaires ont été modifiées. Un mail de confirmation vous a été envoyé."</p>
            })}
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
    let error = RwSignal::new(None::<ApiError>);
    let saved = RwSignal::new(false);
    let save = Action::new_local(move |request: &UpdatePartnerRequest| {
        let (api, request) = (api.clone(), request.clone());
        async move { api.update_partner(&request).await }
    });
    Effect::new(move || {
        if let Some(result) = save.value().get() {
            match result {
                Ok(updated) => {
                    postal_code.set(updated.address.postal_code);
                    city.set(updated.address.city);
                    error.set(None);
                    saved.set(true);
                }
                Err(failure) => {
                    saved.set(false);
                    error.set(Some(failure));
                }
            }
        }
    });
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        saved.set(false);
        save.dispatch(UpdatePartnerRequest {
            address: Some(PostalAddress {
                line1: line1.get(),
                line2: Some(line2.get()).filter(|line| !line.trim().is_empty()),
                postal_code: postal_code.get(),
                city: city.get(),
            }),
            direct_payment: Some(direct.get()),
        });
    };
    let field =
        move |name: &'static str| Signal::derive(move || error.get().and_then(|e| e.field(name)));
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
                    <Field id="adresse-1" label="Numéro et voie" autocomplete="address-line1" value=line1 message=field("address.line1")/>
                    <Field id="adresse-2" label="Complément d'adresse (facultatif)" autocomplete="address-line2" value=line2 message=field("address.line2")/>
                    <Field id="code-postal" label="Code postal" inputmode="numeric" autocomplete="postal-code" value=postal_code message=field("address.postal_code")/>
                    <Field id="ville" label="Ville" autocomplete="address-level2" value=city message=field("address.city")/>
                </fieldset>
                <p>
                    <input id="versement-direct" type="checkbox" bind:checked=direct/>
                    <label for="versement-direct" class="inline">"L'aide au logement m'est versée directement (tiers payant)"</label>
                </p>
                {move || error.get().and_then(|e| e.general(&["address.line1", "address.line2", "address.postal_code", "address.city"]))
                    .map(|text| view! { <p class="alert" role="alert">{text}</p> })}
                {move || saved.get().then(|| view! { <p class="success" role="status">"Vos données sont enregistrées."</p> })}
                <div class="actions">
                    <button type="submit" class="primary" disabled=move || save.pending().get()>"Enregistrer"</button>
                </div>
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
    let error = RwSignal::new(None::<ApiError>);
    let start = Action::new_local(move |request: &BankDetailsRequest| {
        let (api, request) = (api.clone(), request.clone());
        async move { api.change_bank_details(&request).await }
    });
    Effect::new(move || {
        if let Some(result) = start.value().get() {
            match result {
                Ok(flow) => {
                    session.after_change.set(BANK_CHANGED);
                    navigate(&step_path(&flow), NavigateOptions::default());
                }
                Err(failure) => error.set(Some(failure)),
            }
        }
    });
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        start.dispatch(BankDetailsRequest {
            iban: iban.get(),
            bic: bic.get(),
        });
    };
    let field =
        move |name: &'static str| Signal::derive(move || error.get().and_then(|e| e.field(name)));
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
                <Field id="iban" label="Nouvel IBAN" autocomplete="off" value=iban message=field("iban")/>
                <Field id="bic" label="BIC" autocomplete="off" value=bic message=field("bic")/>
                {move || error.get().and_then(|e| e.general(&["iban", "bic"]))
                    .map(|text| view! { <p class="alert" role="alert">{text}</p> })}
                <div class="actions">
                    <button type="submit" class="primary" disabled=move || start.pending().get()>"Modifier mes coordonnées bancaires"</button>
                </div>
            </form>
        </section>
    }
}

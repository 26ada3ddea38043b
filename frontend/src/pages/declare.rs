//! "Déclarer" on a tenant's page (R-SPACE-5): tick one or several declarations, fill each one's
//! fields, send them together. The server checks the legal rules; the page shows each refusal
//! under its field.
use crate::api::{ApiError, AuthorizedApi, idempotency_key};
use crate::components::{Field, FieldMessage};
use crate::form::{FormAction, date_input};
use bailleur_api_types::declarations::{DeclarationFields, DeclarationKind, SubmitDeclarations};
use bailleur_api_types::format_fr::{euros, parse_euros};
use bailleur_api_types::tenants::TenantDetail;
use bailleur_api_types::{FieldError, TenantId};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;
use std::collections::HashSet;
use time::Date;

fn amount_input(value: i64) -> String {
    euros(value).trim_end_matches(" €").replace('\u{202f}', "")
}

/// The typed values of every form, read when the declarations are sent.
#[derive(Clone, Copy)]
struct Inputs {
    rent: RwSignal<String>,
    charges: RwSignal<String>,
    debt: RwSignal<String>,
    reached_on: RwSignal<String>,
    moving_date: RwSignal<String>,
    co_tenants: RwSignal<String>,
    co_date: RwSignal<String>,
    death_date: RwSignal<String>,
    end_date: RwSignal<String>,
    new_manager: RwSignal<String>,
}

type Unreadable = Vec<(&'static str, &'static str)>;

fn amount(missing: &mut Unreadable, field: &'static str, signal: RwSignal<String>) -> Option<i64> {
    let cents = parse_euros(&signal.get());
    if cents.is_none() {
        missing.push((field, "Saisissez un montant en euros, par exemple 525,00."));
    }
    cents
}

fn date(missing: &mut Unreadable, field: &'static str, signal: RwSignal<String>) -> Option<Date> {
    let date = date_input(&signal.get());
    if date.is_none() {
        missing.push((field, "Saisissez une date."));
    }
    date
}

impl Inputs {
    /// The declaration of `kind`, or the fields that could not be read.
    fn read(&self, kind: DeclarationKind) -> Result<DeclarationFields, Unreadable> {
        let mut missing = Vec::new();
        let m = &mut missing;
        let fields = match kind {
            DeclarationKind::Rent => {
                match (
                    amount(m, "rent_cents", self.rent),
                    amount(m, "charges_cents", self.charges),
                ) {
                    (Some(rent_cents), Some(charges_cents)) => Some(DeclarationFields::Rent {
                        rent_cents,
                        charges_cents,
                    }),
                    _ => None,
                }
            }
            DeclarationKind::UnpaidRent => {
                match (
                    amount(m, "debt_cents", self.debt),
                    date(m, "reached_on", self.reached_on),
                ) {
                    (Some(debt_cents), Some(reached_on)) => Some(DeclarationFields::UnpaidRent {
                        debt_cents,
                        reached_on,
                    }),
                    _ => None,
                }
            }
            DeclarationKind::MovingOut => {
                date(m, "date", self.moving_date).map(|date| DeclarationFields::MovingOut { date })
            }
            DeclarationKind::Death => {
                date(m, "date", self.death_date).map(|date| DeclarationFields::Death { date })
            }
            DeclarationKind::CoTenancy => {
                let count = self.co_tenants.get().trim().parse::<i32>().ok();
                if count.is_none() {
                    m.push((
                        "co_tenants",
                        "Saisissez un nombre de colocataires, de 1 à 20.",
                    ));
                }
                match (count, date(m, "date", self.co_date)) {
                    (Some(co_tenants), Some(date)) => {
                        Some(DeclarationFields::CoTenancy { co_tenants, date })
                    }
                    _ => None,
                }
            }
            DeclarationKind::EndOfManagement => {
                date(m, "date", self.end_date).map(|date| DeclarationFields::EndOfManagement {
                    date,
                    new_manager: Some(self.new_manager.get().trim().to_owned())
                        .filter(|name| !name.is_empty()),
                })
            }
        };
        fields.ok_or(missing)
    }
}

/// What was last sent (the body: the tenant and the declarations) and under which
/// `Idempotency-Key` (R-API-2).
type LastSent = RwSignal<Option<(TenantId, Vec<DeclarationFields>, String)>>;

/// The key of a submission: that of the last one when the same declarations are sent again (a
/// double click, a retry after a lost answer: the server declares once and replays its answer),
/// a new one when what is sent has changed.
fn key_for(last_sent: LastSent, tenant_id: TenantId, declarations: &[DeclarationFields]) -> String {
    let same = last_sent.with_untracked(|last| match last {
        Some((tenant, sent, key)) if *tenant == tenant_id && sent.as_slice() == declarations => {
            Some(key.clone())
        }
        _ => None,
    });
    same.unwrap_or_else(|| {
        let key = idempotency_key();
        last_sent.set(Some((tenant_id, declarations.to_vec(), key.clone())));
        key
    })
}

#[component]
pub fn Declare(tenant: TenantDetail, api: AuthorizedApi) -> impl IntoView {
    let navigate = use_navigate();
    let selected = RwSignal::new(HashSet::<DeclarationKind>::new());
    let inputs = Inputs {
        rent: RwSignal::new(amount_input(tenant.rent_cents)),
        charges: RwSignal::new(amount_input(tenant.charges_cents)),
        debt: RwSignal::new(String::new()),
        reached_on: RwSignal::new(String::new()),
        moving_date: RwSignal::new(String::new()),
        co_tenants: RwSignal::new(String::new()),
        co_date: RwSignal::new(String::new()),
        death_date: RwSignal::new(String::new()),
        end_date: RwSignal::new(String::new()),
        new_manager: RwSignal::new(String::new()),
    };
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let general = RwSignal::new(None::<String>);
    let chosen = move || {
        DeclarationKind::ALL
            .into_iter()
            .filter(|kind| selected.read().contains(kind))
            .collect::<Vec<_>>()
    };
    let tenant_id = tenant.id;
    let last_sent: LastSent = RwSignal::new(None);
    let send = FormAction::with_failure(
        move |(request, key): (SubmitDeclarations, String)| {
            let api = api.clone();
            async move { api.submit_declarations(&request, &key).await }
        },
        move |submitted| {
            let references: Vec<_> = submitted
                .items
                .iter()
                .map(|item| item.reference.clone())
                .collect();
            navigate(
                &format!("/declarations?transmises={}", references.join(",")),
                NavigateOptions::default(),
            );
        },
        move |failure| match failure {
            ApiError::Problem(problem) if !problem.errors.is_empty() => {
                general.set(Some(problem.title.clone()));
                errors.set(problem.errors.clone());
            }
            _ => {
                errors.set(Vec::new());
                general.set(Some(failure.message()));
            }
        },
    );
    let on_submit = send.on_submit(move || {
        let kinds = chosen();
        let mut local = Vec::new();
        let mut declarations = Vec::new();
        for (index, kind) in kinds.iter().enumerate() {
            match inputs.read(*kind) {
                Ok(fields) => declarations.push(fields),
                Err(missing) => {
                    local.extend(missing.into_iter().map(|(field, message)| FieldError {
                        field: format!("declarations[{index}].{field}"),
                        code: "unreadable".to_owned(),
                        message: message.to_owned(),
                    }))
                }
            }
        }
        if kinds.is_empty() {
            errors.set(Vec::new());
            general.set(Some("Sélectionnez au moins une déclaration.".to_owned()));
            None
        } else if !local.is_empty() {
            errors.set(local);
            general.set(Some(
                "Certaines informations saisies sont incorrectes".to_owned(),
            ));
            None
        } else {
            errors.set(Vec::new());
            general.set(None);
            let key = key_for(last_sent, tenant_id, &declarations);
            Some((
                SubmitDeclarations {
                    tenant_id,
                    declarations,
                },
                key,
            ))
        }
    });
    // The message of `field` in the form of `kind`, found by the form's place in what was sent.
    let message = move |kind: DeclarationKind, field: &'static str| {
        Signal::derive(move || {
            let index = chosen().iter().position(|chosen| *chosen == kind)?;
            let name = format!("declarations[{index}].{field}");
            errors
                .read()
                .iter()
                .find(|error| error.field == name)
                .map(|error| error.message.clone())
        })
    };
    let checkbox = move |kind: DeclarationKind, id: &'static str| {
        view! {
            <li>
                <input type="checkbox" id=id
                    prop:checked=move || selected.read().contains(&kind)
                    on:change=move |event| {
                        let on = event_target_checked(&event);
                        selected.update(|set| { if on { set.insert(kind); } else { set.remove(&kind); } });
                    }/>
                <label for=id class="inline">{kind.label_fr()}</label>
            </li>
        }
    };
    let shown = move |kind: DeclarationKind| move || selected.read().contains(&kind);
    let threshold = euros(tenant.unpaid_rent_threshold_cents);
    let campaign = tenant.open_rent_campaign_year;
    view! {
        <section class="card wide" aria-labelledby="titre-declarer">
            <h2 id="titre-declarer">"Déclarer"</h2>
            <form on:submit=on_submit novalidate>
                <fieldset>
                    <legend>"Que souhaitez-vous déclarer ? (une ou plusieurs déclarations)"</legend>
                    <ul class="choices">
                        {checkbox(DeclarationKind::Rent, "choix-loyer")}
                        {checkbox(DeclarationKind::UnpaidRent, "choix-impaye")}
                        {checkbox(DeclarationKind::MovingOut, "choix-depart")}
                        {checkbox(DeclarationKind::CoTenancy, "choix-colocation")}
                        {checkbox(DeclarationKind::Death, "choix-deces")}
                        {checkbox(DeclarationKind::EndOfManagement, "choix-fin-gestion")}
                    </ul>
                </fieldset>
                <Show when=shown(DeclarationKind::Rent)>
                    <fieldset>
                        <legend>{match campaign {
                            Some(year) => format!("Loyer de juillet {year}"),
                            None => "Loyer de juillet (campagne fermée)".to_owned(),
                        }}</legend>
                        <Field id="loyer" label="Loyer hors charges (€)" inputmode="decimal" value=inputs.rent message=message(DeclarationKind::Rent, "rent_cents")/>
                        <Field id="charges" label="Charges (€)" inputmode="decimal" value=inputs.charges message=message(DeclarationKind::Rent, "charges_cents")/>
                        <FieldMessage id="campagne-erreur" message=message(DeclarationKind::Rent, "kind")/>
                    </fieldset>
                </Show>
                <Show when=shown(DeclarationKind::UnpaidRent)>
                    <fieldset>
                        <legend>"Impayé de loyer"</legend>
                        <p class="hint" id="seuil">{format!("Seuil de l'impayé pour ce logement : {threshold} (article R824-1 du code de la construction et de l'habitation).")}</p>
                        <Field id="dette" label="Montant de la dette (€)" inputmode="decimal" hint="seuil" value=inputs.debt message=message(DeclarationKind::UnpaidRent, "debt_cents")/>
                        <Field id="seuil-atteint" label="Date à laquelle la dette a atteint le seuil" input_type="date" value=inputs.reached_on message=message(DeclarationKind::UnpaidRent, "reached_on")/>
                    </fieldset>
                </Show>
                <Show when=shown(DeclarationKind::MovingOut)>
                    <fieldset>
                        <legend>"Départ du locataire"</legend>
                        <Field id="date-depart" label="Date de départ" input_type="date" value=inputs.moving_date message=message(DeclarationKind::MovingOut, "date")/>
                    </fieldset>
                </Show>
                <Show when=shown(DeclarationKind::CoTenancy)>
                    <fieldset>
                        <legend>"Nouvelle colocation"</legend>
                        <p class="hint">{format!("Nombre de colocataires connu de la Caf : {}.", tenant.co_tenants)}</p>
                        <Field id="colocataires" label="Nouveau nombre de colocataires (1 à 20)" input_type="number" value=inputs.co_tenants message=message(DeclarationKind::CoTenancy, "co_tenants")/>
                        <Field id="date-colocation" label="Date du changement" input_type="date" value=inputs.co_date message=message(DeclarationKind::CoTenancy, "date")/>
                    </fieldset>
                </Show>
                <Show when=shown(DeclarationKind::Death)>
                    <fieldset>
                        <legend>"Décès du locataire"</legend>
                        <Field id="date-deces" label="Date du décès" input_type="date" value=inputs.death_date message=message(DeclarationKind::Death, "date")/>
                    </fieldset>
                </Show>
                <Show when=shown(DeclarationKind::EndOfManagement)>
                    <fieldset>
                        <legend>"Fin de gestion ou vente"</legend>
                        <Field id="date-fin" label="Date de fin de gestion ou de vente" input_type="date" value=inputs.end_date message=message(DeclarationKind::EndOfManagement, "date")/>
                        <Field id="repreneur" label="Nouveau propriétaire ou gestionnaire (si connu)" value=inputs.new_manager message=message(DeclarationKind::EndOfManagement, "new_manager")/>
                    </fieldset>
                </Show>
                {move || general.get().map(|text| view! { <p class="alert" role="alert">{text}</p> })}
                <div class="actions">
                    <button type="submit" class="primary" disabled=move || send.pending.get()>
                        {move || if send.pending.get() { "Envoi en cours…" } else { "Transmettre" }}
                    </button>
                </div>
            </form>
        </section>
    }
}

//! Partners (landlords): moral ones by SIRET, physical ones by NIR and Tiers number, with their
//! postal address and bank details (docs/imports.md).
use super::{BATCH, ImportError, Imported, Progress, Sheet, check_all};
use bailleur_api_types::{Bic, CafNumber, Iban, Nir, PartnerKind, Siret, TiersNumber};
use bailleur_entity::{caf_office, partner};
use sea_orm::{DatabaseConnection, EntityTrait, QuerySelect, Set, TransactionTrait};
use std::collections::{HashMap, HashSet};
use std::io::Read;
use time::OffsetDateTime;

pub const COLUMNS: &[&str] = &[
    "type",
    "nom",
    "caf",
    "adresse_1",
    "code_postal",
    "ville",
    "versement_direct",
];

struct Checked {
    kind: PartnerKind,
    name: String,
    siret: Option<String>,
    nir: Option<String>,
    tiers_number: Option<String>,
    caf_id: i32,
    address_line1: String,
    address_line2: Option<String>,
    postal_code: String,
    city: String,
    iban: Option<String>,
    bic: Option<String>,
    direct_payment: bool,
}

pub async fn import(
    db: &DatabaseConnection,
    input: impl Read,
    progress: &dyn Progress,
    now: OffsetDateTime,
) -> Result<Imported, ImportError> {
    let sheet = Sheet::read(input, COLUMNS)?;
    let cafs: HashMap<String, i32> = caf_office::Entity::find()
        .select_only()
        .column(caf_office::Column::Number)
        .column(caf_office::Column::Id)
        .into_tuple::<(String, i32)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let known: HashSet<String> = super::tenants::partner_keys(db)
        .await?
        .into_keys()
        .collect();
    let mut seen: HashMap<String, u64> = HashMap::new();
    let rows = check_all(&sheet, progress, |row, errors| {
        // The French words of the agency's files, or the stored names.
        let kind = match row.raw("type").to_lowercase().as_str() {
            "morale" => PartnerKind::Moral,
            "physique" => PartnerKind::Physical,
            stored => stored.parse().unwrap_or_else(|_| {
                row.refuse(errors, "type", "Saisissez « moral » ou « physique ».");
                PartnerKind::Moral
            }),
        };
        let optional = |column: &str| Some(row.raw(column)).filter(|raw| !raw.is_empty());
        let siret = optional("siret")
            .and_then(|_| row.parsed(errors, "siret", Siret::parse))
            .map(String::from);
        let nir = optional("nir")
            .and_then(|_| row.parsed(errors, "nir", Nir::parse))
            .map(String::from);
        let tiers_number = optional("numero_tiers")
            .and_then(|_| row.parsed(errors, "numero_tiers", TiersNumber::parse))
            .map(String::from);
        match kind {
            PartnerKind::Moral if siret.is_none() && optional("siret").is_none() => {
                row.refuse(
                    errors,
                    "siret",
                    "Un bailleur moral est identifié par son SIRET.",
                );
            }
            PartnerKind::Physical
                if tiers_number.is_none() && optional("numero_tiers").is_none() =>
            {
                row.refuse(
                    errors,
                    "numero_tiers",
                    "Un bailleur physique est identifié par son numéro tiers.",
                );
            }
            _ => {}
        }
        for (column, key) in [("siret", &siret), ("numero_tiers", &tiers_number)] {
            if let Some(key) = key {
                if known.contains(key) {
                    row.refuse(errors, column, "un bailleur porte déjà ce numéro");
                } else if let Some(first) = seen.insert(key.clone(), row.line) {
                    row.refuse(
                        errors,
                        column,
                        format!("ce numéro figure déjà ligne {first}"),
                    );
                }
            }
        }
        let caf_id = row
            .parsed(errors, "caf", CafNumber::parse)
            .and_then(|number| {
                let id = cafs.get(number.as_str()).copied();
                if id.is_none() {
                    row.refuse(errors, "caf", "aucune Caf ne porte ce numéro");
                }
                id
            })
            .unwrap_or_default();
        let iban = optional("iban").and_then(|_| row.parsed(errors, "iban", Iban::parse));
        let bic = optional("bic").and_then(|_| row.parsed(errors, "bic", Bic::parse));
        Some(Checked {
            kind,
            name: row.text(errors, "nom", 200),
            siret,
            nir,
            tiers_number,
            caf_id,
            address_line1: row.text(errors, "adresse_1", 100),
            address_line2: row.optional(errors, "adresse_2", 100),
            postal_code: row.postal_code(errors, "code_postal"),
            city: row.text(errors, "ville", 60).to_uppercase(),
            iban: iban.map(String::from),
            bic: bic.map(String::from),
            direct_payment: row.yes_no(errors, "versement_direct"),
        })
    })?;
    let total = rows.len() as u64;
    let txn = db.begin().await?;
    for (index, batch) in rows.chunks(BATCH).enumerate() {
        partner::Entity::insert_many(batch.iter().map(|row| partner::ActiveModel {
            kind: Set(row.kind),
            name: Set(row.name.clone()),
            siret: Set(row.siret.clone()),
            nir: Set(row.nir.clone()),
            tiers_number: Set(row.tiers_number.clone()),
            caf_id: Set(row.caf_id),
            address_line1: Set(row.address_line1.clone()),
            address_line2: Set(row.address_line2.clone()),
            postal_code: Set(row.postal_code.clone()),
            city: Set(row.city.clone()),
            iban: Set(row.iban.clone()),
            bic: Set(row.bic.clone()),
            direct_payment: Set(row.direct_payment),
            created_at: Set(now),
            ..Default::default()
        }))
        .exec_without_returning(&txn)
        .await?;
        progress.advance(
            "import",
            ((index + 1) * BATCH).min(rows.len()) as u64,
            total,
        );
    }
    txn.commit().await?;
    Ok(Imported { rows: total })
}

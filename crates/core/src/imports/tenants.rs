//! Tenants with their dwelling and lease, one lease a row (docs/imports.md). A tenant already
//! known to the Caf keeps its record and gets the new lease.
use super::{BATCH, ImportError, Imported, Progress, Row, RowError, Sheet, check_all};
use bailleur_api_types::{PartnerId, TenantId};
use bailleur_entity::{dwelling, lease, partner, tenant};
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QuerySelect, Set, TransactionTrait,
};
use std::collections::HashMap;
use std::io::Read;
use time::Date;

pub const COLUMNS: &[&str] = &[
    "bailleur",
    "numero_allocataire",
    "prenom",
    "nom",
    "adresse_1",
    "code_postal",
    "ville",
    "surface_m2",
    "meuble",
    "decent",
    "debut_bail",
    "loyer",
    "charges",
    "colocataires",
    "tiers_payant",
];

/// Partners by SIRET and by Tiers number: (partner id, Caf id).
pub(crate) async fn partner_keys(
    db: &impl ConnectionTrait,
) -> Result<HashMap<String, (PartnerId, i32)>, DbErr> {
    let rows: Vec<(PartnerId, i32, Option<String>, Option<String>)> = partner::Entity::find()
        .select_only()
        .column(partner::Column::Id)
        .column(partner::Column::CafId)
        .column(partner::Column::Siret)
        .column(partner::Column::TiersNumber)
        .into_tuple()
        .all(db)
        .await?;
    let mut keys = HashMap::with_capacity(rows.len() * 2);
    for (id, caf_id, siret, tiers) in rows {
        for key in [siret, tiers].into_iter().flatten() {
            keys.insert(key, (id, caf_id));
        }
    }
    Ok(keys)
}

/// The partner a row names by SIRET or Tiers number.
pub(crate) fn partner_of(
    row: &Row<'_>,
    errors: &mut Vec<RowError>,
    keys: &HashMap<String, (PartnerId, i32)>,
) -> Option<(PartnerId, i32)> {
    let key: String = row
        .raw("bailleur")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let found = keys.get(&key).copied();
    if found.is_none() {
        row.refuse(
            errors,
            "bailleur",
            format!("aucun bailleur n'a le SIRET ou le n° tiers « {key} »"),
        );
    }
    found
}

struct Checked {
    partner_id: PartnerId,
    caf_id: i32,
    beneficiary_number: String,
    first_name: String,
    last_name: String,
    address_line1: String,
    address_line2: Option<String>,
    postal_code: String,
    city: String,
    surface_m2: i32,
    furnished: bool,
    decent: bool,
    started_on: Date,
    rent_cents: i64,
    charges_cents: i64,
    co_tenants: i32,
    aid_paid_to_landlord: bool,
    last_aid_cents: Option<i64>,
}

fn check(
    row: &Row<'_>,
    errors: &mut Vec<RowError>,
    keys: &HashMap<String, (PartnerId, i32)>,
    seen: &mut HashMap<(i32, String), u64>,
) -> Option<Checked> {
    let partner = partner_of(row, errors, keys);
    let beneficiary_number = row.text(errors, "numero_allocataire", 12);
    if !beneficiary_number.chars().all(|c| c.is_ascii_digit()) {
        row.refuse(
            errors,
            "numero_allocataire",
            "Le numéro d'allocataire ne comporte que des chiffres.",
        );
    }
    let checked = Checked {
        partner_id: PartnerId(0),
        caf_id: 0,
        first_name: row.text(errors, "prenom", 80),
        last_name: row.text(errors, "nom", 80),
        address_line1: row.text(errors, "adresse_1", 100),
        address_line2: row.optional(errors, "adresse_2", 100),
        postal_code: row.postal_code(errors, "code_postal"),
        city: row.text(errors, "ville", 60).to_uppercase(),
        surface_m2: row.integer(errors, "surface_m2", 1, 2_000),
        furnished: row.yes_no(errors, "meuble"),
        decent: row.yes_no(errors, "decent"),
        started_on: row.date(errors, "debut_bail")?,
        rent_cents: row.euros(errors, "loyer"),
        charges_cents: row.euros(errors, "charges"),
        co_tenants: row.integer(errors, "colocataires", 1, 20),
        aid_paid_to_landlord: row.yes_no(errors, "tiers_payant"),
        last_aid_cents: Some(row.raw("derniere_aide"))
            .filter(|raw| !raw.is_empty())
            .map(|_| row.euros(errors, "derniere_aide")),
        beneficiary_number,
    };
    let (partner_id, caf_id) = partner?;
    if let Some(first) = seen.insert((caf_id, checked.beneficiary_number.clone()), row.line) {
        row.refuse(
            errors,
            "numero_allocataire",
            format!("cet allocataire a déjà un bail ligne {first}"),
        );
    }
    Some(Checked {
        partner_id,
        caf_id,
        ..checked
    })
}

/// Reads `input`, checks every row, then imports them all in one transaction.
pub async fn import(
    db: &DatabaseConnection,
    input: impl Read,
    progress: &dyn Progress,
) -> Result<Imported, ImportError> {
    let sheet = Sheet::read(input, COLUMNS)?;
    let keys = partner_keys(db).await?;
    let mut seen = HashMap::new();
    let rows = check_all(&sheet, progress, |row, errors| {
        check(row, errors, &keys, &mut seen)
    })?;
    let known: HashMap<(i32, String), TenantId> = tenant::Entity::find()
        .select_only()
        .column(tenant::Column::CafId)
        .column(tenant::Column::BeneficiaryNumber)
        .column(tenant::Column::Id)
        .into_tuple::<(i32, String, TenantId)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(caf, number, id)| ((caf, number), id))
        .collect();
    let total = rows.len() as u64;
    let txn = db.begin().await?;
    for (index, batch) in rows.chunks(BATCH).enumerate() {
        let new: Vec<&Checked> = batch
            .iter()
            .filter(|row| !known.contains_key(&(row.caf_id, row.beneficiary_number.clone())))
            .collect();
        let mut tenant_ids = HashMap::new();
        if !new.is_empty() {
            let ids = tenant::Entity::insert_many(new.iter().map(|row| tenant::ActiveModel {
                caf_id: Set(row.caf_id),
                beneficiary_number: Set(row.beneficiary_number.clone()),
                first_name: Set(row.first_name.clone()),
                last_name: Set(row.last_name.clone()),
                ..Default::default()
            }))
            .exec_with_returning_keys(&txn)
            .await?;
            tenant_ids.extend(
                new.iter()
                    .map(|row| (row.caf_id, row.beneficiary_number.clone()))
                    .zip(ids),
            );
        }
        let dwelling_ids =
            dwelling::Entity::insert_many(batch.iter().map(|row| dwelling::ActiveModel {
                partner_id: Set(row.partner_id),
                address_line1: Set(row.address_line1.clone()),
                address_line2: Set(row.address_line2.clone()),
                postal_code: Set(row.postal_code.clone()),
                city: Set(row.city.clone()),
                surface_m2: Set(row.surface_m2),
                furnished: Set(row.furnished),
                decent: Set(row.decent),
                ..Default::default()
            }))
            .exec_with_returning_keys(&txn)
            .await?;
        let mut leases = Vec::with_capacity(batch.len());
        for (row, dwelling_id) in batch.iter().zip(dwelling_ids) {
            let key = (row.caf_id, row.beneficiary_number.clone());
            // Every row's tenant was known or has just been inserted: anything else is a bug,
            // and the transaction is dropped rather than a lease pointing nowhere.
            let tenant_id = *known
                .get(&key)
                .or_else(|| tenant_ids.get(&key))
                .ok_or(DbErr::RecordNotInserted)?;
            leases.push(lease::ActiveModel {
                dwelling_id: Set(dwelling_id),
                tenant_id: Set(tenant_id),
                partner_id: Set(row.partner_id),
                started_on: Set(row.started_on),
                ended_on: Set(None),
                rent_cents: Set(row.rent_cents),
                charges_cents: Set(row.charges_cents),
                co_tenants: Set(row.co_tenants),
                aid_paid_to_landlord: Set(row.aid_paid_to_landlord),
                last_aid_cents: Set(row.last_aid_cents),
                ..Default::default()
            });
        }
        lease::Entity::insert_many(leases)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_ops_1_a_missing_column_is_named() {
        let error = Sheet::read("bailleur;nom\n1;2\n".as_bytes(), COLUMNS).err();
        let Some(ImportError::Rows(errors)) = error else {
            panic!("the header is refused");
        };
        assert!(errors.iter().all(|error| error.line == 1));
        assert!(
            errors
                .iter()
                .any(|error| error.column == "numero_allocataire")
        );
    }
}

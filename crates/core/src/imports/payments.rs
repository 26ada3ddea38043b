//! The housing aid paid to landlords, one month of one tenant a row (docs/imports.md).
use super::tenants::{partner_keys, partner_of};
use super::{BATCH, ImportError, Imported, Progress, Row, RowError, Sheet, check_all};
use bailleur_api_types::PartnerId;
use bailleur_entity::{aid_payment, lease, tenant};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, JoinType, QueryFilter, QuerySelect,
    RelationTrait, Set, TransactionTrait,
};
use std::collections::{HashMap, HashSet};
use std::io::Read;
use time::Date;

pub const COLUMNS: &[&str] = &[
    "bailleur",
    "numero_allocataire",
    "mois",
    "montant",
    "verse_le",
];

struct Checked {
    lease_id: i32,
    partner_id: PartnerId,
    month: Date,
    amount_cents: i64,
    paid_on: Date,
}

/// `2026-07` or `07/2026`, as the month's first day.
fn month(row: &Row<'_>, errors: &mut Vec<RowError>) -> Option<Date> {
    let raw = row.raw("mois");
    let parsed = Date::parse(
        &format!("{raw}-01"),
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .or_else(|_| {
        Date::parse(
            &format!("01/{raw}"),
            time::macros::format_description!("[day]/[month]/[year]"),
        )
    });
    parsed
        .map_err(|_| {
            row.refuse(
                errors,
                "mois",
                "Saisissez un mois au format AAAA-MM ou MM/AAAA.",
            )
        })
        .ok()
}

pub async fn import(
    db: &DatabaseConnection,
    input: impl Read,
    progress: &dyn Progress,
) -> Result<Imported, ImportError> {
    let sheet = Sheet::read(input, COLUMNS)?;
    let keys = partner_keys(db).await?;
    let leases: HashMap<(PartnerId, String), i32> = lease::Entity::find()
        .select_only()
        .column(lease::Column::PartnerId)
        .column(tenant::Column::BeneficiaryNumber)
        .column(lease::Column::Id)
        .join(JoinType::InnerJoin, lease::Relation::Tenant.def())
        .filter(lease::Column::EndedOn.is_null())
        .into_tuple::<(PartnerId, String, i32)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(partner, number, id)| ((partner, number), id))
        .collect();
    let paid: HashSet<(i32, Date)> = aid_payment::Entity::find()
        .select_only()
        .column(aid_payment::Column::LeaseId)
        .column(aid_payment::Column::Month)
        .into_tuple::<(i32, Date)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let mut seen = HashMap::new();
    let rows = check_all(&sheet, progress, |row, errors| {
        let partner = partner_of(row, errors, &keys);
        let month = month(row, errors);
        let amount_cents = row.euros(errors, "montant");
        let paid_on = row.date(errors, "verse_le");
        let (partner_id, _) = partner?;
        let Some(lease_id) = leases
            .get(&(partner_id, row.raw("numero_allocataire").to_owned()))
            .copied()
        else {
            row.refuse(
                errors,
                "numero_allocataire",
                "ce bailleur n'a pas de bail en cours avec cet allocataire",
            );
            return None;
        };
        let month = month?;
        if paid.contains(&(lease_id, month)) {
            row.refuse(
                errors,
                "mois",
                "l'aide de ce mois est déjà enregistrée pour ce bail",
            );
        } else if let Some(first) = seen.insert((lease_id, month), row.line) {
            row.refuse(
                errors,
                "mois",
                format!("ce mois figure déjà ligne {first} pour ce bail"),
            );
        }
        Some(Checked {
            lease_id,
            partner_id,
            month,
            amount_cents,
            paid_on: paid_on?,
        })
    })?;
    let total = rows.len() as u64;
    let txn = db.begin().await?;
    for (index, batch) in rows.chunks(BATCH).enumerate() {
        aid_payment::Entity::insert_many(batch.iter().map(|row| aid_payment::ActiveModel {
            lease_id: Set(row.lease_id),
            partner_id: Set(row.partner_id),
            month: Set(row.month),
            amount_cents: Set(row.amount_cents),
            paid_on: Set(row.paid_on),
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

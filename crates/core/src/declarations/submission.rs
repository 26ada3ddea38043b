//! Recording submissions (R-SPACE-5), one (`POST /declarations`) or a batch of up to 1,000
//! (`POST /declaration-batches`, R-API-2): every item checked against its lease's rules first,
//! every broken rule reported by field (`items[3].declarations[0].date` in a batch), then all
//! written in the caller's transaction, or none. Reads and writes go by sets, not by item: a
//! batch costs a few statements more than one submission, not a thousand times more.
use super::{DeclarationError, new_reference, read, rules};
use crate::auth::principal::Principal;
use bailleur_api_types::declarations::{
    DeclarationKind, DeclarationStatus, SubmitDeclarations, SubmittedDeclarations,
};
use bailleur_api_types::{BatchId, DeclarationId, FieldError, TenantId};
use bailleur_entity::{declaration, declaration_status_change, lease};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};
use std::collections::{HashMap, HashSet};
use time::OffsetDateTime;

/// Where an item's field errors are addressed.
#[derive(Debug, Clone, Copy)]
pub enum Addressing {
    /// `declarations[0].rent_cents`
    Single,
    /// `items[3].declarations[0].rent_cents`
    Batch,
}

impl Addressing {
    fn prefix(self, item: usize) -> String {
        match self {
            Addressing::Single => String::new(),
            Addressing::Batch => format!("items[{item}]."),
        }
    }
}

fn error(field: String, code: &str, message: &str) -> FieldError {
    FieldError {
        field,
        code: code.to_owned(),
        message: message.to_owned(),
    }
}

/// Checks then records `items` in `txn`; the answer lists each item's declarations in order.
pub async fn record(
    txn: &impl ConnectionTrait,
    who: &Principal,
    items: &[SubmitDeclarations],
    addressing: Addressing,
    batch_id: Option<BatchId>,
    now: OffsetDateTime,
) -> Result<Vec<SubmittedDeclarations>, DeclarationError> {
    let partner = crate::partners::by_id(txn, who.partner_id())
        .await?
        .ok_or(DeclarationError::NotFound)?;
    let tenant_ids: Vec<TenantId> = items.iter().map(|item| item.tenant_id).collect();
    let leases: HashMap<TenantId, lease::Model> = lease::Entity::find()
        .filter(lease::Column::PartnerId.eq(partner.id))
        .filter(lease::Column::TenantId.is_in(tenant_ids.iter().map(|id| id.0)))
        .filter(lease::Column::EndedOn.is_null())
        .all(txn)
        .await?
        .into_iter()
        .map(|lease| (lease.tenant_id, lease))
        .collect();
    let open_campaign_year =
        crate::campaigns::open_campaign_year(txn, partner.caf_id, now.date()).await?;

    let mut errors = Vec::new();
    let mut accepted = Vec::new();
    let mut tenants_seen = HashSet::new();
    for (index, item) in items.iter().enumerate() {
        let prefix = addressing.prefix(index);
        // One item per tenant: two would race for the same rent of a campaign.
        if !tenants_seen.insert(item.tenant_id) {
            errors.push(error(
                format!("{prefix}tenant_id"),
                "duplicate_tenant",
                "Ce locataire figure déjà dans un autre élément du lot.",
            ));
            continue;
        }
        let Some(lease) = leases.get(&item.tenant_id) else {
            // One submission about a tenant the landlord doesn't have is "not found"; in a
            // batch, the item is named among the others' errors.
            match addressing {
                Addressing::Single => return Err(DeclarationError::NotFound),
                Addressing::Batch => {
                    errors.push(error(
                        format!("{prefix}tenant_id"),
                        "not_found",
                        "Aucun locataire de ce bailleur n'a cet identifiant.",
                    ));
                    continue;
                }
            }
        };
        let facts = rules::LeaseFacts {
            today: now.date(),
            started_on: lease.started_on,
            rent_cents: lease.rent_cents,
            charges_cents: lease.charges_cents,
            aid_paid_to_landlord: lease.aid_paid_to_landlord,
            last_aid_cents: lease.last_aid_cents,
            co_tenants: lease.co_tenants,
            open_campaign_year,
        };
        if item.declarations.is_empty() {
            errors.push(error(
                format!("{prefix}declarations"),
                "required",
                "Sélectionnez au moins une déclaration.",
            ));
        }
        let mut seen = HashSet::new();
        for (position, fields) in item.declarations.iter().enumerate() {
            if !seen.insert(fields.kind()) {
                errors.push(error(
                    format!("{prefix}declarations[{position}].kind"),
                    "duplicate_kind",
                    "Cette déclaration est sélectionnée deux fois.",
                ));
                continue;
            }
            match rules::check(fields, &facts) {
                Ok(decision) => accepted.push((index, lease, fields, decision)),
                Err(broken) => errors.extend(broken.iter().map(|broken| FieldError {
                    field: format!("{prefix}declarations[{position}].{}", broken.field()),
                    code: broken.code().to_owned(),
                    message: broken.message_fr(),
                })),
            }
        }
    }
    if !errors.is_empty() {
        return Err(DeclarationError::Invalid(errors));
    }

    // One writer of a landlord's declarations at a time: two submissions of one lease's rent
    // (the app and software, say) would each replace the previous one and both stay live.
    crate::database::lock_key(txn, &format!("declarations:partner:{}", partner.id)).await?;
    let replaced_rents: Vec<(i32, i32)> = accepted
        .iter()
        .filter_map(|(_, lease, _, decision)| decision.campaign_year.map(|year| (lease.id, year)))
        .collect();
    replace_previous_rents(txn, &replaced_rents, now).await?;

    let mut rows = Vec::with_capacity(accepted.len());
    let mut item_of = Vec::with_capacity(accepted.len());
    for (index, lease, fields, decision) in &accepted {
        let stored = serde_json::to_string(fields)
            .map_err(|error| DeclarationError::Corrupt(error.to_string()))?;
        rows.push(declaration::ActiveModel {
            reference: Set(new_reference(now.year())),
            account_id: Set(who.account_id()),
            partner_id: Set(lease.partner_id),
            lease_id: Set(lease.id),
            caf_id: Set(partner.caf_id),
            kind: Set(fields.kind().as_str().to_owned()),
            fields: Set(stored),
            status: Set(DeclarationStatus::Submitted.as_str().to_owned()),
            late: Set(decision.late),
            campaign_year: Set(decision.campaign_year),
            submitted_at: Set(now),
            processed_at: Set(None),
            batch_id: Set(batch_id),
            api_client_id: Set(who.api_client_id()),
            ..Default::default()
        });
        item_of.push(*index);
    }
    unique_references(txn, &mut rows, now).await?;
    let inserted = insert_rows(txn, rows).await?;
    record_statuses(
        txn,
        inserted.iter().map(|row| row.id),
        DeclarationStatus::Submitted,
        now,
    )
    .await?;
    let details = read::with_details(txn, inserted).await?;
    let mut answer: Vec<SubmittedDeclarations> = items
        .iter()
        .map(|_| SubmittedDeclarations { items: Vec::new() })
        .collect();
    for (declaration, index) in details.into_iter().zip(item_of) {
        if let Some(item) = answer.get_mut(index) {
            item.items.push(declaration);
        }
    }
    Ok(answer)
}

/// Statements of at most this many rows: well under both engines' limits on bound values.
const CHUNK: usize = 500;

async fn insert_rows(
    txn: &impl ConnectionTrait,
    rows: Vec<declaration::ActiveModel>,
) -> Result<Vec<declaration::Model>, DbErr> {
    let mut inserted = Vec::with_capacity(rows.len());
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<_> = rows.by_ref().take(CHUNK).collect();
        let mut models = declaration::Entity::insert_many(chunk)
            .exec_with_returning(txn)
            .await?;
        // RETURNING gives the rows in no promised order: the ids are, in insertion order.
        models.sort_by_key(|row| row.id);
        inserted.extend(models);
    }
    Ok(inserted)
}

/// New references that no declaration has yet: 30⁸ codes a year make a clash rare, not
/// impossible, and one would fail the whole batch.
async fn unique_references(
    txn: &impl ConnectionTrait,
    rows: &mut [declaration::ActiveModel],
    now: OffsetDateTime,
) -> Result<(), DbErr> {
    for _ in 0..3 {
        let mut seen = HashSet::new();
        let wanted: Vec<String> = rows
            .iter()
            .filter_map(|row| match &row.reference {
                sea_orm::ActiveValue::Set(reference) => Some(reference.clone()),
                _ => None,
            })
            .collect();
        let mut taken: HashSet<String> = HashSet::new();
        for chunk in wanted.chunks(CHUNK) {
            taken.extend(
                declaration::Entity::find()
                    .filter(declaration::Column::Reference.is_in(chunk.iter().cloned()))
                    .all(txn)
                    .await?
                    .into_iter()
                    .map(|row| row.reference),
            );
        }
        let mut clashes = 0;
        for row in rows.iter_mut() {
            let clash = match &row.reference {
                sea_orm::ActiveValue::Set(reference) => {
                    taken.contains(reference) || !seen.insert(reference.clone())
                }
                _ => false,
            };
            if clash {
                row.reference = Set(new_reference(now.year()));
                clashes += 1;
            }
        }
        if clashes == 0 {
            break;
        }
    }
    Ok(())
}

/// A rent declaration replaces the lease's previous one of the same campaign.
async fn replace_previous_rents(
    txn: &impl ConnectionTrait,
    leases_and_years: &[(i32, i32)],
    now: OffsetDateTime,
) -> Result<(), DbErr> {
    if leases_and_years.is_empty() {
        return Ok(());
    }
    let wanted: HashSet<(i32, i32)> = leases_and_years.iter().copied().collect();
    let mut previous = Vec::new();
    for chunk in leases_and_years.chunks(CHUNK) {
        previous.extend(
            declaration::Entity::find()
                .filter(declaration::Column::LeaseId.is_in(chunk.iter().map(|(lease, _)| *lease)))
                .filter(declaration::Column::Kind.eq(DeclarationKind::Rent.as_str()))
                .filter(declaration::Column::Status.ne(DeclarationStatus::Replaced.as_str()))
                .all(txn)
                .await?
                .into_iter()
                .filter(|row| {
                    row.campaign_year
                        .is_some_and(|year| wanted.contains(&(row.lease_id, year)))
                })
                .map(|row| row.id),
        );
    }
    for chunk in previous.chunks(CHUNK) {
        declaration::Entity::update_many()
            .col_expr(
                declaration::Column::Status,
                Expr::value(DeclarationStatus::Replaced.as_str()),
            )
            .filter(declaration::Column::Id.is_in(chunk.iter().copied()))
            .exec(txn)
            .await?;
    }
    record_statuses(txn, previous, DeclarationStatus::Replaced, now).await
}

pub(super) async fn record_statuses(
    txn: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = DeclarationId>,
    status: DeclarationStatus,
    at: OffsetDateTime,
) -> Result<(), DbErr> {
    let rows: Vec<_> = ids
        .into_iter()
        .map(|id| declaration_status_change::ActiveModel {
            declaration_id: Set(id),
            status: Set(status.as_str().to_owned()),
            at: Set(at),
            ..Default::default()
        })
        .collect();
    for chunk in rows.chunks(CHUNK) {
        declaration_status_change::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(txn)
            .await?;
    }
    Ok(())
}

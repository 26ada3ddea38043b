//! Batches (R-API-2): up to 1,000 submissions about the partner's tenants, recorded together
//! in the caller's transaction or not at all, and read again by id.
use super::{DeclarationError, read, submission};
use crate::auth::principal::Principal;
use bailleur_api_types::batches::{Batch, MAX_BATCH_ITEMS, SubmitBatch};
use bailleur_api_types::declarations::SubmittedDeclarations;
use bailleur_api_types::{BatchId, FieldError, PartnerId, TenantId};
use bailleur_entity::{declaration, declaration_batch};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use time::OffsetDateTime;

pub async fn submit(
    txn: &impl ConnectionTrait,
    who: &Principal,
    body: &SubmitBatch,
    now: OffsetDateTime,
) -> Result<Batch, DeclarationError> {
    if body.items.is_empty() || body.items.len() > MAX_BATCH_ITEMS {
        return Err(DeclarationError::Invalid(vec![FieldError {
            field: "items".to_owned(),
            code: "length".to_owned(),
            message: format!("Un lot contient de 1 à {MAX_BATCH_ITEMS} éléments."),
        }]));
    }
    let batch = declaration_batch::ActiveModel {
        partner_id: Set(who.partner_id()),
        account_id: Set(who.account_id()),
        api_client_id: Set(who.api_client_id()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let items = submission::record(
        txn,
        who,
        &body.items,
        submission::Addressing::Batch,
        Some(batch.id),
        now,
    )
    .await?;
    Ok(Batch {
        id: batch.id,
        created_at: batch.created_at,
        items,
    })
}

/// A batch of the partner's, its items in the order sent (one per tenant).
pub async fn get(
    db: &impl ConnectionTrait,
    partner_id: PartnerId,
    id: BatchId,
) -> Result<Batch, DeclarationError> {
    let batch = declaration_batch::Entity::find_by_id(id)
        .filter(declaration_batch::Column::PartnerId.eq(partner_id))
        .one(db)
        .await?
        .ok_or(DeclarationError::NotFound)?;
    let rows = declaration::Entity::find()
        .filter(declaration::Column::BatchId.eq(id))
        .order_by_asc(declaration::Column::Id)
        .all(db)
        .await?;
    let mut items: Vec<(TenantId, SubmittedDeclarations)> = Vec::new();
    for declaration in read::with_details(db, rows).await? {
        match items.last_mut() {
            Some((tenant, item)) if *tenant == declaration.tenant_id => {
                item.items.push(declaration);
            }
            _ => items.push((
                declaration.tenant_id,
                SubmittedDeclarations {
                    items: vec![declaration],
                },
            )),
        }
    }
    Ok(Batch {
        id: batch.id,
        created_at: batch.created_at,
        items: items.into_iter().map(|(_, item)| item).collect(),
    })
}

//! The landlord's declarations: listed with filters, or one by id; another partner's do not
//! exist for this one.
use super::{DeclarationError, parse_history, to_declaration};
use crate::database::owned_by;
use crate::tenants::names_by_lease;
use bailleur_api_types::declarations::{Declaration, DeclarationPage, DeclarationQuery};
use bailleur_api_types::{DeclarationId, PartnerId};
use bailleur_entity::{declaration, declaration_status_change, lease};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::HashMap;

pub const PAGE_SIZE: u64 = 20;

/// The rows with their tenant and status history, read in two queries for all of them.
pub(super) async fn with_details(
    db: &impl ConnectionTrait,
    rows: Vec<declaration::Model>,
) -> Result<Vec<Declaration>, DeclarationError> {
    let names = names_by_lease(db, rows.iter().map(|row| row.lease_id).collect()).await?;
    let mut histories: HashMap<DeclarationId, Vec<declaration_status_change::Model>> =
        HashMap::new();
    for change in declaration_status_change::Entity::find()
        .filter(
            declaration_status_change::Column::DeclarationId.is_in(rows.iter().map(|row| row.id)),
        )
        .order_by_asc(declaration_status_change::Column::At)
        .order_by_asc(declaration_status_change::Column::Id)
        .all(db)
        .await?
    {
        histories
            .entry(change.declaration_id)
            .or_default()
            .push(change);
    }
    rows.into_iter()
        .map(|row| {
            let name = names
                .get(&row.lease_id)
                .ok_or_else(|| DeclarationError::Corrupt(format!("lease {}", row.lease_id)))?
                .clone();
            let history = parse_history(histories.remove(&row.id).unwrap_or_default())?;
            to_declaration(row, &name, history)
        })
        .collect()
}

/// R-SPACE-5: newest first, filtered by tenant, kind and status.
pub async fn list(
    db: &impl ConnectionTrait,
    partner_id: PartnerId,
    query: &DeclarationQuery,
) -> Result<DeclarationPage, DeclarationError> {
    let page = query.page.map_or(1, bailleur_api_types::PageNumber::get);
    let mut select = declaration::Entity::find().filter(owned_by(
        db.get_database_backend(),
        (declaration::Entity, declaration::Column::PartnerId),
        partner_id,
    ));
    if let Some(tenant_id) = query.tenant {
        let leases: Vec<i32> = lease::Entity::find()
            .select_only()
            .column(lease::Column::Id)
            .filter(lease::Column::PartnerId.eq(partner_id))
            .filter(lease::Column::TenantId.eq(tenant_id))
            .into_tuple()
            .all(db)
            .await?;
        select = select.filter(declaration::Column::LeaseId.is_in(leases));
    }
    if let Some(kind) = query.kind {
        select = select.filter(declaration::Column::Kind.eq(kind.as_str()));
    }
    if let Some(status) = query.status {
        select = select.filter(declaration::Column::Status.eq(status.as_str()));
    }
    let paginator = select
        .order_by_desc(declaration::Column::SubmittedAt)
        .order_by_desc(declaration::Column::Id)
        .paginate(db, PAGE_SIZE);
    let total = paginator.num_items().await?;
    let rows = paginator.fetch_page(page - 1).await?;
    Ok(DeclarationPage {
        items: with_details(db, rows).await?,
        total,
        page,
        page_size: PAGE_SIZE,
    })
}

/// One declaration of the partner.
pub async fn get(
    db: &impl ConnectionTrait,
    partner_id: PartnerId,
    id: DeclarationId,
) -> Result<Declaration, DeclarationError> {
    let row = declaration::Entity::find_by_id(id)
        .filter(declaration::Column::PartnerId.eq(partner_id))
        .one(db)
        .await?
        .ok_or(DeclarationError::NotFound)?;
    with_details(db, vec![row])
        .await?
        .pop()
        .ok_or(DeclarationError::NotFound)
}

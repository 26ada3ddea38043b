//! The landlord's tenants receiving housing aid (R-SPACE-3, R-SPACE-4): those of the partner's
//! current leases. A tenant of another partner does not exist for this one (404, not 403).
use crate::database::owned_by;
use bailleur_api_types::tenants::{TenantDetail, TenantPage, TenantSummary};
use bailleur_api_types::{PartnerId, TenantId};
use bailleur_entity::{dwelling, lease, partner, tenant};
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbBackend, DbErr, EntityTrait, FromQueryResult,
    JoinType, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, RelationTrait, Select,
};
use std::collections::HashMap;
use time::Date;

pub const PAGE_SIZE: u64 = 20;

#[derive(Debug, thiserror::Error)]
pub enum TenantError {
    #[error("no tenant of this landlord has this id")]
    NotFound,
    #[error(transparent)]
    Database(#[from] DbErr),
}

#[derive(Debug, FromQueryResult)]
struct ListRow {
    tenant_id: TenantId,
    beneficiary_number: String,
    first_name: String,
    last_name: String,
    address_line1: String,
    postal_code: String,
    city: String,
    started_on: Date,
}

#[derive(Debug, FromQueryResult)]
struct Row {
    tenant_id: TenantId,
    beneficiary_number: String,
    first_name: String,
    last_name: String,
    address_line1: String,
    address_line2: Option<String>,
    postal_code: String,
    city: String,
    started_on: Date,
    rent_cents: i64,
    charges_cents: i64,
    last_aid_cents: Option<i64>,
    aid_paid_to_landlord: bool,
    surface_m2: i32,
    furnished: bool,
    decent: bool,
    co_tenants: i32,
}

/// The current leases of the partner, with their tenant and dwelling. The partner is a value,
/// not a subquery: with it SQLite's planner knows to start from the partner's leases (with a
/// subquery, among a million leases it walked the tenants in name order instead, 20× slower).
/// The partner's current leases joined to their tenant and dwelling; callers pick the columns.
fn current_leases(backend: DbBackend, partner_id: PartnerId) -> Select<lease::Entity> {
    lease::Entity::find()
        .select_only()
        .join(JoinType::InnerJoin, lease::Relation::Tenant.def())
        .join(JoinType::InnerJoin, lease::Relation::Dwelling.def())
        .filter(owned_by(
            backend,
            (lease::Entity, lease::Column::PartnerId),
            partner_id,
        ))
        .filter(lease::Column::EndedOn.is_null())
}

/// What the list shows: every column read is one more value copied per row.
fn summary_columns(select: Select<lease::Entity>) -> Select<lease::Entity> {
    select
        .column_as(tenant::Column::Id, "tenant_id")
        .column(tenant::Column::BeneficiaryNumber)
        .column(tenant::Column::FirstName)
        .column(tenant::Column::LastName)
        .column(dwelling::Column::AddressLine1)
        .column(dwelling::Column::PostalCode)
        .column(dwelling::Column::City)
        .column(lease::Column::StartedOn)
}

fn detail_columns(select: Select<lease::Entity>) -> Select<lease::Entity> {
    summary_columns(select)
        .column(dwelling::Column::AddressLine2)
        .column(lease::Column::RentCents)
        .column(lease::Column::ChargesCents)
        .column(lease::Column::LastAidCents)
        .column(lease::Column::AidPaidToLandlord)
        .column(dwelling::Column::SurfaceM2)
        .column(dwelling::Column::Furnished)
        .column(dwelling::Column::Decent)
        .column(lease::Column::CoTenants)
}

/// R-SPACE-3: searched by name, beneficiary number or address, sorted by name, `page` from 1.
pub async fn list(
    db: &impl ConnectionTrait,
    partner_id: PartnerId,
    query: Option<&str>,
    page: u64,
) -> Result<TenantPage, TenantError> {
    let page = Ord::max(page, 1);
    let mut select = summary_columns(current_leases(db.get_database_backend(), partner_id));
    if let Some(text) = query.map(str::trim).filter(|text| !text.is_empty()) {
        let lower = crate::accounts::contains_pattern(&text.to_lowercase());
        let lowered =
            |column: sea_orm::sea_query::ColumnRef| Expr::expr(Func::lower(Expr::col(column)));
        select = select.filter(
            Condition::any()
                .add(
                    tenant::Column::BeneficiaryNumber.like(crate::accounts::contains_pattern(text)),
                )
                .add(lowered((tenant::Entity, tenant::Column::LastName).into()).like(lower.clone()))
                .add(
                    lowered((tenant::Entity, tenant::Column::FirstName).into()).like(lower.clone()),
                )
                .add(
                    lowered((dwelling::Entity, dwelling::Column::AddressLine1).into())
                        .like(lower.clone()),
                )
                .add(lowered((dwelling::Entity, dwelling::Column::City).into()).like(lower))
                .add(dwelling::Column::PostalCode.like(crate::accounts::contains_pattern(text))),
        );
    }
    let rows = select
        .clone()
        .order_by_asc(tenant::Column::LastName)
        .order_by_asc(tenant::Column::FirstName)
        .order_by_asc(tenant::Column::Id)
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
        .into_model::<ListRow>()
        .all(db)
        .await?;
    let shown = rows.len() as u64;
    // A page that is not full tells the total by itself (most landlords have a few tenants):
    // only a full page, or one past the end, needs a count.
    let total = if (shown > 0 || page == 1) && shown < PAGE_SIZE {
        (page - 1) * PAGE_SIZE + shown
    } else {
        select.count(db).await?
    };
    let items = rows
        .into_iter()
        .map(|row| TenantSummary {
            id: row.tenant_id,
            beneficiary_number: row.beneficiary_number,
            first_name: row.first_name,
            last_name: row.last_name,
            address: format!("{}, {} {}", row.address_line1, row.postal_code, row.city),
            since: row.started_on,
        })
        .collect();
    Ok(TenantPage {
        items,
        total,
        page,
        page_size: PAGE_SIZE,
    })
}

/// R-SPACE-4: one tenant of the partner; any other id is "not found".
pub async fn detail(
    db: &impl ConnectionTrait,
    partner_id: PartnerId,
    tenant_id: TenantId,
    today: Date,
) -> Result<TenantDetail, TenantError> {
    let partner = partner_by_id(db, partner_id).await?;
    let row = detail_columns(current_leases(db.get_database_backend(), partner.id))
        .filter(tenant::Column::Id.eq(tenant_id))
        .into_model::<Row>()
        .one(db)
        .await?
        .ok_or(TenantError::NotFound)?;
    let open_rent_campaign_year =
        crate::campaigns::open_campaign_year(db, partner.caf_id, today).await?;
    Ok(TenantDetail {
        id: row.tenant_id,
        beneficiary_number: row.beneficiary_number,
        first_name: row.first_name,
        last_name: row.last_name,
        address_line1: row.address_line1,
        address_line2: row.address_line2,
        postal_code: row.postal_code,
        city: row.city,
        rent_cents: row.rent_cents,
        charges_cents: row.charges_cents,
        // The amount is the landlord's business only when the aid is paid to them.
        last_aid_cents: row.last_aid_cents.filter(|_| row.aid_paid_to_landlord),
        aid_paid_to_landlord: row.aid_paid_to_landlord,
        since: row.started_on,
        furnished: row.furnished,
        decent: row.decent,
        surface_m2: row.surface_m2,
        co_tenants: row.co_tenants,
        unpaid_rent_threshold_cents: crate::declaration_rules::unpaid_threshold_cents(
            row.rent_cents,
            row.charges_cents,
            row.aid_paid_to_landlord,
            row.last_aid_cents,
        ),
        open_rent_campaign_year,
    })
}

/// A current lease of the partner, and the Caf the partner belongs to.
#[derive(Debug, Clone)]
pub struct PartnerLease {
    pub lease: lease::Model,
    pub caf_id: i32,
}

/// The current lease of `tenant_id` with the partner; any other is "not found".
pub async fn lease_of(
    db: &impl ConnectionTrait,
    partner_id: PartnerId,
    tenant_id: TenantId,
) -> Result<PartnerLease, TenantError> {
    let partner = partner_by_id(db, partner_id).await?;
    let lease = lease::Entity::find()
        .filter(lease::Column::PartnerId.eq(partner.id))
        .filter(lease::Column::TenantId.eq(tenant_id))
        .filter(lease::Column::EndedOn.is_null())
        .one(db)
        .await?
        .ok_or(TenantError::NotFound)?;
    Ok(PartnerLease {
        lease,
        caf_id: partner.caf_id,
    })
}

/// The partner of a signed-in account.
async fn partner_by_id(
    db: &impl ConnectionTrait,
    partner_id: PartnerId,
) -> Result<partner::Model, TenantError> {
    crate::partners::by_id(db, partner_id)
        .await?
        .ok_or(TenantError::NotFound)
}

/// Who a declaration is about.
#[derive(Debug, Clone)]
pub struct TenantName {
    pub id: TenantId,
    pub beneficiary_number: String,
    pub first_name: String,
    pub last_name: String,
}

impl TenantName {
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }
}

/// The tenants of `lease_ids`, by lease id.
pub async fn names_by_lease(
    db: &impl ConnectionTrait,
    lease_ids: Vec<i32>,
) -> Result<HashMap<i32, TenantName>, DbErr> {
    if lease_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let leases = lease::Entity::find()
        .filter(lease::Column::Id.is_in(lease_ids))
        .all(db)
        .await?;
    let tenants: HashMap<TenantId, tenant::Model> = tenant::Entity::find()
        .filter(tenant::Column::Id.is_in(leases.iter().map(|lease| lease.tenant_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|tenant| (tenant.id, tenant))
        .collect();
    Ok(leases
        .into_iter()
        .filter_map(|lease| {
            tenants.get(&lease.tenant_id).map(|tenant| {
                (
                    lease.id,
                    TenantName {
                        id: tenant.id,
                        beneficiary_number: tenant.beneficiary_number.clone(),
                        first_name: tenant.first_name.clone(),
                        last_name: tenant.last_name.clone(),
                    },
                )
            })
        })
        .collect())
}

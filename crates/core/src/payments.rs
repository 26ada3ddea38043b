//! The housing aid paid to the landlord (R-SPACE-7): the partner's payments, by month and
//! tenant, over a period.
use crate::database::owned_by;
use crate::declaration_rules::add_months;
use crate::tenants::{TenantError, names_by_lease};
use bailleur_api_types::PartnerId;
use bailleur_api_types::payments::{Payment, PaymentPage, PaymentQuery};
use bailleur_entity::{aid_payment, lease};
use sea_orm::sea_query::{Alias, Expr, Func};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use time::{Date, Duration};

pub const PAGE_SIZE: u64 = 50;

/// `from` defaults to the first day of the month a year before `today`, `to` to `today`.
pub async fn list(
    db: &impl ConnectionTrait,
    partner_id: PartnerId,
    query: &PaymentQuery,
    today: Date,
) -> Result<PaymentPage, TenantError> {
    let (from, to, page) = (
        query.from,
        query.to,
        query.page.map_or(1, bailleur_api_types::PageNumber::get),
    );
    let to = to.unwrap_or(today);
    let from = from.unwrap_or_else(|| {
        let start = add_months(today, 1) - Duration::days(366);
        start.replace_day(1).unwrap_or(start)
    });
    let page = page.max(1);
    let mut period = aid_payment::Entity::find()
        .filter(owned_by(
            db.get_database_backend(),
            (aid_payment::Entity, aid_payment::Column::PartnerId),
            partner_id,
        ))
        .filter(aid_payment::Column::Month.gte(from))
        .filter(aid_payment::Column::Month.lte(to));
    if let Some(tenant_id) = query.tenant {
        let leases: Vec<i32> = lease::Entity::find()
            .select_only()
            .column(lease::Column::Id)
            .filter(lease::Column::PartnerId.eq(partner_id))
            .filter(lease::Column::TenantId.eq(tenant_id))
            .into_tuple()
            .all(db)
            .await?;
        period = period.filter(aid_payment::Column::LeaseId.is_in(leases));
    }
    let total_cents: Option<i64> = period
        .clone()
        .select_only()
        .column_as(
            // PostgreSQL sums a bigint into a numeric: brought back to a bigint for both engines.
            Expr::from(Func::cast_as(
                Func::sum(Expr::col(aid_payment::Column::AmountCents)),
                Alias::new("BIGINT"),
            )),
            "total",
        )
        .into_tuple()
        .one(db)
        .await?
        .flatten();
    let paginator = period
        .order_by_desc(aid_payment::Column::Month)
        .order_by_asc(aid_payment::Column::LeaseId)
        .paginate(db, PAGE_SIZE);
    let total = paginator.num_items().await?;
    let rows = paginator.fetch_page(page - 1).await?;
    let names = names_by_lease(db, rows.iter().map(|row| row.lease_id).collect()).await?;
    let items = rows
        .into_iter()
        .filter_map(|row| {
            names.get(&row.lease_id).map(|name| Payment {
                month: row.month,
                tenant_id: name.id,
                beneficiary_number: name.beneficiary_number.clone(),
                tenant_name: name.full_name(),
                amount_cents: row.amount_cents,
                paid_on: row.paid_on,
            })
        })
        .collect();
    Ok(PaymentPage {
        from,
        to,
        items,
        total_cents: total_cents.unwrap_or(0),
        total,
        page,
        page_size: PAGE_SIZE,
    })
}

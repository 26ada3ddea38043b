//! What the operator publishes for a Caf's landlords (R-OPS-1): the rent campaign and notices.
use crate::cafs::{CafError, office_row};
use bailleur_api_types::CafNumber;
use bailleur_entity::{caf_notice, rent_campaign};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};
use time::{Date, OffsetDateTime};

/// Opens (or reopens) the Caf's rent campaign of `year` from today until `closes_on`.
pub async fn open_campaign(
    db: &impl ConnectionTrait,
    number: &CafNumber,
    year: i32,
    closes_on: Date,
    now: OffsetDateTime,
) -> Result<(), CafError> {
    let office = office_row(db, number).await?;
    let existing = rent_campaign::Entity::find()
        .filter(rent_campaign::Column::CafId.eq(office.id))
        .filter(rent_campaign::Column::Year.eq(year))
        .one(db)
        .await?;
    let mut campaign = match existing {
        Some(row) => row.into(),
        None => rent_campaign::ActiveModel {
            caf_id: Set(office.id),
            year: Set(year),
            ..Default::default()
        },
    };
    campaign.opens_on = Set(now.date());
    campaign.closes_on = Set(closes_on);
    campaign.closed_at = Set(None);
    campaign.save(db).await?;
    Ok(())
}

/// Closes the Caf's rent campaign of `year` now; returns whether there was one open.
pub async fn close_campaign(
    db: &impl ConnectionTrait,
    number: &CafNumber,
    year: i32,
    now: OffsetDateTime,
) -> Result<bool, CafError> {
    let office = office_row(db, number).await?;
    let result = rent_campaign::Entity::update_many()
        .col_expr(
            rent_campaign::Column::ClosedAt,
            sea_orm::sea_query::Expr::value(now),
        )
        .filter(rent_campaign::Column::CafId.eq(office.id))
        .filter(rent_campaign::Column::Year.eq(year))
        .filter(rent_campaign::Column::ClosedAt.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected > 0)
}

/// Publishes a notice ("À savoir") now, shown until `expires_at` when given.
pub async fn publish_notice(
    db: &impl ConnectionTrait,
    number: &CafNumber,
    title: &str,
    body: &str,
    now: OffsetDateTime,
    expires_at: Option<OffsetDateTime>,
) -> Result<i32, CafError> {
    let office = office_row(db, number).await?;
    let notice = caf_notice::ActiveModel {
        caf_id: Set(office.id),
        title: Set(title.trim().to_owned()),
        body: Set(body.trim().to_owned()),
        published_at: Set(now),
        expires_at: Set(expires_at),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(notice.id)
}

/// The year of the Caf's rent campaign open on `today`, if one is.
pub async fn open_campaign_year(
    db: &impl ConnectionTrait,
    caf_id: i32,
    today: Date,
) -> Result<Option<i32>, DbErr> {
    Ok(rent_campaign::Entity::find()
        .filter(rent_campaign::Column::CafId.eq(caf_id))
        .filter(rent_campaign::Column::OpensOn.lte(today))
        .filter(rent_campaign::Column::ClosesOn.gte(today))
        .filter(rent_campaign::Column::ClosedAt.is_null())
        .order_by_desc(rent_campaign::Column::Year)
        .one(db)
        .await?
        .map(|campaign| campaign.year))
}

//! Public data of a Caf office: contacts and current notices (R-SPACE-2).
use bailleur_api_types::caf::{CafContact, CafOffice, ContactKind, Notice, NoticeList};
use bailleur_api_types::{CafNumber, FormatError};
use bailleur_entity::{caf_contact, caf_notice, caf_office};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};
use time::OffsetDateTime;

#[derive(Debug, thiserror::Error)]
pub enum CafError {
    #[error("no Caf office has this number")]
    NotFound,
    #[error("a stored value is invalid: {0}")]
    Corrupt(#[from] FormatError),
    #[error(transparent)]
    Database(#[from] DbErr),
}

pub(crate) async fn office_row(
    db: &impl ConnectionTrait,
    number: &CafNumber,
) -> Result<caf_office::Model, CafError> {
    caf_office::Entity::find()
        .filter(caf_office::Column::Number.eq(number.as_str()))
        .one(db)
        .await?
        .ok_or(CafError::NotFound)
}

pub async fn find_office(
    db: &impl ConnectionTrait,
    number: &CafNumber,
) -> Result<CafOffice, CafError> {
    let office = office_row(db, number).await?;
    let contacts = caf_contact::Entity::find()
        .filter(caf_contact::Column::CafId.eq(office.id))
        .order_by_asc(caf_contact::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|contact| CafContact {
            kind: match contact.kind.as_str() {
                "web" => ContactKind::Web,
                "phone" => ContactKind::Phone,
                _ => ContactKind::Email,
            },
            label: contact.label,
            value: contact.value,
        })
        .collect();
    Ok(CafOffice {
        number: CafNumber::parse(&office.number)?,
        name: office.name,
        department_name: office.department_name,
        postal_address: office.postal_address,
        contacts,
    })
}

/// The notices published at `now` and not yet expired, newest first.
pub async fn current_notices(
    db: &impl ConnectionTrait,
    number: &CafNumber,
    now: OffsetDateTime,
) -> Result<NoticeList, CafError> {
    let office = office_row(db, number).await?;
    let items = caf_notice::Entity::find()
        .filter(caf_notice::Column::CafId.eq(office.id))
        .filter(caf_notice::Column::PublishedAt.lte(now))
        .filter(
            Condition::any()
                .add(caf_notice::Column::ExpiresAt.is_null())
                .add(caf_notice::Column::ExpiresAt.gt(now)),
        )
        .order_by_desc(caf_notice::Column::PublishedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|notice| Notice {
            id: notice.id,
            title: notice.title,
            body: notice.body,
            published_at: notice.published_at,
        })
        .collect();
    Ok(NoticeList {
        caf: number.clone(),
        items,
    })
}

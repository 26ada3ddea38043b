//! The usage rules and terms of use, versioned; an account must have accepted the current
//! version of both (R-AUTH-5).
use bailleur_api_types::AccountId;
use bailleur_entity::terms_acceptance;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, Set,
};
use time::OffsetDateTime;

/// The documents and their current versions; a new version makes everyone accept again.
pub const DOCUMENTS: [(&str, &str); 2] = [("usage_rules", "2026-01"), ("terms_of_use", "2026-01")];

pub async fn all_accepted(db: &impl ConnectionTrait, account_id: AccountId) -> Result<bool, DbErr> {
    let mut current = Condition::any();
    for (document, version) in DOCUMENTS {
        current = current.add(
            Condition::all()
                .add(terms_acceptance::Column::Document.eq(document))
                .add(terms_acceptance::Column::Version.eq(version)),
        );
    }
    let accepted = terms_acceptance::Entity::find()
        .filter(terms_acceptance::Column::AccountId.eq(account_id))
        .filter(current)
        .count(db)
        .await?;
    Ok(accepted == DOCUMENTS.len() as u64)
}

pub async fn accept_all(
    db: &impl ConnectionTrait,
    account_id: AccountId,
    at: OffsetDateTime,
) -> Result<(), DbErr> {
    for (document, version) in DOCUMENTS {
        terms_acceptance::Entity::insert(terms_acceptance::ActiveModel {
            account_id: Set(account_id),
            document: Set(document.to_owned()),
            version: Set(version.to_owned()),
            accepted_at: Set(at),
            ..Default::default()
        })
        // Two simultaneous acceptances of one flow: the second finds it done.
        .on_conflict(
            sea_orm::sea_query::OnConflict::columns([
                terms_acceptance::Column::AccountId,
                terms_acceptance::Column::Document,
                terms_acceptance::Column::Version,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}

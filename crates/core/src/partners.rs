//! Reading partners (the landlords) by id: every landlord-space read starts from one.
use bailleur_api_types::PartnerId;
use bailleur_entity::partner;
use sea_orm::{ConnectionTrait, DbErr, EntityTrait};

/// The partner of a signed-in account (`None` only when the data is inconsistent).
pub async fn by_id(
    db: &impl ConnectionTrait,
    partner_id: PartnerId,
) -> Result<Option<partner::Model>, DbErr> {
    partner::Entity::find_by_id(partner_id).one(db).await
}

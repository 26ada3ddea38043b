use bailleur_api_types::{AccountId, ApiClientId, BatchId, PartnerId};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "declaration_batch")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: BatchId,
    pub partner_id: PartnerId,
    pub account_id: AccountId,
    pub api_client_id: Option<ApiClientId>,
    pub created_at: TimeDateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

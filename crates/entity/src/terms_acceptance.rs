use bailleur_api_types::AccountId;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "terms_acceptance")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub account_id: AccountId,
    pub document: String,
    pub version: String,
    pub accepted_at: TimeDateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

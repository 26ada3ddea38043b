use bailleur_api_types::DeclarationId;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "declaration_status_change")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub declaration_id: DeclarationId,
    pub status: String,
    pub at: TimeDateTimeWithTimeZone,
    /// Set by the database (the writing transaction's id on PostgreSQL): never written here.
    pub txid: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

use bailleur_api_types::ApiClientId;
use sea_orm::entity::prelude::*;

/// A `private_key_jwt` assertion's `jti`, kept until the assertion expires: a second use is
/// refused by the unique index.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "used_assertion")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub api_client_id: ApiClientId,
    pub jti: String,
    pub expires_at: TimeDateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

use sea_orm::entity::prelude::*;

/// The stored answer of a POST sent with an `Idempotency-Key` (R-API-2).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "idempotency_key")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// `account:12` or `client:7`.
    pub principal: String,
    pub key: String,
    pub fingerprint: String,
    pub response_status: i32,
    pub response_body: String,
    pub created_at: TimeDateTimeWithTimeZone,
    pub expires_at: TimeDateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

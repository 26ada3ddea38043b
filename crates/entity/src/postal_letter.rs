use bailleur_api_types::AccountId;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "postal_letter")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub account_id: AccountId,
    pub kind: String,
    pub recipient_address: String,
    pub body: String,
    pub created_at: TimeDateTimeWithTimeZone,
    pub dispatched_at: Option<TimeDateTimeWithTimeZone>,
    /// The provisional password the letter carries, hashed at dispatch (never kept in clear).
    pub password_hash: Option<String>,
    pub password_used_at: Option<TimeDateTimeWithTimeZone>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

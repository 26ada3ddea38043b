use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "otp_challenge")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The flow of a real code; `None` for a decoy's.
    pub flow_id: Option<i32>,
    pub decoy_id: Option<i32>,
    /// The address the code went to, or `decoy:<keyed hash of the login>`.
    pub email: String,
    pub code_hash: String,
    pub failed_attempts: i32,
    pub created_at: TimeDateTimeWithTimeZone,
    pub expires_at: TimeDateTimeWithTimeZone,
    pub consumed_at: Option<TimeDateTimeWithTimeZone>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

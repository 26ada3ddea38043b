use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "otp_challenge")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The flow of a real code; `None` for a decoy's.
    pub flow_id: Option<i32>,
    pub decoy_id: Option<i32>,
    /// What the code is counted on (its *target*): `own:<address>`, `any:<address>` or
    /// `recovery:<keyed hash of the login>`.
    pub email: String,
    /// The address a real code was mailed to; `None` for a decoy's.
    pub address: Option<String>,
    pub code_hash: String,
    pub failed_attempts: i32,
    pub created_at: TimeDateTimeWithTimeZone,
    pub expires_at: TimeDateTimeWithTimeZone,
    pub consumed_at: Option<TimeDateTimeWithTimeZone>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

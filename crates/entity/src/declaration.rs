use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "declaration")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub reference: String,
    pub account_id: i32,
    pub partner_id: i32,
    pub lease_id: i32,
    pub caf_id: i32,
    pub kind: String,
    pub fields: String,
    pub status: String,
    pub late: bool,
    pub campaign_year: Option<i32>,
    pub submitted_at: TimeDateTimeWithTimeZone,
    pub processed_at: Option<TimeDateTimeWithTimeZone>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

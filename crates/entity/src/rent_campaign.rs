use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rent_campaign")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub caf_id: i32,
    pub year: i32,
    pub opens_on: TimeDate,
    pub closes_on: TimeDate,
    pub closed_at: Option<TimeDateTimeWithTimeZone>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

use bailleur_api_types::PartnerId;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "aid_payment")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub lease_id: i32,
    pub partner_id: PartnerId,
    pub month: TimeDate,
    pub amount_cents: i64,
    pub paid_on: TimeDate,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

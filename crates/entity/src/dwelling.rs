use bailleur_api_types::PartnerId;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "dwelling")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub partner_id: PartnerId,
    pub address_line1: String,
    pub address_line2: Option<String>,
    pub postal_code: String,
    pub city: String,
    pub surface_m2: i32,
    pub furnished: bool,
    pub decent: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

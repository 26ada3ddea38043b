use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "caf_contact")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub caf_id: i32,
    pub kind: String,
    pub label: String,
    pub value: String,
    pub position: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

use bailleur_api_types::{PartnerId, TenantId};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "lease")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub dwelling_id: i32,
    pub tenant_id: TenantId,
    pub partner_id: PartnerId,
    pub started_on: TimeDate,
    pub ended_on: Option<TimeDate>,
    pub rent_cents: i64,
    pub charges_cents: i64,
    pub co_tenants: i32,
    pub aid_paid_to_landlord: bool,
    pub last_aid_cents: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::tenant::Entity",
        from = "Column::TenantId",
        to = "super::tenant::Column::Id"
    )]
    Tenant,
    #[sea_orm(
        belongs_to = "super::dwelling::Entity",
        from = "Column::DwellingId",
        to = "super::dwelling::Column::Id"
    )]
    Dwelling,
}

impl Related<super::tenant::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Tenant.def()
    }
}

impl Related<super::dwelling::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Dwelling.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

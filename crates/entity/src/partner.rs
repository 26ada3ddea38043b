use bailleur_api_types::{PartnerId, PartnerKind};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "partner")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: PartnerId,
    pub kind: PartnerKind,
    pub name: String,
    pub siret: Option<String>,
    pub nir: Option<String>,
    pub tiers_number: Option<String>,
    pub caf_id: i32,
    pub address_line1: String,
    pub address_line2: Option<String>,
    pub postal_code: String,
    pub city: String,
    pub iban: Option<String>,
    pub bic: Option<String>,
    pub direct_payment: bool,
    pub created_at: TimeDateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::caf_office::Entity",
        from = "Column::CafId",
        to = "super::caf_office::Column::Id"
    )]
    CafOffice,
}

impl Related<super::caf_office::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CafOffice.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

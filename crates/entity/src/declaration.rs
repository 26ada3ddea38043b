use bailleur_api_types::{AccountId, ApiClientId, BatchId, DeclarationId, PartnerId};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "declaration")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: DeclarationId,
    pub reference: String,
    pub account_id: AccountId,
    pub partner_id: PartnerId,
    pub lease_id: i32,
    pub caf_id: i32,
    pub kind: String,
    pub fields: String,
    pub status: String,
    pub late: bool,
    pub campaign_year: Option<i32>,
    pub submitted_at: TimeDateTimeWithTimeZone,
    pub processed_at: Option<TimeDateTimeWithTimeZone>,
    pub batch_id: Option<BatchId>,
    /// The API client that declared it, when software did (`account_id` is then its creator).
    pub api_client_id: Option<ApiClientId>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::lease::Entity",
        from = "Column::LeaseId",
        to = "super::lease::Column::Id"
    )]
    Lease,
}

impl Related<super::lease::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Lease.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

use bailleur_api_types::{AccountId, ApiClientId, PartnerId};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "api_client")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: ApiClientId,
    pub public_id: String,
    pub partner_id: PartnerId,
    pub created_by: AccountId,
    pub name: String,
    /// Space-separated, as in a token's `scope`.
    pub scopes: String,
    pub secret_hash: String,
    pub secret_last_four: String,
    pub previous_secret_hash: Option<String>,
    pub previous_secret_expires_at: Option<TimeDateTimeWithTimeZone>,
    /// The JWK as sent, for `private_key_jwt`.
    pub public_key: Option<String>,
    pub public_key_algorithm: Option<String>,
    pub created_at: TimeDateTimeWithTimeZone,
    pub last_used_at: Option<TimeDateTimeWithTimeZone>,
    pub revoked_at: Option<TimeDateTimeWithTimeZone>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

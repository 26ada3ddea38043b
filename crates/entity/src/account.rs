use bailleur_api_types::{AccountId, AccountRole, PartnerId, UserStatus};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "account")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: AccountId,
    pub partner_id: PartnerId,
    pub identifier: String,
    pub user_number: String,
    pub email_id: Option<i32>,
    pub credential_id: i32,
    pub role: AccountRole,
    pub status: UserStatus,
    pub first_name: String,
    pub last_name: String,
    pub phone: Option<String>,
    pub mobile_phone: Option<String>,
    pub created_at: TimeDateTimeWithTimeZone,
    pub last_sign_in_at: Option<TimeDateTimeWithTimeZone>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::partner::Entity",
        from = "Column::PartnerId",
        to = "super::partner::Column::Id"
    )]
    Partner,
    #[sea_orm(
        belongs_to = "super::credential::Entity",
        from = "Column::CredentialId",
        to = "super::credential::Column::Id"
    )]
    Credential,
    #[sea_orm(
        belongs_to = "super::email_address::Entity",
        from = "Column::EmailId",
        to = "super::email_address::Column::Id"
    )]
    EmailAddress,
}

impl Related<super::partner::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Partner.def()
    }
}

impl Related<super::credential::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Credential.def()
    }
}

impl Related<super::email_address::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::EmailAddress.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

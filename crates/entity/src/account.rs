use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "account")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub partner_id: i32,
    pub identifier: String,
    pub user_number: String,
    pub email_id: Option<i32>,
    pub credential_id: i32,
    pub role: String,
    pub status: String,
    pub first_name: String,
    pub last_name: String,
    pub phone: Option<String>,
    pub mobile_phone: Option<String>,
    pub created_at: TimeDateTimeWithTimeZone,
    pub last_sign_in_at: Option<TimeDateTimeWithTimeZone>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

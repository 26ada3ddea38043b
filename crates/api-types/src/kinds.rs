//! The closed vocabularies of accounts and partners, stored in the database as these same
//! strings (sea-orm active enums with the `db` feature) and sent as them in JSON.
use serde::{Deserialize, Serialize};

/// A legal person (a company, an agency: several users, one administrator) or a natural one
/// (one account, R-REF-4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "db", derive(sea_orm::DeriveActiveEnum, sea_orm::EnumIter))]
#[cfg_attr(
    feature = "db",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::None)"
    )
)]
#[serde(rename_all = "snake_case")]
pub enum PartnerKind {
    #[cfg_attr(feature = "db", sea_orm(string_value = "moral"))]
    Moral,
    #[cfg_attr(feature = "db", sea_orm(string_value = "physical"))]
    Physical,
}

/// What an account may do for its partner (R-SEC-2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "db", derive(sea_orm::DeriveActiveEnum, sea_orm::EnumIter))]
#[cfg_attr(
    feature = "db",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::None)"
    )
)]
#[serde(rename_all = "snake_case")]
pub enum AccountRole {
    /// Manages the partner's users and data.
    #[cfg_attr(feature = "db", sea_orm(string_value = "administrator"))]
    Administrator,
    #[cfg_attr(feature = "db", sea_orm(string_value = "user"))]
    User,
}

/// Whether an account may sign in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "db", derive(sea_orm::DeriveActiveEnum, sea_orm::EnumIter))]
#[cfg_attr(
    feature = "db",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::None)"
    )
)]
#[serde(rename_all = "snake_case")]
pub enum UserStatus {
    /// Created, first connection not done yet.
    #[cfg_attr(feature = "db", sea_orm(string_value = "pending_first_connection"))]
    PendingFirstConnection,
    #[cfg_attr(feature = "db", sea_orm(string_value = "active"))]
    Active,
    #[cfg_attr(feature = "db", sea_orm(string_value = "disabled"))]
    Disabled,
}

//! The partner's users, managed by its administrator (R-AUTH-5).
use crate::ids::AccountId;
use crate::kinds::{AccountRole, PartnerKind, UserStatus};
use serde::{Deserialize, Serialize};

/// A user (account) of the partner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PartnerUser {
    pub id: AccountId,
    pub identifier: String,
    pub user_number: String,
    pub first_name: String,
    pub last_name: String,
    pub email: Option<String>,
    pub role: AccountRole,
    pub status: UserStatus,
}

/// `POST /partner/users`: a new user with a personal email; the identifier and a provisional
/// password are mailed to it in two separate mails.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CreateUserRequest {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
}

/// `PATCH /partner/users/{id}`: disable or enable a user.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct UpdateUserRequest {
    pub disabled: bool,
}

/// A postal address in France.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PostalAddress {
    /// Number and street, or the building.
    pub line1: String,
    #[serde(default)]
    pub line2: Option<String>,
    #[cfg_attr(feature = "server", schema(example = "44220"))]
    pub postal_code: String,
    pub city: String,
}

/// The bank details the aid is paid to, the IBAN masked but for its country, key and last
/// digits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct MaskedBankDetails {
    #[cfg_attr(
        feature = "server",
        schema(example = "FR76 •••• •••• •••• •••• •••0 189")
    )]
    pub iban: String,
    pub bic: Option<String>,
}

/// `GET /partner`: the landlord as the Caf knows it (R-PROF-3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PartnerData {
    pub name: String,
    pub kind: PartnerKind,
    pub siret: Option<String>,
    pub tiers_number: Option<String>,
    pub caf_number: String,
    pub address: PostalAddress,
    pub bank_details: Option<MaskedBankDetails>,
    /// Whether the housing aid is paid to the landlord (tiers payant).
    pub direct_payment: bool,
}

/// `PATCH /partner`: only the fields present change.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct UpdatePartnerRequest {
    #[serde(default)]
    pub address: Option<PostalAddress>,
    #[serde(default)]
    pub direct_payment: Option<bool>,
}

/// `POST /partner/bank-details`: new bank details, applied once the code mailed to the account
/// is entered.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct BankDetailsRequest {
    #[cfg_attr(feature = "server", schema(example = "FR7630006000011234567890189"))]
    pub iban: String,
    #[cfg_attr(feature = "server", schema(example = "AGRIFRPP882"))]
    pub bic: String,
}

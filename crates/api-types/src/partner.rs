//! The partner's users, managed by its administrator (R-AUTH-5).
use crate::ids::AccountId;
use crate::kinds::{AccountRole, PartnerKind, UserStatus};
use serde::{Deserialize, Serialize};

/// The most characters of an address line, once trimmed.
pub const ADDRESS_LINE_MAX_CHARS: usize = 100;
/// The most characters of a city, once trimmed (before it is written in upper case).
pub const CITY_MAX_CHARS: usize = 60;

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
    #[cfg_attr(feature = "server", schema(value_type = crate::validated::schema::PersonName))]
    pub first_name: String,
    #[cfg_attr(feature = "server", schema(value_type = crate::validated::schema::PersonName))]
    pub last_name: String,
    #[cfg_attr(feature = "server", schema(value_type = crate::Email))]
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
    #[cfg_attr(feature = "server", schema(value_type = crate::validated::schema::AddressLine))]
    pub line1: String,
    #[serde(default)]
    #[cfg_attr(feature = "server", schema(value_type = Option<crate::validated::schema::AddressLineOrBlank>))]
    pub line2: Option<String>,
    #[cfg_attr(feature = "server", schema(value_type = crate::PostalCode))]
    pub postal_code: String,
    #[cfg_attr(feature = "server", schema(value_type = crate::validated::schema::CityName))]
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
    #[cfg_attr(feature = "server", schema(value_type = crate::Iban))]
    pub iban: String,
    /// A bank of the IBAN's country.
    #[cfg_attr(feature = "server", schema(value_type = crate::Bic))]
    pub bic: String,
}

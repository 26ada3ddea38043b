//! The landlord's tenants receiving housing aid (R-SPACE-3, R-SPACE-4). Money in cents.
use crate::ids::TenantId;
use serde::{Deserialize, Serialize};
use time::Date;

// Dates travel as `2021-10-24`.
time::serde::format_description!(iso_date, Date, "[year]-[month]-[day]");

/// A tenant in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TenantSummary {
    pub id: TenantId,
    #[cfg_attr(feature = "server", schema(example = "1593739"))]
    pub beneficiary_number: String,
    pub first_name: String,
    pub last_name: String,
    /// The dwelling: street line, postal code and city.
    pub address: String,
    #[serde(with = "iso_date")]
    pub since: Date,
}

/// A page of tenants; `page` starts at 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TenantPage {
    pub items: Vec<TenantSummary>,
    pub total: u64,
    pub page: u64,
    pub page_size: u64,
}

/// `?q=&page=` of the tenant list.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::IntoParams))]
pub struct TenantQuery {
    /// Part of the name, the beneficiary number or the address.
    #[serde(default)]
    pub q: Option<String>,
    /// From 1 to 100,000.
    #[serde(default)]
    #[cfg_attr(feature = "server", param(value_type = Option<u32>, minimum = 1, maximum = 100000))]
    pub page: Option<crate::PageNumber>,
}

/// A tenant's detail, as the agency's screen shows it (R-SPACE-4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TenantDetail {
    pub id: TenantId,
    pub beneficiary_number: String,
    pub first_name: String,
    pub last_name: String,
    pub address_line1: String,
    pub address_line2: Option<String>,
    pub postal_code: String,
    pub city: String,
    /// Rent excluding charges.
    #[cfg_attr(feature = "server", schema(example = 52500))]
    pub rent_cents: i64,
    pub charges_cents: i64,
    /// The last housing aid paid, shown only when it is paid to the landlord.
    pub last_aid_cents: Option<i64>,
    pub aid_paid_to_landlord: bool,
    /// Tenant since.
    #[serde(with = "iso_date")]
    pub since: Date,
    pub furnished: bool,
    pub decent: bool,
    pub surface_m2: i32,
    pub co_tenants: i32,
    /// The debt from which an unpaid rent can be declared (CCH art. R824-1).
    pub unpaid_rent_threshold_cents: i64,
    /// The year of the landlord's Caf's rent campaign, when it is open today.
    pub open_rent_campaign_year: Option<i32>,
}

//! The housing aid paid to the landlord (R-SPACE-7), by month and tenant. Money in cents.
use crate::ids::TenantId;
use serde::{Deserialize, Serialize};
use time::Date;

time::serde::format_description!(iso_date, Date, "[year]-[month]-[day]");

/// One month of aid for one tenant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Payment {
    /// The first day of the month the aid is for.
    #[serde(with = "iso_date")]
    pub month: Date,
    pub tenant_id: TenantId,
    pub beneficiary_number: String,
    pub tenant_name: String,
    pub amount_cents: i64,
    #[serde(with = "iso_date")]
    pub paid_on: Date,
}

/// A page of payments, newest month first, then by tenant; `total_cents` covers the whole
/// period, not only the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PaymentPage {
    #[serde(with = "iso_date")]
    pub from: Date,
    #[serde(with = "iso_date")]
    pub to: Date,
    pub items: Vec<Payment>,
    pub total_cents: i64,
    pub total: u64,
    pub page: u64,
    pub page_size: u64,
}

/// `?from=&to=&tenant=&page=`: months whose first day is within `from..=to` (default: the last 12
/// months).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::IntoParams))]
pub struct PaymentQuery {
    #[serde(default, with = "iso_date::option")]
    #[cfg_attr(feature = "server", param(value_type = Option<String>, format = Date, example = "2026-01-01"))]
    pub from: Option<Date>,
    #[serde(default, with = "iso_date::option")]
    #[cfg_attr(feature = "server", param(value_type = Option<String>, format = Date, example = "2026-12-31"))]
    pub to: Option<Date>,
    /// Only this tenant's payments.
    #[serde(default)]
    pub tenant: Option<i32>,
    #[serde(default)]
    #[cfg_attr(feature = "server", param(value_type = Option<u32>, minimum = 1, maximum = 100000))]
    pub page: Option<crate::PageNumber>,
}

//! `/tenants`: the landlord's tenants receiving housing aid (R-SPACE-3, R-SPACE-4).
pub mod get_tenant;
pub mod list_tenants;

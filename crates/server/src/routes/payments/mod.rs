//! `/payments`: the housing aid paid to the landlord (R-SPACE-7).
pub mod list_payments;

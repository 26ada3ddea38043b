//! `/oauth`: the OAuth 2.0 token endpoint of third-party software (R-API-2).
pub mod token;

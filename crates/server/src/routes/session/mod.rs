//! `/session`: the account the session works on (R-AUTH-3).
pub mod get_session;

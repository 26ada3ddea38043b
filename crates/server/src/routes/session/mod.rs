//! `/session`: the account the session works on, and switching among the accounts sharing its
//! email (R-AUTH-3).
pub mod get_session;
pub mod list_accounts;
pub mod switch_account;

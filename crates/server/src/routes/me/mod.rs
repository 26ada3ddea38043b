//! `/me`: Mon profil (R-PROF-1, R-PROF-2): the account's own data and its connection data.
pub mod change_email;
pub mod change_password;
pub mod get_me;
pub mod linked_accounts;
pub mod update_me;

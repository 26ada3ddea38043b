//! `/partner`: the landlord's own data (R-PROF-3) and, for its administrator, its users
//! (R-AUTH-5).
pub mod change_bank_details;
pub mod create_user;
pub mod get_partner;
pub mod list_users;
pub mod update_partner;
pub mod update_user;

//! `/partner`: the landlord's own data (R-PROF-3) and, for its administrator, its users
//! (R-AUTH-5) and its software's API clients (R-API-2).
pub mod change_bank_details;
pub mod create_api_client;
pub mod create_user;
pub mod get_partner;
pub mod list_api_clients;
pub mod list_users;
pub mod revoke_api_client;
pub mod rotate_api_client_secret;
pub mod update_partner;
pub mod update_user;

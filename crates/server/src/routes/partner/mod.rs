//! `/partner/users`: the administrator manages the partner's users (R-AUTH-5).
pub mod create_user;
pub mod list_users;
pub mod update_user;

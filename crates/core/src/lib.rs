//! The use cases of Espace Bailleur. Decisions that matter are pure functions with the time
//! passed in; the functions that touch the database take a connection and return their own
//! error enum. Nothing here knows about HTTP.

pub mod accounts;
pub mod audit;
pub mod auth;
pub mod cafs;
pub mod campaigns;
pub mod changes;
pub mod clock;
pub mod database;
pub mod declaration_rules;
pub mod declarations;
pub mod hashing;
pub mod idempotency;
pub mod imports;
pub mod letters;
pub mod linking;
pub mod mail;
pub mod partner_data;
pub mod partner_users;
pub mod partners;
pub mod payments;
pub mod profile;
pub mod random;
pub mod software;
pub mod tenants;

pub use clock::{Clock, SystemClock};

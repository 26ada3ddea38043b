//! The use cases of Espace Bailleur. Decisions that matter are pure functions with the time
//! passed in; the functions that touch the database take a connection and return their own
//! error enum. Nothing here knows about HTTP.

pub mod cafs;
pub mod clock;
pub mod database;
pub mod passwords;

pub use clock::{Clock, SystemClock};

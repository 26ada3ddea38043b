mod caf;
mod connection_help;
mod not_found;
mod sign_in;

pub use caf::CafPage;
pub use connection_help::ConnectionHelp;
pub use not_found::NotFound;
pub use sign_in::SignIn;

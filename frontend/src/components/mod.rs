mod layout;

pub use layout::{Footer, Header};

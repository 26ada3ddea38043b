mod account_table;
mod field;
mod field_message;
mod layout;
mod pagination;
mod password_rules;
mod search_form;

pub use account_table::AccountTable;
pub use field::Field;
pub use field_message::FieldMessage;
pub use layout::{Footer, Header};
pub use pagination::Pagination;
pub use password_rules::PasswordRules;
pub use search_form::SearchForm;

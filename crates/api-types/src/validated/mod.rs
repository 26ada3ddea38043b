//! Values checked once at the edge: a value of these types is valid by construction.
//! Each keeps its field private, parses from `String` (serde `try_from`) and prints canonically.

mod bic;
mod checksums;
mod codes;
mod email;
mod error;
mod iban;
mod nir;
mod password;
mod phone;
#[cfg(feature = "server")]
pub mod schema;
mod siret;

pub use bic::Bic;
pub use codes::{CafNumber, Identifier, PostalCode, TiersNumber, UserNumber};
pub use email::Email;
pub use error::FormatError;
pub use iban::Iban;
pub use nir::Nir;
pub use password::{PasswordRule, check_password_policy};
pub use phone::PhoneNumber;
pub use siret::{Siren, Siret};

/// The boilerplate every validated string shares: serde through `String`, `Display`, `as_str`.
/// The type's own `parse(&str) -> Result<Self, FormatError>` holds the rule.
macro_rules! validated_string {
    ($name:ident) => {
        impl TryFrom<String> for $name {
            type Error = $crate::validated::FormatError;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                Self::parse(&value)
            }
        }
        impl std::str::FromStr for $name {
            type Err = $crate::validated::FormatError;
            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Self::parse(value)
            }
        }
        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.0
            }
        }
        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}
pub(crate) use validated_string;

/// The contract's schema of a validated string (R-API-1). utoipa's derive takes no `pattern` or
/// `min_length` on a newtype's field, so the schema is written by hand, from the parser's own
/// constants (`validated::schema` has the building blocks).
macro_rules! string_schema {
    ($name:ident => $schema:expr) => {
        #[cfg(feature = "server")]
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                $schema.into()
            }
        }
        #[cfg(feature = "server")]
        impl utoipa::ToSchema for $name {}
    };
}
pub(crate) use string_schema;

/// The separators people type inside numbers (spaces, dots, dashes), which `compact` removes.
const SEPARATORS: [char; 4] = [' ', '.', '-', '\u{a0}'];

/// Removes the separators people type inside numbers (spaces, dots, dashes).
fn compact(value: &str) -> String {
    value.chars().filter(|c| !SEPARATORS.contains(c)).collect()
}

fn check_length(value: &str, min: usize, max: usize) -> Result<(), FormatError> {
    let length = value.chars().count();
    if length == 0 {
        Err(FormatError::Empty)
    } else if length < min || length > max {
        Err(FormatError::Length { min, max })
    } else {
        Ok(())
    }
}

#[cfg(all(test, feature = "server"))]
mod contract_tests;

//! The closed vocabularies of accounts and partners, stored in the database as these same
//! strings (sea-orm active enums with the `db` feature) and sent as them in JSON.
use serde::{Deserialize, Serialize};

/// One list of variants and their stored strings; the JSON names are the same strings.
macro_rules! stored_enum {
    ($(#[$meta:meta])* $name:ident {
        $($(#[$variant_meta:meta])* $variant:ident = $value:literal),* $(,)?
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
        #[cfg_attr(feature = "db", derive(sea_orm::DeriveActiveEnum, sea_orm::EnumIter))]
        #[cfg_attr(
            feature = "db",
            sea_orm(
                rs_type = "String",
                db_type = "String(sea_orm::sea_query::StringLen::None)"
            )
        )]
        // utoipa does not read a `rename` given through the macro: the JSON names come from
        // `rename_all`, and the stored strings below are the same snake_case names.
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $(
                $(#[$variant_meta])*
                #[cfg_attr(feature = "db", sea_orm(string_value = $value))]
                $variant,
            )*
        }

        impl std::str::FromStr for $name {
            type Err = UnknownValue;

            /// The stored string (the JSON name).
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                match text {
                    $($value => Ok(Self::$variant),)*
                    _ => Err(UnknownValue),
                }
            }
        }
    };
}

/// A string that is none of a vocabulary's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not one of the values")]
pub struct UnknownValue;

stored_enum!(
    /// A legal person (a company, an agency: several users, one administrator) or a natural one
    /// (one account, R-REF-4).
    PartnerKind {
        Moral = "moral",
        Physical = "physical",
    }
);

stored_enum!(
    /// What an account may do for its partner (R-SEC-2).
    AccountRole {
        /// Manages the partner's users and data.
        Administrator = "administrator",
        User = "user",
    }
);

stored_enum!(
    /// Whether an account may sign in.
    UserStatus {
        /// Created, first connection not done yet.
        PendingFirstConnection = "pending_first_connection",
        Active = "active",
        Disabled = "disabled",
    }
);

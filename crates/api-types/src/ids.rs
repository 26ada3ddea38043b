//! Typed ids (Lemmy's `newtypes.rs`): an account's id cannot be passed where a tenant's is
//! expected. Serde-transparent, so the JSON holds the bare integer; with the `db` feature they
//! are sea-orm value types stored as the integer columns they were.
use serde::{Deserialize, Serialize};

macro_rules! typed_id {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
        )]
        #[serde(transparent)]
        #[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
        #[cfg_attr(feature = "db", derive(sea_orm::DeriveValueType))]
        pub struct $name(pub i32);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                text.parse().map(Self)
            }
        }
    )*};
}

typed_id!(
    /// A user account (one login).
    AccountId,
    /// A landlord: a company or a person, with its accounts.
    PartnerId,
    /// A household receiving the aid, on one of the partner's leases.
    TenantId,
    /// A declaration made by a partner about a tenant.
    DeclarationId,
    /// A signed-in session (its row; the tokens carry its public id).
    SessionId,
    /// An API client of a partner (its row; software authenticates with its `client_id`).
    ApiClientId,
    /// A batch of submissions (`POST /declaration-batches`).
    BatchId,
);

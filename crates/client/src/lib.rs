//! A typed client of the Espace Bailleur REST API for third-party landlord-management software
//! (R-API-4).
//!
//! ```no_run
//! # async fn run() -> Result<(), bailleur_client::ClientError> {
//! use bailleur_client::{Client, Credentials};
//! use bailleur_api_types::tenants::TenantQuery;
//!
//! let client = Client::with_credentials(
//!     "https://bailleur.caf.example",
//!     Credentials::client_secret("ebc_…", "eb_live_…"),
//! );
//! let first_page = client.list_tenants(&TenantQuery::default()).await?;
//! # Ok(()) }
//! ```
//!
//! The client asks for a token when it first needs one, keeps it, and renews it before it
//! expires. Every POST carries an `Idempotency-Key`, kept across the retries of one call, so a
//! retry never records a declaration twice. Errors from the server arrive as the RFC 9457
//! problem they are ([`ClientError`]).

mod batches;
mod cafs;
mod client;
mod declarations;
mod error;
mod key;
mod partner;
mod payments;
mod tenants;
mod token;
mod transport;

#[cfg(test)]
mod tests;

pub use client::Client;
pub use error::ClientError;
pub use key::{InvalidIdempotencyKey, Replayed, new_idempotency_key};
pub use token::Credentials;
pub use transport::RetryPolicy;

/// The operation ids of the OpenAPI contract that this client calls, one method each (the
/// method bears the id's name). The server's tests compare it with the contract, so that an
/// operation software may use is never left out.
pub const OPERATIONS: &[&str] = &[
    "oauth_token",
    "list_tenants",
    "get_tenant",
    "submit_declarations",
    "list_declarations",
    "get_declaration",
    "submit_batch",
    "get_batch",
    "list_declaration_changes",
    "list_payments",
    "get_partner",
    "get_caf",
    "list_caf_notices",
    "get_caf_delays",
];

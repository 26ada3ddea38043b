//! The vocabulary shared by the server, the web app and the Rust client: request and response
//! bodies, the problem+json error body, and validated values that can only hold valid data
//! (parse, don't validate). Builds for wasm32 as well as the server.

pub mod auth;
pub mod batches;
pub mod caf;
pub mod declarations;
pub mod format_fr;
pub mod ids;
pub mod kinds;
pub mod page;
pub mod partner;
pub mod payments;
pub mod problem;
pub mod profile;
pub mod software;
pub mod tenants;
pub mod validated;

pub use ids::{AccountId, ApiClientId, BatchId, DeclarationId, PartnerId, SessionId, TenantId};
pub use kinds::{AccountRole, PartnerKind, UserStatus};
pub use page::PageNumber;
pub use problem::{FieldError, Problem};
pub use validated::{
    Bic, CafNumber, Email, FormatError, Iban, Identifier, Nir, PasswordRule, PhoneNumber,
    PostalCode, Siren, Siret, TiersNumber, UserNumber, check_password_policy,
};

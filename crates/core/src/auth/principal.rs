//! Who a request speaks for, once its access token is checked: what the session check returns and
//! the one-second memory of checks (`recent_checks`) keeps.
use bailleur_api_types::{AccountId, PartnerId, SessionId};
use time::OffsetDateTime;

/// Who a valid access token speaks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Authenticated {
    pub account_id: AccountId,
    /// The landlord the account belongs to: every landlord-space read is scoped by it.
    pub partner_id: PartnerId,
    pub session_id: SessionId,
    pub session_expires_at: OffsetDateTime,
}

//! Who a request speaks for, once its access token is checked: a person's session
//! ([`Authenticated`], what the session check returns and `recent_checks` remembers for a
//! second) or a partner's software ([`Software`], a client-credentials token).
use bailleur_api_types::software::{Scope, Scopes};
use bailleur_api_types::{AccountId, ApiClientId, PartnerId, SessionId};
use time::OffsetDateTime;

/// Who a valid session access token speaks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Authenticated {
    pub account_id: AccountId,
    /// The landlord the account belongs to: every landlord-space read is scoped by it.
    pub partner_id: PartnerId,
    pub session_id: SessionId,
    pub session_expires_at: OffsetDateTime,
}

/// What a valid client-credentials token speaks for (R-API-2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Software {
    pub client_id: ApiClientId,
    pub partner_id: PartnerId,
    /// The administrator who created the client: what the client writes is recorded under
    /// this account, beside the client's id.
    pub created_by: AccountId,
    /// Granted to this token: the client's scopes or fewer.
    pub scopes: Scopes,
    pub expires_at: OffsetDateTime,
}

/// A person or software, on the endpoints both may call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Principal {
    Person(Authenticated),
    Software(Software),
}

impl Principal {
    pub fn partner_id(&self) -> PartnerId {
        match self {
            Principal::Person(who) => who.partner_id,
            Principal::Software(software) => software.partner_id,
        }
    }

    /// The account a write is recorded under.
    pub fn account_id(&self) -> AccountId {
        match self {
            Principal::Person(who) => who.account_id,
            Principal::Software(software) => software.created_by,
        }
    }

    pub fn api_client_id(&self) -> Option<ApiClientId> {
        match self {
            Principal::Person(_) => None,
            Principal::Software(software) => Some(software.client_id),
        }
    }

    /// A person's session may do everything its landlord may; software what its token grants.
    pub fn may(&self, scope: Scope) -> bool {
        match self {
            Principal::Person(_) => true,
            Principal::Software(software) => software.scopes.contains(scope),
        }
    }

    /// What idempotency keys are scoped to: two principals' keys never meet.
    pub fn key_owner(&self) -> String {
        match self {
            Principal::Person(who) => format!("account:{}", who.account_id),
            Principal::Software(software) => format!("client:{}", software.client_id),
        }
    }
}

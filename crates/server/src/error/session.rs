//! How sessions, account switching and account look-ups answer (R-AUTH-8).
use super::ApiError;
use super::auth::field;
use bailleur_core::accounts::AccountError;
use bailleur_core::auth::session::SessionError;
use bailleur_core::auth::switch::SwitchError;

impl From<SwitchError> for ApiError {
    fn from(error: SwitchError) -> Self {
        match error {
            SwitchError::NotInGroup => field(
                "account_id",
                "not_in_group",
                "Ce compte ne partage pas votre adresse mail.".to_owned(),
            ),
            SwitchError::Session(error) => error.into(),
            other @ SwitchError::Database(_) => Self::Unexpected(other.into()),
        }
    }
}

impl From<SessionError> for ApiError {
    fn from(error: SessionError) -> Self {
        match error {
            SessionError::Unauthenticated | SessionError::RefreshReused => Self::Unauthenticated,
            SessionError::Account(error) => error.into(),
            other @ (SessionError::Signing(_) | SessionError::Database(_)) => {
                Self::Unexpected(other.into())
            }
        }
    }
}

/// A missing or dangling account behind a valid session or flow is a broken invariant.
impl From<AccountError> for ApiError {
    fn from(error: AccountError) -> Self {
        match error {
            other @ (AccountError::Missing(_)
            | AccountError::Dangling(_)
            | AccountError::Database(_)) => Self::Unexpected(other.into()),
        }
    }
}

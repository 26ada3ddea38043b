//! The changes a flow confirms (an email, bank details) are applied here, by the modules that own
//! them: the flow engine completes the flow and hands its open transaction over
//! (`Outcome::Apply`); the change is written in it, committed, and its notices mailed. The
//! engine sits below: it never knows these modules.
use crate::auth::Auth;
use crate::auth::flow::{FlowError, Intent, Outcome, Progress};
use crate::partner_data::{self, PartnerDataError};
use crate::profile::{self, EmailChange, ProfileError};
use time::OffsetDateTime;

#[derive(Debug, thiserror::Error)]
pub enum ChangeError {
    #[error(transparent)]
    Flow(#[from] FlowError),
    #[error(transparent)]
    Profile(#[from] ProfileError),
    #[error(transparent)]
    PartnerData(#[from] PartnerDataError),
}

impl From<sea_orm::DbErr> for ChangeError {
    fn from(error: sea_orm::DbErr) -> Self {
        ChangeError::Flow(FlowError::Database(error))
    }
}

/// Applies the change a step completed, if it did; a settled step is returned as it is.
pub async fn settle(
    auth: &Auth,
    now: OffsetDateTime,
    outcome: Result<Outcome, FlowError>,
    client_address: Option<&str>,
) -> Result<Progress, ChangeError> {
    let completed = match outcome? {
        Outcome::Settled(progress) => return Ok(progress),
        Outcome::Apply(completed) => completed,
    };
    let txn = &completed.txn;
    let mails = match &completed.intent {
        Intent::ChangeEmail {
            new,
            common_password_hash,
        } => {
            let change = EmailChange {
                flow: &completed,
                new_email: new,
                common_password_hash: common_password_hash.as_deref(),
            };
            profile::apply_email_change(auth, txn, now, change, client_address).await?
        }
        Intent::ChangeBankDetails(details) => {
            let account_id = completed.account_id;
            partner_data::apply_bank_change(txn, now, account_id, details, client_address).await?
        }
        // The engine completes these itself.
        Intent::SignIn { .. } | Intent::Recovery | Intent::ChangePassword => vec![],
    };
    completed.txn.commit().await?;
    notify(auth, mails).await;
    Ok(Progress::Completed)
}

/// Sends the notifications of a change once it is committed: the change is made, a notification
/// that fails is logged, not undone.
async fn notify(auth: &Auth, mails: Vec<crate::mail::OutgoingMail>) {
    for mail in mails {
        if let Err(error) = auth.mailer.send(mail).await {
            tracing::warn!(%error, "a change notification could not be sent");
        }
    }
}

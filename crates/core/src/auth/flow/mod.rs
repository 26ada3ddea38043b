//! The sign-in flow: a small state machine stored in the database (any server process can
//! continue it) holding its intent and the steps still due; when none is left, the session
//! starts, or the change it stands for is handed to the module that owns it (`Outcome::Apply`).
use super::otp::OtpError;
use super::password::PasswordChangeError;
use super::session::{Issued, SessionError};
use crate::linking::{self, LinkingError};
use bailleur_api_types::auth::{Flow, Step};
use bailleur_api_types::{AccountId, FormatError, SessionId};
use bailleur_entity::auth_flow;
use sea_orm::{DatabaseTransaction, DbErr};

mod advancing;
mod code_sending;
mod code_steps;
mod opening;
mod reading;
mod steps_after_code;

pub use super::intent::{BankDetails, Intent, IntentKind};
pub use code_steps::{confirm_email, resend_code, submit_code};
pub use opening::{Asker, open, open_change, open_recovery};
pub use reading::get;
pub use steps_after_code::{accept_terms, accounts, select_account, set_password};

#[derive(Debug, thiserror::Error)]
pub enum FlowError {
    /// Unknown, expired or already finished: the user starts again from the sign-in page.
    #[error("no sign-in flow in progress with this id")]
    NotFound,
    #[error("this step is not due now; the next step is {expected:?}")]
    WrongStep { expected: Step },
    #[error("the email field is invalid: {0}")]
    InvalidEmail(FormatError),
    #[error("the two emails differ")]
    EmailMismatch,
    #[error("the flow's stored state cannot be read: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Password(#[from] PasswordChangeError),
    /// Lists which of the two documents were not accepted.
    #[error("terms not accepted (usage rules: {usage_rules}, terms of use: {terms_of_use})")]
    TermsRefused {
        usage_rules: bool,
        terms_of_use: bool,
    },
    #[error("this account does not share the email of the sign-in")]
    NotInGroup,
    /// R-LINK-2, R-REF-4: the address proven cannot be this account's.
    #[error(transparent)]
    NotShareable(#[from] linking::NotShareable),
    #[error(transparent)]
    Otp(#[from] OtpError),
    #[error(transparent)]
    Session(#[from] SessionError),
    #[error(transparent)]
    Database(#[from] DbErr),
}

impl From<LinkingError> for FlowError {
    fn from(error: LinkingError) -> Self {
        match error {
            LinkingError::NotShareable(refusal) => FlowError::NotShareable(refusal),
            LinkingError::Database(error) => FlowError::Database(error),
        }
    }
}

/// A change whose last step is done, in the open transaction that completed the flow: its owner
/// applies it there and commits (`crate::changes::apply`). Dropped, nothing happened.
#[derive(Debug)]
pub struct Completed {
    pub txn: DatabaseTransaction,
    pub flow_id: i32,
    pub account_id: AccountId,
    pub session_id: Option<SessionId>,
    pub intent: Intent,
}

/// Where a flow stands after a request, everything it did committed.
#[derive(Debug)]
pub enum Progress {
    StepDue(Flow),
    SignedIn(Issued),
    /// A change from Mon profil is done; the session that asked for it goes on.
    Completed,
}

/// What a step returns: settled, or a completed change its owner must still apply
/// (`crate::changes::settle`). Answers are built from `Progress` only, so a route cannot answer
/// a change that was never applied.
#[derive(Debug)]
#[must_use]
pub enum Outcome {
    Settled(Progress),
    Apply(Completed),
}

/// A flow read from its row: the intent and the steps decoded once.
#[derive(Debug, Clone)]
struct Live {
    row: auth_flow::Model,
    intent: Intent,
    due: Vec<Step>,
}

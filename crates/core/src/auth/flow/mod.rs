//! The sign-in flow: a small state machine stored in the database (any server process can
//! continue it) holding the steps still due; when none is left, the session starts.
use super::otp::{self, Holder, OtpError};
use super::password::{self as new_password, PasswordChangeError};
use super::session::{self, Issued, SessionError};
use super::{Auth, steps};
use crate::audit::{self, AuditKind};
use crate::mail::OtpPurpose;
use bailleur_api_types::auth::{AccountPage, Flow, Step};
use bailleur_api_types::{Email, FormatError};
use bailleur_entity::{account, auth_flow, email_address, partner};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, Set, TransactionTrait,
};
use time::OffsetDateTime;

mod codes;
mod later_steps;
mod opening;

pub use codes::{confirm_email, resend_code, submit_code};
pub use later_steps::{accept_terms, accounts, select_account, set_password};
pub use opening::{open, open_change, open_recovery};

pub const SIGN_IN: &str = "sign_in";
/// Mon profil: a new email, behind a code to the current one (R-PROF-2, R-LINK-3, R-LINK-5).
pub const CHANGE_EMAIL: &str = "change_email";
/// Mon profil: a new password, behind a code to the current email (R-PROF-2, R-LINK-4).
pub const CHANGE_PASSWORD: &str = "change_password";
/// Forgotten password: a code, then the new password (R-RESET-2).
pub const RECOVERY: &str = "recovery";
/// New bank details, behind a code to the account's email (R-PROF-3).
pub const CHANGE_BANK_DETAILS: &str = "change_bank_details";

/// What a change flow holds until its steps are done.
#[derive(Debug, Clone)]
pub enum Pending<'a> {
    None,
    /// The new email of an email change.
    Email(&'a Email),
    /// The change itself, as JSON, applied when the flow completes.
    Change(String),
}

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
    #[error("the flow's stored steps cannot be read: {0}")]
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
    #[error(transparent)]
    Profile(#[from] crate::profile::ProfileError),
    #[error(transparent)]
    PartnerData(#[from] crate::partner_data::PartnerDataError),
    #[error(transparent)]
    Otp(#[from] OtpError),
    #[error(transparent)]
    Session(#[from] SessionError),
    #[error(transparent)]
    Database(#[from] DbErr),
}

/// Where a flow stands after a request.
#[derive(Debug, Clone)]
pub enum Progress {
    StepDue(Flow),
    SignedIn(Issued),
    /// A change from Mon profil is done; the session that asked for it goes on.
    Completed,
}

/// Work a step needs on arrival: the `otp` step mails its code.
async fn enter(
    auth: &Auth,
    db: &DatabaseConnection,
    now: OffsetDateTime,
    flow: &auth_flow::Model,
    due: &[Step],
    client_address: Option<&str>,
) -> Result<(), FlowError> {
    if due.first() == Some(&Step::Otp) {
        send_code(auth, db, now, flow, None, client_address).await?;
    }
    Ok(())
}

/// Mails the flow's code to its address, counted on `target` (by default the address's own, a
/// recovery's the one it was opened with); the previous code of the target dies.
async fn send_code(
    auth: &Auth,
    db: &DatabaseConnection,
    now: OffsetDateTime,
    flow: &auth_flow::Model,
    target: Option<&str>,
    client_address: Option<&str>,
) -> Result<(), FlowError> {
    let (email, purpose, own) = code_target(db, flow).await?;
    let target = match (target, flow.purpose.as_str()) {
        (Some(target), _) => target.to_owned(),
        (None, RECOVERY) => otp::target_of(db, Holder::Flow(flow.id))
            .await?
            // Turned into a decoy meanwhile (a password change): gone, as an ended flow is.
            .ok_or(FlowError::NotFound)?,
        (None, _) => otp::address_target(&email, own),
    };
    let recipient = otp::Recipient {
        email: &email,
        purpose,
        account_id: flow.account_id,
        flow: &flow.public_id,
        background: flow.purpose == RECOVERY,
        own,
    };
    otp::send(
        auth,
        db,
        now,
        Holder::Flow(flow.id),
        &target,
        Some(recipient),
        client_address,
    )
    .await?;
    Ok(())
}

/// The address the flow's code goes to: the one being proven (a first connection's, the new
/// one of an email change, R-LINK-3), or the account's; and whether it is the account's own
/// address in a flow its password opened (`otp::address_target`).
async fn code_target(
    db: &impl ConnectionTrait,
    flow: &auth_flow::Model,
) -> Result<(Email, OtpPurpose, bool), FlowError> {
    if let (Some(pending), SIGN_IN | CHANGE_EMAIL) = (&flow.pending_email, flow.purpose.as_str()) {
        let email = Email::parse(pending).map_err(|e| FlowError::Corrupt(e.to_string()))?;
        return Ok((email, OtpPurpose::ConfirmEmail, false));
    }
    let account = account::Entity::find_by_id(flow.account_id)
        .one(db)
        .await?
        .ok_or(FlowError::NotFound)?;
    let address = match account.email_id {
        Some(id) => email_address::Entity::find_by_id(id).one(db).await?,
        None => None,
    }
    .ok_or_else(|| FlowError::Corrupt("an otp step without an email".to_owned()))?;
    let email = Email::parse(&address.address).map_err(|e| FlowError::Corrupt(e.to_string()))?;
    let purpose = match flow.purpose.as_str() {
        SIGN_IN => OtpPurpose::SignIn,
        RECOVERY => OtpPurpose::Recovery,
        CHANGE_BANK_DETAILS => OtpPurpose::BankDetailsChange,
        _ => OtpPurpose::ProfileChange,
    };
    Ok((email, purpose, flow.purpose != RECOVERY))
}

async fn view(
    auth: &Auth,
    db: &impl ConnectionTrait,
    now: OffsetDateTime,
    flow: &auth_flow::Model,
    due: Vec<Step>,
) -> Result<Flow, FlowError> {
    let next_step = *due.first().ok_or(FlowError::NotFound)?;
    let otp = match next_step {
        Step::Otp => otp::status(auth, db, now, Holder::Flow(flow.id))
            .await?
            .map(|mut status| {
                if flow.purpose == RECOVERY {
                    crate::auth::decoy::SENT_TO.clone_into(&mut status.sent_to);
                }
                status
            }),
        _ => None,
    };
    // Nothing about the accounts using an address is told before its code is entered: the
    // password step that shows them only exists after it (R-LINK-3).
    let linking_accounts = match (&flow.pending_email, flow.purpose.as_str()) {
        (Some(pending), CHANGE_EMAIL) if next_step == Step::NewPassword => {
            let others = crate::profile::accounts_using(db, pending, flow.account_id).await?;
            (others > 0).then_some(others)
        }
        (_, SIGN_IN) if next_step == Step::NewPassword => {
            match account::Entity::find_by_id(flow.account_id).one(db).await? {
                Some(account) => crate::profile::group_credential(db, &account)
                    .await?
                    .map(|(_, count)| count),
                None => None,
            }
        }
        _ => None,
    };
    Ok(Flow {
        id: flow.public_id.clone(),
        next_step,
        steps_due: due,
        expires_at: flow.expires_at,
        otp,
        linking_accounts,
    })
}

/// A live flow and its steps due.
async fn load(
    db: &impl ConnectionTrait,
    now: OffsetDateTime,
    public_id: &str,
) -> Result<(auth_flow::Model, Vec<Step>), FlowError> {
    let flow = auth_flow::Entity::find()
        .filter(auth_flow::Column::PublicId.eq(public_id))
        .one(db)
        .await?
        .filter(|flow| flow.completed_at.is_none() && flow.expires_at > now)
        .ok_or(FlowError::NotFound)?;
    let due =
        steps::decode(&flow.steps_due).ok_or_else(|| FlowError::Corrupt(flow.steps_due.clone()))?;
    if due.is_empty() {
        return Err(FlowError::NotFound);
    }
    Ok((flow, due))
}

/// Loads a flow whose next step must be `step`.
async fn at_step(
    db: &impl ConnectionTrait,
    now: OffsetDateTime,
    public_id: &str,
    step: Step,
) -> Result<(auth_flow::Model, Vec<Step>), FlowError> {
    let (flow, due) = match load(db, now, public_id).await {
        // A decoy answers every other step as a real recovery flow waiting for its code does
        // (R-RESET-4); its code steps are its own.
        Err(FlowError::NotFound) if step != Step::Otp => {
            return Err(decoy_or_not_found(db, now, public_id).await?);
        }
        other => other?,
    };
    match due.first() {
        Some(first) if *first == step => Ok((flow, due)),
        Some(first) => Err(FlowError::WrongStep { expected: *first }),
        None => Err(FlowError::NotFound),
    }
}

/// What a step other than the code answers on `public_id` when no live flow has it.
async fn decoy_or_not_found(
    db: &impl ConnectionTrait,
    now: OffsetDateTime,
    public_id: &str,
) -> Result<FlowError, DbErr> {
    Ok(match crate::auth::decoy::find(db, public_id, now).await? {
        Some(_) => FlowError::WrongStep {
            expected: Step::Otp,
        },
        None => FlowError::NotFound,
    })
}

pub async fn get(
    auth: &Auth,
    db: &DatabaseConnection,
    now: OffsetDateTime,
    public_id: &str,
) -> Result<Flow, FlowError> {
    match load(db, now, public_id).await {
        Ok((flow, due)) => view(auth, db, now, &flow, due).await,
        Err(FlowError::NotFound) => match crate::auth::decoy::find(db, public_id, now).await? {
            Some(decoy) => Ok(crate::auth::decoy::view(auth, db, &decoy, now).await?),
            None => Err(FlowError::NotFound),
        },
        Err(error) => Err(error),
    }
}

/// What is left once the current step is done, before work that must follow the commit.
enum Finished {
    Next(auth_flow::Model, Vec<Step>),
    SignedIn(Issued),
    /// A change is applied; these notifications go out once it is committed.
    Done(Vec<crate::mail::OutgoingMail>),
}

/// Removes the first step; when none is left, completes the flow and starts the session, in the
/// caller's transaction.
async fn finish_step(
    auth: &Auth,
    db: &impl ConnectionTrait,
    now: OffsetDateTime,
    flow: auth_flow::Model,
    mut due: Vec<Step>,
    client_address: Option<&str>,
) -> Result<Finished, FlowError> {
    due.remove(0);
    let account_id = flow.account_id;
    let completed_at = due.is_empty().then_some(now);
    // Compare-and-set on the steps read: of two requests finishing the same step at once, one
    // moves the flow on and the other finds it gone (one session, one change).
    let moved = auth_flow::Entity::update_many()
        .col_expr(
            auth_flow::Column::StepsDue,
            Expr::value(steps::encode(&due)),
        )
        .col_expr(auth_flow::Column::CompletedAt, Expr::value(completed_at))
        .filter(auth_flow::Column::Id.eq(flow.id))
        .filter(auth_flow::Column::StepsDue.eq(flow.steps_due.as_str()))
        .filter(auth_flow::Column::CompletedAt.is_null())
        .exec(db)
        .await?
        .rows_affected;
    if moved != 1 {
        return Err(FlowError::NotFound);
    }
    let flow = auth_flow::Model {
        steps_due: steps::encode(&due),
        completed_at,
        ..flow
    };
    // A first connection is over once only the choice of the account to work on is left: the
    // account that opened the flow is active from then on, whichever one of a group is chosen.
    if flow.purpose == SIGN_IN && due.iter().all(|step| *step == Step::SelectAccount) {
        later_steps::activate_if_first_connection(db, now, account_id, client_address).await?;
    }
    if due.is_empty() {
        return match flow.purpose.as_str() {
            SIGN_IN => {
                let issued = session::start(auth, db, now, account_id, client_address).await?;
                Ok(Finished::SignedIn(issued))
            }
            CHANGE_EMAIL => Ok(Finished::Done(
                crate::profile::apply_email_change(db, now, &flow, client_address).await?,
            )),
            CHANGE_BANK_DETAILS => Ok(Finished::Done(
                crate::partner_data::apply_bank_change(db, now, &flow, client_address).await?,
            )),
            _ => Ok(Finished::Done(vec![])),
        };
    }
    Ok(Finished::Next(flow, due))
}

async fn advance_after_commit(
    auth: &Auth,
    db: &DatabaseConnection,
    now: OffsetDateTime,
    finished: Finished,
    client_address: Option<&str>,
) -> Result<Progress, FlowError> {
    match finished {
        Finished::SignedIn(issued) => Ok(Progress::SignedIn(issued)),
        Finished::Done(mails) => {
            for mail in mails {
                // The change is made: a notification that fails is logged, not undone.
                if let Err(error) = auth.mailer.send(mail).await {
                    tracing::warn!(%error, "a change notification could not be sent");
                }
            }
            Ok(Progress::Completed)
        }
        Finished::Next(flow, due) => {
            enter(auth, db, now, &flow, &due, client_address).await?;
            Ok(Progress::StepDue(view(auth, db, now, &flow, due).await?))
        }
    }
}

/// Completes the current step and moves on (for steps whose own writes are already done).
async fn advance(
    auth: &Auth,
    db: &DatabaseConnection,
    now: OffsetDateTime,
    flow: auth_flow::Model,
    due: Vec<Step>,
    client_address: Option<&str>,
) -> Result<Progress, FlowError> {
    let txn = db.begin().await?;
    let finished = finish_step(auth, &txn, now, flow, due, client_address).await?;
    txn.commit().await?;
    advance_after_commit(auth, db, now, finished, client_address).await
}

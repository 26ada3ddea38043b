//! The sign-in flow: a small state machine stored in the database (any server process can
//! continue it) holding its intent and the steps still due; when none is left, the session
//! starts, or the change it stands for is handed to the module that owns it (`Progress::Apply`).
use super::otp::{self, Holder, OtpError};
use super::password::PasswordChangeError;
use super::session::{self, Issued, SessionError};
use super::{Auth, steps};
use crate::linking::{self, LinkingError};
use bailleur_api_types::auth::{Flow, Step};
use bailleur_api_types::{AccountId, Email, FormatError, SessionId};
use bailleur_entity::{account, auth_flow, email_address};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbErr, EntityTrait,
    QueryFilter, TransactionTrait,
};
use time::OffsetDateTime;

mod code_steps;
mod intent;
mod opening;
mod steps_after_code;

pub use code_steps::{confirm_email, resend_code, submit_code};
pub use intent::{BankDetails, Intent};
pub use opening::{Asker, open, open_change, open_recovery};
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

/// Where a flow stands after a request.
#[derive(Debug)]
pub enum Progress {
    StepDue(Flow),
    SignedIn(Issued),
    /// A change from Mon profil is done; the session that asked for it goes on.
    Completed,
    /// A change owned by another module waits to be applied by it.
    Apply(Completed),
}

/// A flow read from its row: the intent and the steps decoded once.
#[derive(Debug, Clone)]
struct Live {
    row: auth_flow::Model,
    intent: Intent,
    due: Vec<Step>,
}

/// Work a step needs on arrival: the `otp` step mails its code.
async fn enter(
    auth: &Auth,
    db: &DatabaseConnection,
    now: OffsetDateTime,
    flow: &Live,
    client_address: Option<&str>,
) -> Result<(), FlowError> {
    if flow.due.first() == Some(&Step::Otp) {
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
    flow: &Live,
    target: Option<&str>,
    client_address: Option<&str>,
) -> Result<(), FlowError> {
    let email = code_address(db, flow).await?;
    // The account's own address in a flow its password opened (`otp::address_target`).
    let own = flow.intent.address_proven().is_none() && !flow.intent.is_recovery();
    let target = match target {
        Some(target) => target.to_owned(),
        None if flow.intent.is_recovery() => otp::target_of(db, Holder::Flow(flow.row.id))
            .await?
            // Turned into a decoy meanwhile (a password change): gone, as an ended flow is.
            .ok_or(FlowError::NotFound)?,
        None => otp::address_target(&email, own),
    };
    let recipient = otp::Recipient {
        email: &email,
        purpose: flow.intent.code_purpose(),
        account_id: flow.row.account_id,
        flow: &flow.row.public_id,
        background: flow.intent.is_recovery(),
        own,
    };
    otp::send(
        auth,
        db,
        now,
        Holder::Flow(flow.row.id),
        &target,
        Some(recipient),
        client_address,
    )
    .await?;
    Ok(())
}

/// The address the flow's code goes to: the one being proven (a first connection's, the new
/// one of an email change, R-LINK-3), or the account's.
async fn code_address(db: &impl ConnectionTrait, flow: &Live) -> Result<Email, FlowError> {
    if let Some(proven) = flow.intent.address_proven() {
        return Ok(proven.clone());
    }
    let address = account::Entity::find_by_id(flow.row.account_id)
        .find_also_related(email_address::Entity)
        .one(db)
        .await?
        .ok_or(FlowError::NotFound)?
        .1
        .ok_or_else(|| FlowError::Corrupt("an otp step without an email".to_owned()))?;
    Email::parse(&address.address).map_err(|e| FlowError::Corrupt(e.to_string()))
}

async fn view(
    auth: &Auth,
    db: &impl ConnectionTrait,
    now: OffsetDateTime,
    flow: &Live,
) -> Result<Flow, FlowError> {
    let next_step = *flow.due.first().ok_or(FlowError::NotFound)?;
    let otp = match next_step {
        Step::Otp => otp::status(auth, db, now, Holder::Flow(flow.row.id))
            .await?
            .map(|mut status| {
                if flow.intent.is_recovery() {
                    crate::auth::decoy::SENT_TO.clone_into(&mut status.sent_to);
                }
                status
            }),
        _ => None,
    };
    // Nothing about the accounts using an address is told before its code is entered: the
    // password step that shows them only exists after it (R-LINK-3).
    let linking_accounts = match &flow.intent {
        _ if next_step != Step::NewPassword => None,
        Intent::ChangeEmail { new, .. } => {
            let others = linking::others_using(db, new.as_str(), flow.row.account_id).await?;
            (others > 0).then_some(others)
        }
        Intent::SignIn { .. } => {
            match account::Entity::find_by_id(flow.row.account_id)
                .one(db)
                .await?
            {
                Some(account) => linking::group_to_join(db, &account)
                    .await?
                    .map(|(_, count)| count),
                None => None,
            }
        }
        Intent::Recovery | Intent::ChangePassword | Intent::ChangeBankDetails(_) => None,
    };
    Ok(Flow {
        id: flow.row.public_id.clone(),
        next_step,
        steps_due: flow.due.clone(),
        expires_at: flow.row.expires_at,
        otp,
        linking_accounts,
    })
}

/// A live flow, its intent and its steps due.
async fn load(
    db: &impl ConnectionTrait,
    now: OffsetDateTime,
    public_id: &str,
) -> Result<Live, FlowError> {
    let row = auth_flow::Entity::find()
        .filter(auth_flow::Column::PublicId.eq(public_id))
        .one(db)
        .await?
        .filter(|flow| flow.completed_at.is_none() && flow.expires_at > now)
        .ok_or(FlowError::NotFound)?;
    let due =
        steps::decode(&row.steps_due).ok_or_else(|| FlowError::Corrupt(row.steps_due.clone()))?;
    let intent =
        Intent::decode(&row.intent).ok_or_else(|| FlowError::Corrupt(row.intent.clone()))?;
    if due.is_empty() {
        return Err(FlowError::NotFound);
    }
    Ok(Live { row, intent, due })
}

/// Loads a flow whose next step must be `step`.
async fn at_step(
    db: &impl ConnectionTrait,
    now: OffsetDateTime,
    public_id: &str,
    step: Step,
) -> Result<Live, FlowError> {
    let flow = match load(db, now, public_id).await {
        // A decoy answers every other step as a real recovery flow waiting for its code does
        // (R-RESET-4); its code steps are its own.
        Err(FlowError::NotFound) if step != Step::Otp => {
            return Err(decoy_or_not_found(db, now, public_id).await?);
        }
        other => other?,
    };
    match flow.due.first() {
        Some(first) if *first == step => Ok(flow),
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
        Ok(flow) => view(auth, db, now, &flow).await,
        Err(FlowError::NotFound) => match crate::auth::decoy::find(db, public_id, now).await? {
            Some(decoy) => Ok(crate::auth::decoy::view(auth, db, &decoy, now).await?),
            None => Err(FlowError::NotFound),
        },
        Err(error) => Err(error),
    }
}

/// What is left once the current step is done, before work that must follow the commit.
enum Finished {
    Next(Live),
    SignedIn(Issued),
    /// The flow's own work is done (a password changed or recovered).
    Done,
    /// The change of another module is due, in this transaction.
    Apply(Live),
}

/// Stores the flow's intent as it now stands (a step added what it carries).
async fn store_intent(db: &impl ConnectionTrait, flow: &Live) -> Result<(), DbErr> {
    auth_flow::Entity::update_many()
        .col_expr(auth_flow::Column::Intent, Expr::value(flow.intent.encode()))
        .filter(auth_flow::Column::Id.eq(flow.row.id))
        .exec(db)
        .await
        .map(|_| ())
}

/// Removes the first step; when none is left, completes the flow and starts the session, in the
/// caller's transaction.
async fn finish_step(
    auth: &Auth,
    db: &impl ConnectionTrait,
    now: OffsetDateTime,
    mut flow: Live,
    client_address: Option<&str>,
) -> Result<Finished, FlowError> {
    flow.due.remove(0);
    let account_id = flow.row.account_id;
    let completed_at = flow.due.is_empty().then_some(now);
    let steps_due = steps::encode(&flow.due);
    // Compare-and-set on the steps read: of two requests finishing the same step at once, one
    // moves the flow on and the other finds it gone (one session, one change).
    let moved = auth_flow::Entity::update_many()
        .col_expr(auth_flow::Column::StepsDue, Expr::value(steps_due.clone()))
        .col_expr(auth_flow::Column::CompletedAt, Expr::value(completed_at))
        .filter(auth_flow::Column::Id.eq(flow.row.id))
        .filter(auth_flow::Column::StepsDue.eq(flow.row.steps_due.as_str()))
        .filter(auth_flow::Column::CompletedAt.is_null())
        .exec(db)
        .await?
        .rows_affected;
    if moved != 1 {
        return Err(FlowError::NotFound);
    }
    flow.row.steps_due = steps_due;
    flow.row.completed_at = completed_at;
    // A first connection is over once only the choice of the account to work on is left: the
    // account that opened the flow is active from then on, whichever one of a group is chosen.
    if flow.intent.signs_in() && flow.due.iter().all(|step| *step == Step::SelectAccount) {
        steps_after_code::activate_if_first_connection(db, now, account_id, client_address).await?;
    }
    if !flow.due.is_empty() {
        return Ok(Finished::Next(flow));
    }
    Ok(match flow.intent {
        Intent::SignIn { .. } => {
            Finished::SignedIn(session::start(auth, db, now, account_id, client_address).await?)
        }
        Intent::Recovery | Intent::ChangePassword => Finished::Done,
        Intent::ChangeEmail { .. } | Intent::ChangeBankDetails(_) => Finished::Apply(flow),
    })
}

/// Commits the step's transaction, or hands it over with the change it must carry, then does
/// what follows.
async fn conclude(
    auth: &Auth,
    db: &DatabaseConnection,
    txn: DatabaseTransaction,
    now: OffsetDateTime,
    finished: Finished,
    client_address: Option<&str>,
) -> Result<Progress, FlowError> {
    if let Finished::Apply(flow) = finished {
        return Ok(Progress::Apply(Completed {
            txn,
            flow_id: flow.row.id,
            account_id: flow.row.account_id,
            session_id: flow.row.session_id,
            intent: flow.intent,
        }));
    }
    txn.commit().await?;
    match finished {
        Finished::SignedIn(issued) => Ok(Progress::SignedIn(issued)),
        Finished::Done | Finished::Apply(_) => Ok(Progress::Completed),
        Finished::Next(flow) => {
            enter(auth, db, now, &flow, client_address).await?;
            Ok(Progress::StepDue(view(auth, db, now, &flow).await?))
        }
    }
}

/// Completes the current step and moves on (for steps whose own writes are already done).
async fn advance(
    auth: &Auth,
    db: &DatabaseConnection,
    now: OffsetDateTime,
    flow: Live,
    client_address: Option<&str>,
) -> Result<Progress, FlowError> {
    let txn = db.begin().await?;
    let finished = finish_step(auth, &txn, now, flow, client_address).await?;
    conclude(auth, db, txn, now, finished, client_address).await
}

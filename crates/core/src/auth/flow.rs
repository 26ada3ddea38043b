//! The sign-in flow: a small state machine stored in the database (any server process can
//! continue it) holding the steps still due; when none is left, the session starts.
use super::otp::{self, OtpError};
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

pub const SIGN_IN: &str = "sign_in";
/// Mon profil: a new email, behind a code to the current one (R-PROF-2, R-LINK-3, R-LINK-5).
pub const CHANGE_EMAIL: &str = "change_email";
/// Mon profil: a new password, behind a code to the current email (R-PROF-2, R-LINK-4).
pub const CHANGE_PASSWORD: &str = "change_password";
/// Forgotten password: a code, then the new password (R-RESET-2).
pub const RECOVERY: &str = "recovery";

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
    #[error("the email is used by another account")]
    EmailTaken,
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

/// Opens a flow for `account` with `due` steps, or the session at once when none is due.
pub async fn open(
    auth: &Auth,
    db: &DatabaseConnection,
    now: OffsetDateTime,
    account: &account::Model,
    due: Vec<Step>,
    client_address: Option<&str>,
) -> Result<Progress, FlowError> {
    if due.is_empty() {
        let txn = db.begin().await?;
        let issued = session::start(auth, &txn, now, account.id, client_address).await?;
        txn.commit().await?;
        return Ok(Progress::SignedIn(issued));
    }
    let flow = create(auth, db, now, account.id, SIGN_IN, &due, None, None).await?;
    enter(auth, db, now, &flow, &due, client_address).await?;
    Ok(Progress::StepDue(view(auth, db, now, &flow, due).await?))
}

/// Starts a flow from a session (Mon profil): its steps, then the change.
#[allow(clippy::too_many_arguments)]
pub async fn open_change(
    auth: &Auth,
    db: &DatabaseConnection,
    now: OffsetDateTime,
    account_id: i32,
    purpose: &str,
    due: Vec<Step>,
    pending_email: Option<&Email>,
    session_id: i32,
    client_address: Option<&str>,
) -> Result<Flow, FlowError> {
    let flow = create(
        auth,
        db,
        now,
        account_id,
        purpose,
        &due,
        pending_email,
        Some(session_id),
    )
    .await?;
    enter(auth, db, now, &flow, &due, client_address).await?;
    view(auth, db, now, &flow, due).await
}

/// R-RESET-2: a recovery flow. A code that cannot go out (too many this hour, relay down) is
/// logged, not told: the answer must not differ from a decoy's.
pub async fn open_recovery(
    auth: &Auth,
    db: &DatabaseConnection,
    now: OffsetDateTime,
    account: &account::Model,
    client_address: Option<&str>,
) -> Result<Flow, FlowError> {
    let due = super::decoy::STEPS.to_vec();
    let flow = create(auth, db, now, account.id, RECOVERY, &due, None, None).await?;
    match enter(auth, db, now, &flow, &due, client_address).await {
        Ok(()) => {}
        Err(FlowError::Otp(error @ (OtpError::TooManySends { .. } | OtpError::Mail(_)))) => {
            tracing::warn!(%error, "a recovery code was not sent");
        }
        Err(error) => return Err(error),
    }
    view(auth, db, now, &flow, due).await
}

#[allow(clippy::too_many_arguments)]
async fn create(
    auth: &Auth,
    db: &impl ConnectionTrait,
    now: OffsetDateTime,
    account_id: i32,
    purpose: &str,
    due: &[Step],
    pending_email: Option<&Email>,
    session_id: Option<i32>,
) -> Result<auth_flow::Model, DbErr> {
    auth_flow::ActiveModel {
        public_id: Set(uuid::Uuid::new_v4().to_string()),
        purpose: Set(purpose.to_owned()),
        account_id: Set(account_id),
        steps_due: Set(steps::encode(due)),
        pending_email: Set(pending_email.map(|email| email.as_str().to_owned())),
        created_at: Set(now),
        expires_at: Set(now + auth.settings.flow_lifetime),
        completed_at: Set(None),
        session_id: Set(session_id),
        pending_password_hash: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
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
        let (email, purpose) = code_target(db, flow).await?;
        otp::send(auth, db, now, flow, &email, purpose, client_address).await?;
    }
    Ok(())
}

/// The address the flow's code goes to: the one being confirmed, or the account's.
async fn code_target(
    db: &impl ConnectionTrait,
    flow: &auth_flow::Model,
) -> Result<(Email, OtpPurpose), FlowError> {
    if let (Some(pending), SIGN_IN) = (&flow.pending_email, flow.purpose.as_str()) {
        let email = Email::parse(pending).map_err(|e| FlowError::Corrupt(e.to_string()))?;
        return Ok((email, OtpPurpose::ConfirmEmail));
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
        _ => OtpPurpose::ProfileChange,
    };
    Ok((email, purpose))
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
        Step::Otp => otp::status(auth, db, now, flow.id)
            .await?
            .map(|mut status| {
                if flow.purpose == RECOVERY {
                    super::decoy::SENT_TO.clone_into(&mut status.sent_to);
                }
                status
            }),
        _ => None,
    };
    let linking_accounts = match (&flow.pending_email, flow.purpose.as_str()) {
        (Some(pending), CHANGE_EMAIL) => {
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
    let (flow, due) = load(db, now, public_id).await?;
    match due.first() {
        Some(first) if *first == step => Ok((flow, due)),
        Some(first) => Err(FlowError::WrongStep { expected: *first }),
        None => Err(FlowError::NotFound),
    }
}

pub async fn get(
    auth: &Auth,
    db: &DatabaseConnection,
    now: OffsetDateTime,
    public_id: &str,
) -> Result<Flow, FlowError> {
    match load(db, now, public_id).await {
        Ok((flow, due)) => view(auth, db, now, &flow, due).await,
        Err(FlowError::NotFound) => match super::decoy::find(db, public_id, now).await? {
            Some(decoy) => Ok(super::decoy::view(auth, &decoy, now)),
            None => Err(FlowError::NotFound),
        },
        Err(error) => Err(error),
    }
}

/// R-AUTH-4: the email and its confirmation; a code then goes to that address.
pub async fn confirm_email(
    auth: &Auth,
    db: &DatabaseConnection,
    now: OffsetDateTime,
    public_id: &str,
    email: &str,
    confirmation: &str,
    client_address: Option<&str>,
) -> Result<Progress, FlowError> {
    let (flow, due) = at_step(db, now, public_id, Step::ConfirmEmail).await?;
    let email = Email::parse(email).map_err(FlowError::InvalidEmail)?;
    if Email::parse(confirmation).ok().as_ref() != Some(&email) {
        return Err(FlowError::EmailMismatch);
    }
    if used_by_another_account(db, &email, flow.account_id).await? {
        return Err(FlowError::EmailTaken);
    }
    let mut pending: auth_flow::ActiveModel = flow.into();
    pending.pending_email = Set(Some(email.into()));
    let flow = pending.update(db).await?;
    advance(auth, db, now, flow, due, client_address).await
}

async fn used_by_another_account(
    db: &impl ConnectionTrait,
    email: &Email,
    account_id: i32,
) -> Result<bool, DbErr> {
    let Some(address) = email_address::Entity::find()
        .filter(email_address::Column::Address.eq(email.as_str()))
        .one(db)
        .await?
    else {
        return Ok(false);
    };
    let other = account::Entity::find()
        .filter(account::Column::EmailId.eq(address.id))
        .filter(account::Column::Id.ne(account_id))
        .one(db)
        .await?;
    Ok(other.is_some())
}

/// R-OTP-1: the code mailed for this flow.
pub async fn submit_code(
    auth: &Auth,
    db: &DatabaseConnection,
    now: OffsetDateTime,
    public_id: &str,
    code: &str,
    client_address: Option<&str>,
) -> Result<Progress, FlowError> {
    let (flow, due) = match at_step(db, now, public_id, Step::Otp).await {
        Err(FlowError::NotFound) => match super::decoy::find(db, public_id, now).await? {
            Some(decoy) => {
                return Err(super::decoy::submit(auth, db, now, decoy, code)
                    .await
                    .err()
                    .map_or(FlowError::NotFound, FlowError::Otp));
            }
            None => return Err(FlowError::NotFound),
        },
        other => other?,
    };
    // Outside a transaction: a wrong try must be counted even though the request fails.
    let email = otp::verify(auth, db, now, &flow, code, client_address).await?;
    let txn = db.begin().await?;
    let address_id = validated_address(&txn, &email, now).await?;
    if flow.pending_email.is_some() && flow.purpose == SIGN_IN {
        account::Entity::update_many()
            .col_expr(account::Column::EmailId, Expr::value(address_id))
            .filter(account::Column::Id.eq(flow.account_id))
            .exec(&txn)
            .await?;
        audit::record(
            &txn,
            now,
            AuditKind::EmailConfirmed,
            Some(flow.account_id),
            client_address,
            serde_json::json!({ "to": otp::mask(email.as_str()) }),
        )
        .await?;
    }
    let progress = finish_step(auth, &txn, now, flow, due, client_address).await?;
    txn.commit().await?;
    advance_after_commit(auth, db, now, progress, client_address).await
}

/// Records that `email` was just proven, creating its row if it is new.
async fn validated_address(
    db: &impl ConnectionTrait,
    email: &Email,
    now: OffsetDateTime,
) -> Result<i32, DbErr> {
    let existing = email_address::Entity::find()
        .filter(email_address::Column::Address.eq(email.as_str()))
        .one(db)
        .await?;
    let row = match existing {
        Some(row) => {
            let mut row: email_address::ActiveModel = row.into();
            row.last_otp_validated_at = Set(Some(now));
            row.update(db).await?
        }
        None => {
            email_address::ActiveModel {
                address: Set(email.as_str().to_owned()),
                last_otp_validated_at: Set(Some(now)),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?
        }
    };
    Ok(row.id)
}

/// A new code for the current `otp` step (the previous one dies).
pub async fn resend_code(
    auth: &Auth,
    db: &DatabaseConnection,
    now: OffsetDateTime,
    public_id: &str,
    client_address: Option<&str>,
) -> Result<Flow, FlowError> {
    let (flow, due) = match at_step(db, now, public_id, Step::Otp).await {
        Err(FlowError::NotFound) => match super::decoy::find(db, public_id, now).await? {
            Some(decoy) => return Ok(super::decoy::resend(auth, db, now, decoy).await?),
            None => return Err(FlowError::NotFound),
        },
        other => other?,
    };
    let (email, purpose) = code_target(db, &flow).await?;
    otp::send(auth, db, now, &flow, &email, purpose, client_address).await?;
    view(auth, db, now, &flow, due).await
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
    let mut row: auth_flow::ActiveModel = flow.into();
    row.steps_due = Set(steps::encode(&due));
    if due.is_empty() {
        row.completed_at = Set(Some(now));
        let flow = row.update(db).await?;
        return match flow.purpose.as_str() {
            SIGN_IN => {
                activate_if_first_connection(db, now, account_id, client_address).await?;
                let issued = session::start(auth, db, now, account_id, client_address).await?;
                Ok(Finished::SignedIn(issued))
            }
            CHANGE_EMAIL => Ok(Finished::Done(
                crate::profile::apply_email_change(db, now, &flow, client_address).await?,
            )),
            _ => Ok(Finished::Done(vec![])),
        };
    }
    Ok(Finished::Next(row.update(db).await?, due))
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

/// R-AUTH-5: the first connection is over. The first user of a moral partner to complete it
/// becomes the partner's administrator.
async fn activate_if_first_connection(
    db: &impl ConnectionTrait,
    now: OffsetDateTime,
    account_id: i32,
    client_address: Option<&str>,
) -> Result<(), FlowError> {
    let account = account::Entity::find_by_id(account_id)
        .one(db)
        .await?
        .ok_or(FlowError::NotFound)?;
    if account.status != "pending_first_connection" {
        return Ok(());
    }
    let partner = partner::Entity::find_by_id(account.partner_id)
        .one(db)
        .await?
        .ok_or(FlowError::NotFound)?;
    let has_administrator = account::Entity::find()
        .filter(account::Column::PartnerId.eq(partner.id))
        .filter(account::Column::Role.eq("administrator"))
        .filter(account::Column::Status.eq("active"))
        .one(db)
        .await?
        .is_some();
    let becomes_administrator = partner.kind == "moral" && !has_administrator;
    let mut row: account::ActiveModel = account.into();
    row.status = Set("active".to_owned());
    if becomes_administrator {
        row.role = Set("administrator".to_owned());
    }
    row.update(db).await?;
    if becomes_administrator {
        audit::record(
            db,
            now,
            AuditKind::BecameAdministrator,
            Some(account_id),
            client_address,
            serde_json::json!({ "partner": partner.id }),
        )
        .await?;
    }
    Ok(())
}

/// R-AUTH-5, R-AUTH-6: replaces the provisional password.
pub async fn set_password(
    auth: &Auth,
    db: &DatabaseConnection,
    now: OffsetDateTime,
    public_id: &str,
    password: &str,
    confirmation: &str,
    client_address: Option<&str>,
) -> Result<Progress, FlowError> {
    let (flow, due) = match at_step(db, now, public_id, Step::NewPassword).await {
        Err(FlowError::NotFound) if super::decoy::find(db, public_id, now).await?.is_some() => {
            return Err(FlowError::WrongStep {
                expected: Step::Otp,
            });
        }
        other => other?,
    };
    let hash = new_password::prepare(&auth.passwords, password, confirmation).await?;
    let account = account::Entity::find_by_id(flow.account_id)
        .one(db)
        .await?
        .ok_or(FlowError::NotFound)?;
    let txn = db.begin().await?;
    let flow = if flow.purpose == CHANGE_EMAIL {
        // The common password of a linking waits for the linking itself (R-LINK-3).
        let mut row: auth_flow::ActiveModel = flow.into();
        row.pending_password_hash = Set(Some(hash));
        row.update(&txn).await?
    } else if let Some((group, _)) = match flow.purpose.as_str() {
        SIGN_IN => crate::profile::group_credential(&txn, &account).await?,
        _ => None,
    } {
        // A first connection on an email other accounts use: the password chosen becomes the
        // common one and the account joins their credential (R-LINK-3, R-LINK-4).
        new_password::store(&txn, now, group, hash, None).await?;
        let own = account.credential_id;
        let mut row: account::ActiveModel = account.clone().into();
        row.credential_id = Set(group);
        row.update(&txn).await?;
        bailleur_entity::credential::Entity::delete_by_id(own)
            .exec(&txn)
            .await?;
        audit::record(
            &txn,
            now,
            AuditKind::AccountLinked,
            Some(account.id),
            client_address,
            serde_json::json!({ "reason": "first_connection" }),
        )
        .await?;
        flow
    } else {
        new_password::store(&txn, now, account.credential_id, hash, flow.session_id).await?;
        audit::record(
            &txn,
            now,
            AuditKind::PasswordChanged,
            Some(account.id),
            client_address,
            serde_json::json!({ "reason": flow.purpose }),
        )
        .await?;
        flow
    };
    let finished = finish_step(auth, &txn, now, flow, due, client_address).await?;
    txn.commit().await?;
    advance_after_commit(auth, db, now, finished, client_address).await
}

/// R-AUTH-5: the usage rules and the terms of use, both accepted.
pub async fn accept_terms(
    auth: &Auth,
    db: &DatabaseConnection,
    now: OffsetDateTime,
    public_id: &str,
    usage_rules: bool,
    terms_of_use: bool,
    client_address: Option<&str>,
) -> Result<Progress, FlowError> {
    let (flow, due) = at_step(db, now, public_id, Step::AcceptTerms).await?;
    if !(usage_rules && terms_of_use) {
        return Err(FlowError::TermsRefused {
            usage_rules,
            terms_of_use,
        });
    }
    let txn = db.begin().await?;
    if !super::terms::all_accepted(&txn, flow.account_id).await? {
        super::terms::accept_all(&txn, flow.account_id, now).await?;
    }
    audit::record(
        &txn,
        now,
        AuditKind::TermsAccepted,
        Some(flow.account_id),
        client_address,
        serde_json::json!({ "versions": super::terms::DOCUMENTS }),
    )
    .await?;
    let finished = finish_step(auth, &txn, now, flow, due, client_address).await?;
    txn.commit().await?;
    advance_after_commit(auth, db, now, finished, client_address).await
}

/// The email row of the flow's account (the group to choose from).
async fn group_of(db: &impl ConnectionTrait, flow: &auth_flow::Model) -> Result<i32, FlowError> {
    account::Entity::find_by_id(flow.account_id)
        .one(db)
        .await?
        .and_then(|account| account.email_id)
        .ok_or(FlowError::NotFound)
}

/// R-AUTH-2: the accounts sharing the email, searchable and paginated.
pub async fn accounts(
    db: &DatabaseConnection,
    now: OffsetDateTime,
    public_id: &str,
    query: Option<&str>,
    page: u64,
) -> Result<AccountPage, FlowError> {
    let (flow, due) = load(db, now, public_id).await?;
    if flow.purpose == CHANGE_EMAIL {
        let pending = flow.pending_email.as_deref().unwrap_or_default();
        let email_id = email_address::Entity::find()
            .filter(email_address::Column::Address.eq(pending))
            .one(db)
            .await?
            .map(|row| row.id);
        return match email_id {
            Some(id) => Ok(crate::accounts::group_page(db, id, query, page).await?),
            None => Err(FlowError::NotFound),
        };
    }
    if due.first() != Some(&Step::SelectAccount) {
        return Err(FlowError::WrongStep {
            expected: due.first().copied().unwrap_or(Step::SelectAccount),
        });
    }
    let email_id = group_of(db, &flow).await?;
    Ok(crate::accounts::group_page(db, email_id, query, page).await?)
}

/// R-AUTH-2: the session starts on the chosen account of the group.
pub async fn select_account(
    auth: &Auth,
    db: &DatabaseConnection,
    now: OffsetDateTime,
    public_id: &str,
    account_id: i32,
    client_address: Option<&str>,
) -> Result<Progress, FlowError> {
    let (flow, due) = at_step(db, now, public_id, Step::SelectAccount).await?;
    let email_id = group_of(db, &flow).await?;
    let chosen = account::Entity::find_by_id(account_id)
        .one(db)
        .await?
        .filter(|account| account.email_id == Some(email_id) && account.status != "disabled")
        .ok_or(FlowError::NotInGroup)?;
    let txn = db.begin().await?;
    let mut row: auth_flow::ActiveModel = flow.into();
    row.account_id = Set(chosen.id);
    let flow = row.update(&txn).await?;
    audit::record(
        &txn,
        now,
        AuditKind::AccountSelected,
        Some(chosen.id),
        client_address,
        serde_json::json!({ "flow": flow.public_id }),
    )
    .await?;
    let finished = finish_step(auth, &txn, now, flow, due, client_address).await?;
    txn.commit().await?;
    advance_after_commit(auth, db, now, finished, client_address).await
}

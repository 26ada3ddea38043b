//! Opening a flow: a sign-in, a change asked from Mon profil, a password recovery. The row is
//! written, the first step entered (its code mailed), and the flow shown to the caller.
use super::{FlowError, Pending, Progress, RECOVERY, SIGN_IN, enter, send_code, view};
use crate::auth::otp::OtpError;
use crate::auth::session;
use crate::auth::{Auth, steps};
use bailleur_api_types::auth::{Flow, Step};
use bailleur_entity::{account, auth_flow};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, Set,
    TransactionTrait,
};
use time::OffsetDateTime;

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
    let flow = create(
        auth,
        db,
        now,
        account.id,
        SIGN_IN,
        &due,
        Pending::None,
        None,
    )
    .await?;
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
    pending: Pending<'_>,
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
        pending,
        Some(session_id),
    )
    .await?;
    enter(auth, db, now, &flow, &due, client_address).await?;
    view(auth, db, now, &flow, due).await
}

/// R-RESET-2: a recovery flow, its codes counted on `target` (the login typed, as a decoy's). A
/// code that cannot go out (too many this hour) is logged, not told (R-RESET-4): the flow
/// becomes a decoy on the same target, whose answers are those of a flow whose code the caller
/// does not have.
pub async fn open_recovery(
    auth: &Auth,
    db: &DatabaseConnection,
    now: OffsetDateTime,
    account: &account::Model,
    target: &str,
    client_address: Option<&str>,
) -> Result<Flow, FlowError> {
    let due = crate::auth::decoy::STEPS.to_vec();
    let flow = create(
        auth,
        db,
        now,
        account.id,
        RECOVERY,
        &due,
        Pending::None,
        None,
    )
    .await?;
    match send_code(auth, db, now, &flow, Some(target), client_address).await {
        Ok(()) => view(auth, db, now, &flow, due).await,
        Err(FlowError::Otp(error @ OtpError::TooManySends { .. })) => {
            tracing::warn!(%error, "a recovery code was not sent");
            auth_flow::Entity::delete_by_id(flow.id).exec(db).await?;
            Ok(crate::auth::decoy::create(auth, db, now, target).await?)
        }
        Err(error) => Err(error),
    }
}

#[allow(clippy::too_many_arguments)]
async fn create(
    auth: &Auth,
    db: &impl ConnectionTrait,
    now: OffsetDateTime,
    account_id: i32,
    purpose: &str,
    due: &[Step],
    pending: Pending<'_>,
    session_id: Option<i32>,
) -> Result<auth_flow::Model, DbErr> {
    let (pending_email, pending_change) = match pending {
        Pending::None => (None, None),
        Pending::Email(email) => (Some(email.as_str().to_owned()), None),
        Pending::Change(change) => (None, Some(change)),
    };
    auth_flow::ActiveModel {
        public_id: Set(uuid::Uuid::new_v4().to_string()),
        purpose: Set(purpose.to_owned()),
        account_id: Set(account_id),
        steps_due: Set(steps::encode(due)),
        pending_email: Set(pending_email),
        created_at: Set(now),
        expires_at: Set(now + auth.settings.flow_lifetime),
        completed_at: Set(None),
        session_id: Set(session_id),
        pending_password_hash: Set(None),
        pending_change: Set(pending_change),
        ..Default::default()
    }
    .insert(db)
    .await
}

//! Opening a flow: a sign-in, a change asked from Mon profil, a password recovery. The row is
//! written, the first step entered (its code mailed), and the flow shown to the caller.
use super::code_sending::{enter, send_code};
use super::reading::view;
use super::{FlowError, Intent, Live, Progress};
use crate::auth::otp::OtpError;
use crate::auth::session;
use crate::auth::{Auth, steps};
use bailleur_api_types::auth::{Flow, Step};
use bailleur_api_types::{AccountId, SessionId};
use bailleur_entity::{account, auth_flow};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, Set,
    TransactionTrait,
};
use time::OffsetDateTime;

/// Opens a sign-in flow for `account` with `due` steps, or the session at once when none is due.
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
    let intent = Intent::SignIn { new_email: None };
    let flow = create(auth, db, now, account.id, intent, due, None).await?;
    enter(auth, db, now, &flow, client_address).await?;
    Ok(Progress::StepDue(view(auth, db, now, &flow).await?))
}

/// Who asks for a change from a session (Mon profil).
#[derive(Debug, Clone, Copy)]
pub struct Asker {
    pub account_id: AccountId,
    pub session_id: SessionId,
}

/// Starts a flow from a session (Mon profil): its steps, then the change.
pub async fn open_change(
    auth: &Auth,
    db: &DatabaseConnection,
    now: OffsetDateTime,
    asker: Asker,
    intent: Intent,
    due: Vec<Step>,
    client_address: Option<&str>,
) -> Result<Flow, FlowError> {
    let flow = create(
        auth,
        db,
        now,
        asker.account_id,
        intent,
        due,
        Some(asker.session_id),
    )
    .await?;
    enter(auth, db, now, &flow, client_address).await?;
    view(auth, db, now, &flow).await
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
    let flow = create(auth, db, now, account.id, Intent::Recovery, due, None).await?;
    match send_code(auth, db, now, &flow, Some(target), client_address).await {
        Ok(()) => view(auth, db, now, &flow).await,
        Err(FlowError::Otp(error @ OtpError::TooManySends { .. })) => {
            tracing::warn!(%error, "a recovery code was not sent");
            auth_flow::Entity::delete_by_id(flow.row.id)
                .exec(db)
                .await?;
            Ok(crate::auth::decoy::create(auth, db, now, target).await?)
        }
        Err(error) => Err(error),
    }
}

async fn create(
    auth: &Auth,
    db: &impl ConnectionTrait,
    now: OffsetDateTime,
    account_id: AccountId,
    intent: Intent,
    due: Vec<Step>,
    session_id: Option<SessionId>,
) -> Result<Live, DbErr> {
    let row = auth_flow::ActiveModel {
        public_id: Set(crate::random::uuid().to_string()),
        intent: Set(intent.encode()),
        account_id: Set(account_id),
        steps_due: Set(steps::encode(&due)),
        created_at: Set(now),
        expires_at: Set(now + auth.settings.flow_lifetime),
        completed_at: Set(None),
        session_id: Set(session_id),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(Live { row, intent, due })
}

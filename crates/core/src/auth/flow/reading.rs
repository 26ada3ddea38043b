//! Reading a flow: its row decoded once, checked against the step asked, shown to the client.
use super::{FlowError, Intent, Live};
use crate::auth::otp::{self, Holder};
use crate::auth::session::SessionError;
use crate::auth::{Auth, steps};
use crate::linking;
use bailleur_api_types::UserStatus;
use bailleur_api_types::auth::{Flow, Step};
use bailleur_entity::{account, auth_flow, auth_session};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter,
};
use time::OffsetDateTime;

pub(super) async fn view(
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
pub(super) async fn load(
    db: &impl ConnectionTrait,
    now: OffsetDateTime,
    public_id: &str,
) -> Result<Live, FlowError> {
    let (row, account) = auth_flow::Entity::find()
        .filter(auth_flow::Column::PublicId.eq(public_id))
        .find_also_related(account::Entity)
        .one(db)
        .await?
        .filter(|(flow, _)| flow.completed_at.is_none() && flow.expires_at > now)
        .ok_or(FlowError::NotFound)?;
    let due =
        steps::decode(&row.steps_due).ok_or_else(|| FlowError::Corrupt(row.steps_due.clone()))?;
    let intent = Intent::decode(&row.intent)
        // Not the stored text: it may hold a password hash or an IBAN, and errors are logged.
        .ok_or_else(|| FlowError::Corrupt(format!("the intent of flow {}", row.id)))?;
    // A flow goes no further once its account is disabled, nor a change once the session that
    // asked for it has ended (signed out, revoked): both are refused as that session would be.
    // A recovery goes on, as a decoy would (R-RESET-4): it opens no session.
    let Some(account) = account else {
        return Err(FlowError::NotFound);
    };
    if account.status == UserStatus::Disabled && !intent.is_recovery() {
        return Err(SessionError::Unauthenticated.into());
    }
    if let Some(session_id) = row.session_id {
        let live = auth_session::Entity::find_by_id(session_id)
            .filter(auth_session::Column::RevokedAt.is_null())
            .filter(auth_session::Column::AbsoluteExpiresAt.gt(now))
            .count(db)
            .await?;
        if live == 0 {
            return Err(SessionError::Unauthenticated.into());
        }
    }
    if due.is_empty() {
        return Err(FlowError::NotFound);
    }
    Ok(Live { row, intent, due })
}

/// Loads a flow whose next step must be `step`.
pub(super) async fn at_step(
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
pub(super) async fn decoy_or_not_found(
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

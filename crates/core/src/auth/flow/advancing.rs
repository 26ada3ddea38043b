//! Moving a flow on: a step done (compare-and-set, so two requests cannot both finish it), the
//! session started or the change handed over, and the transaction committed.
use super::code_sending::enter;
use super::reading::view;
use super::{Completed, FlowError, Intent, Live, Outcome, Progress};
use crate::audit::{self, AuditKind};
use crate::auth::session::{self, Issued};
use crate::auth::{Auth, steps};
use bailleur_api_types::auth::Step;
use bailleur_api_types::{AccountId, AccountRole, PartnerKind, UserStatus};
use bailleur_entity::{account, auth_flow, partner};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbErr,
    EntityTrait, QueryFilter, Set, TransactionTrait,
};
use time::OffsetDateTime;

/// What is left once the current step is done, before work that must follow the commit.
pub(super) enum Finished {
    Next(Live),
    SignedIn(Issued),
    /// The flow's own work is done (a password changed or recovered).
    Done,
    /// The change of another module is due, in this transaction.
    Apply(Live),
}

/// Stores the flow's intent as it now stands (a step added what it carries).
pub(super) async fn store_intent(db: &impl ConnectionTrait, flow: &Live) -> Result<(), DbErr> {
    auth_flow::Entity::update_many()
        .col_expr(auth_flow::Column::Intent, Expr::value(flow.intent.encode()))
        .filter(auth_flow::Column::Id.eq(flow.row.id))
        .exec(db)
        .await
        .map(|_| ())
}

/// Removes the first step; when none is left, completes the flow and starts the session, in the
/// caller's transaction.
pub(super) async fn finish_step(
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
        activate_if_first_connection(db, now, account_id, client_address).await?;
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
pub(super) async fn conclude(
    auth: &Auth,
    db: &DatabaseConnection,
    txn: DatabaseTransaction,
    now: OffsetDateTime,
    finished: Finished,
    client_address: Option<&str>,
) -> Result<Outcome, FlowError> {
    if let Finished::Apply(flow) = finished {
        return Ok(Outcome::Apply(Completed {
            txn,
            flow_id: flow.row.id,
            account_id: flow.row.account_id,
            session_id: flow.row.session_id,
            intent: flow.intent,
        }));
    }
    txn.commit().await?;
    let progress = match finished {
        Finished::SignedIn(issued) => Progress::SignedIn(issued),
        Finished::Done | Finished::Apply(_) => Progress::Completed,
        Finished::Next(flow) => {
            enter(auth, db, now, &flow, client_address).await?;
            Progress::StepDue(view(auth, db, now, &flow).await?)
        }
    };
    Ok(Outcome::Settled(progress))
}

/// Completes the current step and moves on (for steps whose own writes are already done).
pub(super) async fn advance(
    auth: &Auth,
    db: &DatabaseConnection,
    now: OffsetDateTime,
    flow: Live,
    client_address: Option<&str>,
) -> Result<Outcome, FlowError> {
    let txn = db.begin().await?;
    let finished = finish_step(auth, &txn, now, flow, client_address).await?;
    conclude(auth, db, txn, now, finished, client_address).await
}

/// R-AUTH-5: the first connection is over. The first user of a moral partner to complete it
/// becomes the partner's administrator.
async fn activate_if_first_connection(
    db: &impl ConnectionTrait,
    now: OffsetDateTime,
    account_id: AccountId,
    client_address: Option<&str>,
) -> Result<(), FlowError> {
    let (account, partner) = account::Entity::find_by_id(account_id)
        .find_also_related(partner::Entity)
        .one(db)
        .await?
        .and_then(|(account, partner)| partner.map(|partner| (account, partner)))
        .ok_or(FlowError::NotFound)?;
    if account.status != UserStatus::PendingFirstConnection {
        return Ok(());
    }
    let has_administrator = account::Entity::find()
        .filter(account::Column::PartnerId.eq(partner.id))
        .filter(account::Column::Role.eq(AccountRole::Administrator))
        .filter(account::Column::Status.eq(UserStatus::Active))
        .one(db)
        .await?
        .is_some();
    let becomes_administrator = partner.kind == PartnerKind::Moral && !has_administrator;
    let mut row: account::ActiveModel = account.into();
    row.status = Set(UserStatus::Active);
    if becomes_administrator {
        row.role = Set(AccountRole::Administrator);
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

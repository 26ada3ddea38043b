//! The operator moves declarations through their statuses (R-OPS-2); the timestamps written here
//! are the ones processing delays are computed from (R-SPACE-6).
use super::record_status;
use bailleur_api_types::declarations::DeclarationStatus;
use bailleur_entity::declaration;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, Set,
    TransactionTrait,
};
use time::OffsetDateTime;

#[derive(Debug, thiserror::Error)]
pub enum ProcessError {
    #[error("no declaration has the reference {0}")]
    NotFound(String),
    #[error("declaration {reference} is {from}: it cannot become {to}")]
    Transition {
        reference: String,
        from: &'static str,
        to: &'static str,
    },
    #[error("declaration {0} has an unknown status")]
    Corrupt(String),
    #[error(transparent)]
    Database(#[from] DbErr),
}

/// Which status may follow which: submitted → in progress → processed, or straight to processed.
fn allowed(from: DeclarationStatus, to: DeclarationStatus) -> bool {
    use DeclarationStatus::{InProgress, Processed, Submitted};
    matches!(
        (from, to),
        (Submitted, InProgress) | (Submitted, Processed) | (InProgress, Processed)
    )
}

/// Moves the declaration `reference` to `to`, with its history, in one transaction.
pub async fn advance(
    db: &DatabaseConnection,
    reference: &str,
    to: DeclarationStatus,
    now: OffsetDateTime,
) -> Result<(), ProcessError> {
    let txn = db.begin().await?;
    let row = declaration::Entity::find()
        .filter(declaration::Column::Reference.eq(reference))
        .one(&txn)
        .await?
        .ok_or_else(|| ProcessError::NotFound(reference.to_owned()))?;
    let from = DeclarationStatus::parse(&row.status)
        .ok_or_else(|| ProcessError::Corrupt(reference.to_owned()))?;
    if !allowed(from, to) {
        return Err(ProcessError::Transition {
            reference: reference.to_owned(),
            from: from.as_str(),
            to: to.as_str(),
        });
    }
    let id = row.id;
    let mut row: declaration::ActiveModel = row.into();
    row.status = Set(to.as_str().to_owned());
    if to == DeclarationStatus::Processed {
        row.processed_at = Set(Some(now));
    }
    row.update(&txn).await?;
    record_status(&txn, id, to, now).await?;
    txn.commit().await?;
    Ok(())
}

/// A declaration as the operator's list shows it.
#[derive(Debug, Clone)]
pub struct QueueItem {
    pub reference: String,
    pub kind: String,
    pub status: String,
    pub caf_id: i32,
    pub late: bool,
    pub submitted_at: OffsetDateTime,
}

/// The declarations with `status`, oldest first: the operator's work queue.
pub async fn queue(
    db: &DatabaseConnection,
    status: DeclarationStatus,
    limit: u64,
) -> Result<Vec<QueueItem>, DbErr> {
    use sea_orm::{QueryOrder, QuerySelect};
    Ok(declaration::Entity::find()
        .filter(declaration::Column::Status.eq(status.as_str()))
        .order_by_asc(declaration::Column::SubmittedAt)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(|row| QueueItem {
            reference: row.reference,
            kind: row.kind,
            status: row.status,
            caf_id: row.caf_id,
            late: row.late,
            submitted_at: row.submitted_at,
        })
        .collect())
}

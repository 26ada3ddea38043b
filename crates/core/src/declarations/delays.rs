//! Processing delays of a Caf (R-SPACE-6): per kind, the average of processed-minus-submitted
//! over the declarations processed in the last 30 days. Averaged here rather than in SQL so
//! that SQLite and PostgreSQL give the same figure.
use crate::cafs::{CafError, office_row};
use bailleur_api_types::CafNumber;
use bailleur_api_types::caf::{ProcessingDelay, ProcessingDelays};
use bailleur_api_types::declarations::DeclarationKind;
use bailleur_entity::declaration;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use std::collections::HashMap;
use time::{Duration, OffsetDateTime};

pub const WINDOW_DAYS: u32 = 30;

pub async fn compute(
    db: &impl ConnectionTrait,
    number: &CafNumber,
    now: OffsetDateTime,
) -> Result<ProcessingDelays, CafError> {
    let office = office_row(db, number).await?;
    let since = now - Duration::days(i64::from(WINDOW_DAYS));
    let rows: Vec<(String, OffsetDateTime, Option<OffsetDateTime>)> = declaration::Entity::find()
        .select_only()
        .column(declaration::Column::Kind)
        .column(declaration::Column::SubmittedAt)
        .column(declaration::Column::ProcessedAt)
        .filter(declaration::Column::CafId.eq(office.id))
        .filter(declaration::Column::ProcessedAt.gte(since))
        .filter(declaration::Column::ProcessedAt.lte(now))
        .into_tuple()
        .all(db)
        .await?;
    let mut sums: HashMap<&str, (i64, u64)> = HashMap::new();
    for (kind, submitted_at, processed_at) in &rows {
        if let Some(processed_at) = processed_at {
            let entry = sums.entry(kind.as_str()).or_default();
            entry.0 += (*processed_at - *submitted_at).whole_minutes();
            entry.1 += 1;
        }
    }
    let items = DeclarationKind::ALL
        .into_iter()
        .map(|kind| {
            let (minutes, samples) = sums.get(kind.as_str()).copied().unwrap_or_default();
            ProcessingDelay {
                kind,
                average_minutes: (samples > 0)
                    .then(|| minutes / i64::try_from(samples).unwrap_or(i64::MAX)),
                samples,
            }
        })
        .collect();
    Ok(ProcessingDelays {
        caf: number.clone(),
        window_days: WINDOW_DAYS,
        computed_at: now,
        items,
    })
}

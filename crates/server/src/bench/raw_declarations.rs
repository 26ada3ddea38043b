//! The floor of a batch of declarations (R-API-2, issue 13): the same rows a batch writes, one
//! declaration and its `submitted` status change each, inserted by `insert_many` in statements
//! of 500 inside one transaction, nothing read or checked. `POST /declaration-batches` is
//! measured against it by `make bench` (bench/software.py).
use bailleur_api_types::declarations::DeclarationStatus;
use bailleur_core::{Clock, SystemClock};
use bailleur_entity::{account, declaration, declaration_status_change, lease, partner};
use migration::{Migrator, MigratorTrait};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use std::time::Instant;

/// Rows per statement, as the batch submission writes them.
const CHUNK: usize = 500;

/// What every raw row refers to: one lease of the demo's Foncière Loire Habitat.
struct Target {
    account_id: bailleur_api_types::AccountId,
    partner_id: bailleur_api_types::PartnerId,
    caf_id: i32,
    lease_id: i32,
}

async fn target(db: &DatabaseConnection) -> anyhow::Result<Target> {
    let admin = account::Entity::find()
        .filter(account::Column::Identifier.eq("FLH0000001"))
        .one(db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the demo has no FLH0000001"))?;
    let owner = partner::Entity::find_by_id(admin.partner_id)
        .one(db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("FLH0000001 has no partner"))?;
    let lease = lease::Entity::find()
        .filter(lease::Column::PartnerId.eq(owner.id))
        .order_by_asc(lease::Column::Id)
        .one(db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the demo gives FLH no lease"))?;
    Ok(Target {
        account_id: admin.id,
        partner_id: owner.id,
        caf_id: owner.caf_id,
        lease_id: lease.id,
    })
}

/// One repeat: `rows` declarations and their status changes, committed; the seconds it took.
async fn insert_once(
    db: &DatabaseConnection,
    target: &Target,
    rows: usize,
    repeat: usize,
) -> anyhow::Result<f64> {
    let now = SystemClock.now();
    let submitted = DeclarationStatus::Submitted.as_str();
    let started = Instant::now();
    let txn = db.begin().await?;
    let all: Vec<usize> = (0..rows).collect();
    for chunk in all.chunks(CHUNK) {
        let declarations = chunk.iter().map(|i| declaration::ActiveModel {
            reference: Set(format!("RAW-{i:07}-{repeat}")),
            account_id: Set(target.account_id),
            partner_id: Set(target.partner_id),
            lease_id: Set(target.lease_id),
            caf_id: Set(target.caf_id),
            kind: Set("moving_out".to_owned()),
            fields: Set(r#"{"kind":"moving_out","date":"2026-12-10"}"#.to_owned()),
            status: Set(submitted.to_owned()),
            late: Set(false),
            campaign_year: Set(None),
            submitted_at: Set(now),
            processed_at: Set(None),
            batch_id: Set(None),
            api_client_id: Set(None),
            ..Default::default()
        });
        let ids = declaration::Entity::insert_many(declarations)
            .exec_with_returning_keys(&txn)
            .await?;
        let changes = ids
            .into_iter()
            .map(|id| declaration_status_change::ActiveModel {
                declaration_id: Set(id),
                status: Set(submitted.to_owned()),
                at: Set(now),
                ..Default::default()
            });
        declaration_status_change::Entity::insert_many(changes)
            .exec_without_returning(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(started.elapsed().as_secs_f64())
}

/// The median rate over `repeat` raw inserts of `rows` declarations, on a fresh SQLite file
/// holding the demo (removed afterwards).
pub async fn raw_rate(rows: usize, repeat: usize) -> anyhow::Result<serde_json::Value> {
    anyhow::ensure!(
        rows > 0 && repeat > 0,
        "--rows and --repeat must be positive"
    );
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_nanos();
    let dir = std::env::temp_dir().join(format!(
        "bailleur-bench-raw-declarations-{}-{nanos}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir)?;
    let url = format!("sqlite://{}?mode=rwc", dir.join("raw.db").display());
    let db = bailleur_core::database::connect(&url).await?;
    Migrator::up(&db, None).await?;
    crate::demo::seed(&db, &SystemClock).await?;
    let target = target(&db).await?;
    let mut seconds = Vec::with_capacity(repeat);
    for round in 0..repeat {
        seconds.push(insert_once(&db, &target, rows, round).await?);
    }
    db.close().await?;
    // A leftover file in the temporary directory is no failure of the measure.
    let _ = std::fs::remove_dir_all(&dir);
    seconds.sort_by(f64::total_cmp);
    let median = seconds[seconds.len() / 2];
    Ok(serde_json::json!({
        "rows": rows,
        "repeat": repeat,
        "median_seconds": median,
        "rows_per_second": rows as f64 / median,
    }))
}

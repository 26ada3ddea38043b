//! The benchmarks of the landlord space (issue 6): the CSV import of tenants against a raw
//! batched insert of the same rows, and the tenant pages with 1,000 and with 1,000,000 tenants
//! in the database. A bare actix JSON handler serves as the HTTP baseline (`bench-bare`).
use actix_web::{App, HttpServer, get, web};
use bailleur_api_types::PartnerId;
use bailleur_api_types::PartnerKind;
use bailleur_core::imports::{self, Silent};
use bailleur_core::{Clock, SystemClock};
use bailleur_entity::{caf_office, partner};
use migration::{Migrator, MigratorTrait};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseConnection, Set, Statement, TransactionTrait, Value,
};
use std::path::Path;
use std::time::Instant;

const SIRET: &str = "55512345400012";

/// The generated tenant of row `n`; the same values feed the CSV and the raw insert.
struct Generated {
    number: String,
    first_name: String,
    last_name: String,
    line1: String,
    rent_cents: i64,
}

fn generated(n: usize) -> Generated {
    const NAMES: [&str; 8] = [
        "MARTIN", "BERNARD", "DUBOIS", "THOMAS", "ROBERT", "RICHARD", "PETIT", "DURAND",
    ];
    Generated {
        number: format!("{:08}", 10_000_000 + n),
        first_name: format!("Prénom{}", n % 997),
        last_name: format!("{}{}", NAMES[n % NAMES.len()], n % 10_007),
        line1: format!("{} rue des Lilas", 1 + n % 300),
        rent_cents: 40_000 + i64::try_from(n % 50_000).unwrap_or(0),
    }
}

fn csv(rows: usize) -> String {
    let mut text = String::from(
        "bailleur;numero_allocataire;prenom;nom;adresse_1;code_postal;ville;surface_m2;meuble;decent;debut_bail;loyer;charges;colocataires;tiers_payant;derniere_aide\n",
    );
    for n in 0..rows {
        let row = generated(n);
        text.push_str(&format!(
            "{SIRET};{};{};{};{};44000;NANTES;40;non;oui;2024-01-01;{},{:02};45,00;1;oui;111,00\n",
            row.number,
            row.first_name,
            row.last_name,
            row.line1,
            row.rent_cents / 100,
            row.rent_cents % 100
        ));
    }
    text
}

/// A migrated SQLite file with one Caf, one partner and one account of it.
async fn fresh(dir: &Path, name: &str) -> anyhow::Result<(DatabaseConnection, i32, PartnerId)> {
    let path = dir.join(format!("{name}.db"));
    let db =
        bailleur_core::database::connect(&format!("sqlite://{}?mode=rwc", path.display())).await?;
    Migrator::up(&db, None).await?;
    let now = SystemClock.now();
    let caf = caf_office::ActiveModel {
        number: Set("441".to_owned()),
        name: Set("Caf de Loire-Atlantique".to_owned()),
        department_name: Set("Loire-Atlantique".to_owned()),
        postal_address: Set("Nantes".to_owned()),
        ..Default::default()
    }
    .insert(&db)
    .await?;
    let owner = partner::ActiveModel {
        kind: Set(PartnerKind::Moral),
        name: Set("Bench".to_owned()),
        siret: Set(Some(SIRET.to_owned())),
        caf_id: Set(caf.id),
        address_line1: Set("1 rue".to_owned()),
        postal_code: Set("44000".to_owned()),
        city: Set("NANTES".to_owned()),
        direct_payment: Set(true),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&db)
    .await?;
    Ok((db, caf.id, owner.id))
}

/// The floor: the same rows, as multi-row INSERTs of prepared values, nothing checked.
async fn raw_insert(
    db: &DatabaseConnection,
    caf_id: i32,
    partner_id: PartnerId,
    rows: std::ops::Range<usize>,
) -> anyhow::Result<()> {
    let backend = db.get_database_backend();
    let txn = db.begin().await?;
    let all: Vec<usize> = rows.collect();
    for batch in all.chunks(imports::BATCH) {
        let generated: Vec<Generated> = batch.iter().map(|n| generated(*n)).collect();
        let returning =
            |sql: String, values: Vec<Value>| Statement::from_sql_and_values(backend, sql, values);
        let placeholders = |columns: usize| {
            vec![format!("({})", vec!["?"; columns].join(",")); batch.len()].join(",")
        };
        let tenant_ids: Vec<i32> = txn
            .query_all_raw(returning(
                format!("INSERT INTO tenant (caf_id, beneficiary_number, first_name, last_name) VALUES {} RETURNING id", placeholders(4)),
                generated
                    .iter()
                    .flat_map(|row| [caf_id.into(), row.number.clone().into(), row.first_name.clone().into(), row.last_name.clone().into()])
                    .collect(),
            ))
            .await?
            .iter()
            .map(|row| row.try_get::<i32>("", "id"))
            .collect::<Result<_, _>>()?;
        let dwelling_ids: Vec<i32> = txn
            .query_all_raw(returning(
                format!("INSERT INTO dwelling (partner_id, address_line1, address_line2, postal_code, city, surface_m2, furnished, decent) VALUES {} RETURNING id", placeholders(8)),
                generated
                    .iter()
                    .flat_map(|row| [
                        partner_id.into(), row.line1.clone().into(), Value::String(None), "44000".into(),
                        "NANTES".into(), 40.into(), false.into(), true.into(),
                    ])
                    .collect(),
            ))
            .await?
            .iter()
            .map(|row| row.try_get::<i32>("", "id"))
            .collect::<Result<_, _>>()?;
        let started = time::macros::date!(2024 - 01 - 01);
        txn.execute_raw(returning(
            format!("INSERT INTO lease (dwelling_id, tenant_id, partner_id, started_on, ended_on, rent_cents, charges_cents, co_tenants, aid_paid_to_landlord, last_aid_cents) VALUES {}", placeholders(10)),
            generated
                .iter()
                .zip(tenant_ids.iter().zip(&dwelling_ids))
                .flat_map(|(row, (tenant, dwelling))| [
                    (*dwelling).into(), (*tenant).into(), partner_id.into(), started.into(),
                    Value::TimeDate(None), row.rent_cents.into(), 4_500i64.into(), 1.into(), true.into(), 11_100i64.into(),
                ])
                .collect(),
        ))
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Import rate of `rows` tenant rows against the raw insert of the same rows, each into its
/// own fresh SQLite file.
pub async fn import_rate(dir: &Path, rows: usize) -> anyhow::Result<serde_json::Value> {
    let text = csv(rows);
    let (db, _, _) = fresh(dir, "import").await?;
    let started = Instant::now();
    imports::tenants::import(&db, text.as_bytes(), &Silent).await?;
    let import_seconds = started.elapsed().as_secs_f64();
    let (raw_db, caf_id, partner_id) = fresh(dir, "raw").await?;
    let started = Instant::now();
    raw_insert(&raw_db, caf_id, partner_id, 0..rows).await?;
    let raw_seconds = started.elapsed().as_secs_f64();
    Ok(serde_json::json!({
        "rows": rows,
        "import_rows_per_second": rows as f64 / import_seconds,
        "raw_rows_per_second": rows as f64 / raw_seconds,
    }))
}

fn p95(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[(samples.len() * 95 / 100).min(samples.len() - 1)]
}

/// The landlord's pages (the list, a search, a tenant's detail) timed `runs` times each.
async fn page_p95(
    db: &DatabaseConnection,
    partner_id: PartnerId,
    runs: usize,
) -> anyhow::Result<f64> {
    let first = bailleur_core::tenants::list(db, partner_id, None, 1).await?;
    let id = first
        .items
        .first()
        .map_or(bailleur_api_types::TenantId(0), |tenant| tenant.id);
    let today = SystemClock.now().date();
    let mut samples = Vec::with_capacity(runs * 3);
    for n in 0..runs {
        let started = Instant::now();
        bailleur_core::tenants::list(db, partner_id, None, 1 + (n as u64 % 5)).await?;
        samples.push(started.elapsed().as_secs_f64() * 1000.0);
        let started = Instant::now();
        bailleur_core::tenants::list(db, partner_id, Some("MARTIN"), 1).await?;
        samples.push(started.elapsed().as_secs_f64() * 1000.0);
        let started = Instant::now();
        bailleur_core::tenants::detail(db, partner_id, id, today).await?;
        samples.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    Ok(p95(samples))
}

/// The same landlord with 1,000 tenants, alone and then among 1,000,000 in the database.
pub async fn page_scaling(
    dir: &Path,
    runs: usize,
    total: usize,
) -> anyhow::Result<serde_json::Value> {
    let (db, caf_id, partner_id) = fresh(dir, "pages").await?;
    raw_insert(&db, caf_id, partner_id, 0..1_000).await?;
    db.execute_unprepared("ANALYZE").await?;
    let small = page_p95(&db, partner_id, runs).await?;
    // The other tenants belong to another landlord of the same Caf.
    let now = SystemClock.now();
    let other = partner::ActiveModel {
        kind: Set(PartnerKind::Moral),
        name: Set("Autre".to_owned()),
        siret: Set(Some("55598765000010".to_owned())),
        caf_id: Set(caf_id),
        address_line1: Set("2 rue".to_owned()),
        postal_code: Set("44000".to_owned()),
        city: Set("NANTES".to_owned()),
        direct_payment: Set(false),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&db)
    .await?;
    let started = Instant::now();
    raw_insert(&db, caf_id, other.id, 1_000..total).await?;
    let fill_seconds = started.elapsed().as_secs_f64();
    db.execute_unprepared("ANALYZE").await?;
    let large = page_p95(&db, partner_id, runs).await?;
    Ok(serde_json::json!({
        "small_tenants": 1_000,
        "large_tenants": total,
        "small_p95_ms": small,
        "large_p95_ms": large,
        "fill_seconds": fill_seconds,
    }))
}

#[get("/bare")]
async fn bare() -> web::Json<serde_json::Value> {
    web::Json(serde_json::json!({
        "items": (0..20).map(|n| serde_json::json!({
            "id": n, "beneficiary_number": "1593739", "first_name": "Prénom", "last_name": "NOM",
            "address": "PREMIER ETAGE BATIMENT C, 44220 COUERON", "since": "2021-10-24",
        })).collect::<Vec<_>>(),
        "total": 20, "page": 1, "page_size": 20,
    }))
}

/// An actix server with one JSON handler and nothing else: the HTTP baseline.
pub async fn serve_bare(addr: &str) -> anyhow::Result<()> {
    HttpServer::new(|| App::new().service(bare))
        .bind(addr)?
        .run()
        .await?;
    Ok(())
}

//! `bailleur migrate` creates the same schema on SQLite and PostgreSQL, and a second run
//! changes nothing.
use crate::helpers::{empty_database, fresh_postgres, fresh_sqlite, postgres_url};
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, Statement};
use std::collections::BTreeSet;

/// Every (table, column, nullable) and every index name of our tables.
async fn snapshot(db: &DatabaseConnection) -> (BTreeSet<(String, String, bool)>, BTreeSet<String>) {
    let (columns_sql, indexes_sql) = match db.get_database_backend() {
        DatabaseBackend::Sqlite => (
            "SELECT m.name AS t, p.name AS c, p.\"notnull\" = 0 AS n FROM sqlite_master m \
             JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'",
            "SELECT name AS i FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'",
        ),
        _ => (
            "SELECT table_name::text AS t, column_name::text AS c, is_nullable = 'YES' AS n \
             FROM information_schema.columns WHERE table_schema = 'public'",
            "SELECT indexname::text AS i FROM pg_indexes WHERE schemaname = 'public' \
             AND (indexname LIKE 'idx_%' OR indexname LIKE 'uq_%')",
        ),
    };
    let backend = db.get_database_backend();
    let columns = db
        .query_all_raw(Statement::from_string(backend, columns_sql))
        .await
        .expect("columns")
        .into_iter()
        .map(|row| {
            let nullable: bool = row.try_get("", "n").expect("n");
            let column: String = row.try_get("", "c").expect("c");
            // The primary key is implicitly NOT NULL on PostgreSQL, nullable-typed on SQLite.
            (
                row.try_get("", "t").expect("t"),
                column.clone(),
                nullable && column != "id",
            )
        })
        .collect();
    let indexes = db
        .query_all_raw(Statement::from_string(backend, indexes_sql))
        .await
        .expect("indexes")
        .into_iter()
        .map(|row| row.try_get("", "i").expect("i"))
        .collect();
    (columns, indexes)
}

#[tokio::test]
async fn migrate_twice_changes_nothing() {
    let db = empty_database().await;
    Migrator::up(&db, None).await.expect("first migration");
    let first = snapshot(&db).await;
    assert!(
        Migrator::get_pending_migrations(&db)
            .await
            .expect("pending")
            .is_empty()
    );
    Migrator::up(&db, None).await.expect("second migration");
    assert_eq!(snapshot(&db).await, first);
    assert!(
        first
            .0
            .iter()
            .any(|(table, column, _)| table == "account" && column == "identifier")
    );
    assert!(first.1.contains("uq_account_partner_id_email_id"));
}

#[tokio::test]
async fn sqlite_and_postgresql_get_the_same_schema() {
    let Some(url) = postgres_url() else {
        eprintln!("TEST_DATABASE_URL is not set: the PostgreSQL side runs in `make test-postgres`");
        return;
    };
    let sqlite = fresh_sqlite().await;
    let postgres = fresh_postgres(&url).await;
    Migrator::up(&sqlite, None).await.expect("SQLite migration");
    Migrator::up(&postgres, None)
        .await
        .expect("PostgreSQL migration");
    let (sqlite_columns, sqlite_indexes) = snapshot(&sqlite).await;
    let (postgres_columns, postgres_indexes) = snapshot(&postgres).await;
    assert_eq!(sqlite_columns, postgres_columns);
    let ours = |set: &BTreeSet<String>| -> BTreeSet<String> {
        set.iter()
            .filter(|name| name.starts_with("idx_") || name.starts_with("uq_"))
            .cloned()
            .collect()
    };
    assert_eq!(ours(&sqlite_indexes), ours(&postgres_indexes));
    assert!(
        sqlite_columns.len() > 150,
        "{} columns",
        sqlite_columns.len()
    );
}

//! Opening the database: SQLite (embedded, the default) or PostgreSQL (production).
use sea_orm::sea_query::{Expr, ExprTrait, IntoColumnRef};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbBackend, DbErr};
use std::time::Duration;

/// Connects and, for SQLite, sets WAL, `synchronous=FULL`, foreign keys and a busy timeout.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    open(url, false).await
}

/// The connections for requests that only read. On SQLite, read-only connections beside the
/// one writer: in WAL mode they never wait for it nor block it, so reads use every core. On
/// PostgreSQL, the same pool as `writer`.
pub async fn connect_reader(
    url: &str,
    writer: &DatabaseConnection,
) -> Result<DatabaseConnection, DbErr> {
    if url.starts_with("sqlite:") {
        open(url, true).await
    } else {
        Ok(writer.clone())
    }
}

async fn open(url: &str, read_only: bool) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .sqlx_logging(false)
        .acquire_timeout(Duration::from_secs(10))
        // A ping before each use doubled the cost of a short query; a dead connection still
        // fails its query and is replaced.
        .test_before_acquire(false)
        .map_sqlx_sqlite_opts(move |sqlite| {
            sqlite
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                .read_only(read_only)
        });
    if url.starts_with("sqlite:") && read_only {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        options.max_connections(u32::try_from(cores * 4).unwrap_or(8));
    } else if url.starts_with("sqlite:") {
        // SQLite has one writer. Several connections would meet on its lock and sleep in its
        // busy handler (measured: a quarter of the CPU idle under load); one connection queues
        // the requests instead, and each statement takes microseconds.
        options.max_connections(1);
    } else {
        options.max_connections(16);
    }
    Database::connect(options).await
}

/// `column = owner` for a column that shares rows out among many owners (a landlord's leases,
/// declarations, payments), told to be selective. SQLite plans a statement once whatever value
/// is bound (the SQLite build keeps plans stable, docs/operations.md) from average statistics,
/// which a few landlords holding most rows make look unselective: it then scanned every lease of
/// the database for a page of one landlord (7 ms instead of 0.3 ms with 200,000 tenants, 58 ms
/// with a million). `likelihood` is SQLite's hint for that; PostgreSQL plans with the value.
pub fn owned_by(
    backend: DbBackend,
    column: impl IntoColumnRef,
    owner: impl Into<sea_orm::Value>,
) -> Expr {
    let condition = Expr::col(column).eq(owner);
    match backend {
        DbBackend::Sqlite => Expr::cust_with_expr("likelihood(?, 0.001)", condition),
        _ => condition,
    }
}

/// A statement written once for both engines, with PostgreSQL's `$1` placeholders (SQLite reads
/// them as `?1`). For the few statements whose row count or `RETURNING` decides a security
/// question atomically (R-OTP-4, R-AUTH-7), clearer written out than built.
pub fn statement(
    backend: DbBackend,
    sql: &str,
    values: impl IntoIterator<Item = sea_orm::Value>,
) -> sea_orm::Statement {
    let sql = match backend {
        DbBackend::Sqlite => sql.replace('$', "?"),
        _ => sql.to_owned(),
    };
    sea_orm::Statement::from_sql_and_values(backend, sql, values)
}

/// Serialises the transactions that lock the same `key` until they end: on PostgreSQL a
/// transaction-scoped advisory lock; SQLite has one writer connection, every write transaction
/// runs alone already. For a read-then-write that must not interleave (R-OTP-4: counting the
/// codes sent before sending one).
pub async fn lock_key(txn: &impl sea_orm::ConnectionTrait, key: &str) -> Result<(), DbErr> {
    if txn.get_database_backend() == DbBackend::Postgres {
        txn.execute_raw(statement(
            DbBackend::Postgres,
            "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
            [key.into()],
        ))
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use sea_orm::{ConnectionTrait, Statement};

    /// The flags of `.cargo/config.toml` reached the SQLite linked in. Without the planner
    /// stability guarantee, each execution of a statement with a bound LIMIT (every `.one()`)
    /// is parsed and planned again: half the cost of a short read.
    #[tokio::test]
    async fn sqlite_keeps_its_prepared_statements_and_counts_no_allocations() {
        let db = super::connect("sqlite::memory:").await.unwrap();
        let rows = db
            .query_all_raw(Statement::from_string(
                db.get_database_backend(),
                "PRAGMA compile_options",
            ))
            .await
            .unwrap();
        let options: Vec<String> = rows
            .iter()
            .map(|row| row.try_get_by_index::<String>(0).unwrap())
            .collect();
        assert!(
            options.iter().any(|option| option == "ENABLE_QPSG"),
            "{options:?}"
        );
        assert!(
            options.iter().any(|option| option == "DEFAULT_MEMSTATUS=0"),
            "{options:?}"
        );
    }

    /// The owner's value is bound inside the hint, and the hint is SQLite's alone.
    #[test]
    fn a_landlords_rows_are_selected_by_its_own_id_on_both_engines() {
        use sea_orm::DbBackend;
        use sea_orm::sea_query::{Alias, PostgresQueryBuilder, Query, SqliteQueryBuilder};
        let build = |backend| {
            let mut query = Query::select();
            query
                .column(Alias::new("id"))
                .from(Alias::new("lease"))
                .and_where(super::owned_by(backend, Alias::new("partner_id"), 7));
            query
        };
        let (sql, values) = build(DbBackend::Sqlite).build(SqliteQueryBuilder);
        assert!(
            sql.ends_with(r#"WHERE likelihood("partner_id" = ?, 0.001)"#),
            "{sql}"
        );
        assert_eq!(values.0, [7.into()]);
        let (sql, values) = build(DbBackend::Postgres).build(PostgresQueryBuilder);
        assert!(sql.ends_with(r#"WHERE "partner_id" = $1"#), "{sql}");
        assert_eq!(values.0, [7.into()]);
    }
}

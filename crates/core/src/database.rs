//! Opening the database: SQLite (embedded, the default) or PostgreSQL (production).
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};
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
}

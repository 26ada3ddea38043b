//! Opening the database: SQLite (embedded, the default) or PostgreSQL (production).
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};
use std::time::Duration;

/// Connects and, for SQLite, sets WAL, `synchronous=FULL`, foreign keys and a busy timeout.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .sqlx_logging(false)
        .acquire_timeout(Duration::from_secs(10))
        .map_sqlx_sqlite_opts(|sqlite| {
            sqlite
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
        });
    if url.starts_with("sqlite:") {
        // SQLite has one writer. Several connections would meet on its lock and sleep in its
        // busy handler (measured: a quarter of the CPU idle under load); one connection queues
        // the requests instead, and each statement takes microseconds.
        options.max_connections(1);
    } else {
        options.max_connections(16);
    }
    Database::connect(options).await
}

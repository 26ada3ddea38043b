//! A flow's purpose and what it carries become one typed value, stored as JSON (`Intent` in
//! `bailleur_core::auth::flow`): `purpose`, `pending_email`, `pending_password_hash` and
//! `pending_change` are folded into `intent`, live rows carried over.
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

const OLD_COLUMNS: [&str; 4] = [
    "purpose",
    "pending_email",
    "pending_password_hash",
    "pending_change",
];

/// Each old purpose as the intent's JSON, built by the engine's own JSON functions.
fn carry_over(backend: DbBackend) -> &'static str {
    match backend {
        DbBackend::Postgres => {
            "UPDATE auth_flow SET intent = CASE purpose \
             WHEN 'sign_in' THEN json_build_object('kind', 'sign_in', 'new_email', pending_email)::text \
             WHEN 'change_email' THEN json_build_object('kind', 'change_email', 'new', pending_email, \
               'common_password_hash', pending_password_hash)::text \
             WHEN 'change_bank_details' THEN (jsonb_build_object('kind', 'change_bank_details') \
               || COALESCE(pending_change, '{}')::jsonb)::text \
             ELSE json_build_object('kind', purpose)::text END"
        }
        _ => {
            "UPDATE auth_flow SET intent = CASE purpose \
             WHEN 'sign_in' THEN json_object('kind', 'sign_in', 'new_email', pending_email) \
             WHEN 'change_email' THEN json_object('kind', 'change_email', 'new', pending_email, \
               'common_password_hash', pending_password_hash) \
             WHEN 'change_bank_details' THEN json_patch(json_object('kind', 'change_bank_details'), \
               COALESCE(pending_change, '{}')) \
             ELSE json_object('kind', purpose) END"
        }
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// SQLite too: a carry-over that fails leaves the table as it was, so the migration can run
    /// again (SQLite's ALTER TABLE is transactional).
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("auth_flow")
                    .add_column(
                        ColumnDef::new("intent")
                            .text()
                            .not_null()
                            .default("{\"kind\":\"sign_in\",\"new_email\":null}"),
                    )
                    .take(),
            )
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared(carry_over(db.get_database_backend()))
            .await?;
        // SQLite drops one column per statement.
        for column in OLD_COLUMNS {
            manager
                .alter_table(Table::alter().table("auth_flow").drop_column(column).take())
                .await?;
        }
        Ok(())
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration(
            "flows live minutes: restore the backup taken before the upgrade".to_owned(),
        ))
    }
}

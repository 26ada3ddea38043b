//! Flows started from a session (Mon profil: email and password changes, R-PROF-2) remember
//! that session, and a password chosen for a linking waits in the flow until the code and the
//! linking are confirmed together (R-LINK-3).
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement.
        for column in [
            integer_null("session_id"),
            string_null("pending_password_hash"),
        ] {
            let mut column = column;
            manager
                .alter_table(
                    Table::alter()
                        .table("auth_flow")
                        .add_column(&mut column)
                        .take(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in ["pending_password_hash", "session_id"] {
            manager
                .alter_table(Table::alter().table("auth_flow").drop_column(column).take())
                .await?;
        }
        Ok(())
    }
}

//! New bank details wait in their flow until the code mailed to the account is entered
//! (R-PROF-3): the change is applied then, or never.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("auth_flow")
                    .add_column(text_null("pending_change"))
                    .take(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("auth_flow")
                    .drop_column("pending_change")
                    .take(),
            )
            .await
    }
}

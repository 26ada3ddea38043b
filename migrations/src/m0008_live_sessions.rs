//! Live sessions are found by their end: revoking the sessions of a credential shared by
//! thousands of accounts looks only at the sessions of the last hours (R-LINK-4, R-AUTH-8).
use crate::helpers::index;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(index("auth_session", &["absolute_expires_at"]))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_auth_session_absolute_expires_at")
                    .table("auth_session")
                    .to_owned(),
            )
            .await
    }
}

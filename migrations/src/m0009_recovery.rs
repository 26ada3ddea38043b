//! Forgotten password (R-RESET-1, R-RESET-4): proof-of-work captchas are single use, and a
//! request for an unknown login gets a decoy flow that answers exactly like a real one.
use crate::helpers::{create, drop, table, unique};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create(
            manager,
            table("used_captcha")
                .col(string("token"))
                .col(timestamp_with_time_zone("used_at"))
                .take(),
            vec![unique("used_captcha", &["token"])],
        )
        .await?;
        create(
            manager,
            table("recovery_decoy")
                .col(string_len_uniq("public_id", 36))
                .col(integer("failed_attempts"))
                .col(integer("sends"))
                .col(timestamp_with_time_zone("code_expires_at"))
                .col(timestamp_with_time_zone("expires_at"))
                .take(),
            vec![],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop(manager, &["recovery_decoy", "used_captcha"]).await
    }
}

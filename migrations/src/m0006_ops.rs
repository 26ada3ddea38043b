//! Postal letters, the audit log and idempotency keys (R-RESET-3, R-OPS-3, R-API-2).
use crate::helpers::{create, drop, fk, index, table, unique};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create(
            manager,
            table("postal_letter")
                .col(integer("account_id"))
                .col(string("kind"))
                .col(text("recipient_address"))
                .col(text("body"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("dispatched_at"))
                .foreign_key(&mut fk("postal_letter", "account_id", "account"))
                .take(),
            vec![index("postal_letter", &["dispatched_at"])],
        )
        .await?;
        create(
            manager,
            table("audit_event")
                .col(timestamp_with_time_zone("at"))
                .col(string("kind"))
                .col(integer_null("account_id"))
                .col(string_null("client_address"))
                .col(text("detail"))
                .take(),
            vec![
                index("audit_event", &["account_id", "at"]),
                index("audit_event", &["kind", "at"]),
            ],
        )
        .await?;
        create(
            manager,
            table("idempotency_key")
                .col(integer("account_id"))
                .col(string("key"))
                .col(string("request_hash"))
                .col(integer("response_status"))
                .col(text("response_body"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("idempotency_key", "account_id", "account"))
                .take(),
            vec![unique("idempotency_key", &["account_id", "key"])],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop(
            manager,
            &["idempotency_key", "audit_event", "postal_letter"],
        )
        .await
    }
}

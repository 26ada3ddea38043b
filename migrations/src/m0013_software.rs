//! Third-party software (R-API-2): API clients and the JWT assertions they used, batches of
//! declarations, idempotency keys scoped to any principal (the m0006 table, never written, is
//! replaced), and the transaction id of each status change, which orders the change feed.
use crate::helpers::{create, drop, fk, fk_cascade, index, table, unique};
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create(
            manager,
            table("api_client")
                .col(string_len_uniq("public_id", 40))
                .col(integer("partner_id"))
                // The administrator who created it: what the client declares is recorded under
                // that account, beside the client's own id.
                .col(integer("created_by"))
                .col(string("name"))
                .col(string("scopes"))
                .col(string("secret_hash"))
                .col(string("secret_last_four"))
                .col(string_null("previous_secret_hash"))
                .col(timestamp_with_time_zone_null("previous_secret_expires_at"))
                .col(text_null("public_key"))
                .col(string_null("public_key_algorithm"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("last_used_at"))
                .col(timestamp_with_time_zone_null("revoked_at"))
                .foreign_key(&mut fk("api_client", "partner_id", "partner"))
                .foreign_key(&mut fk("api_client", "created_by", "account"))
                .take(),
            vec![index("api_client", &["partner_id"])],
        )
        .await?;
        create(
            manager,
            table("used_assertion")
                .col(integer("api_client_id"))
                .col(string("jti"))
                .col(timestamp_with_time_zone("expires_at"))
                .foreign_key(&mut fk_cascade(
                    "used_assertion",
                    "api_client_id",
                    "api_client",
                ))
                .take(),
            vec![
                unique("used_assertion", &["api_client_id", "jti"]),
                index("used_assertion", &["expires_at"]),
            ],
        )
        .await?;
        create(
            manager,
            table("declaration_batch")
                .col(integer("partner_id"))
                .col(integer("account_id"))
                .col(integer_null("api_client_id"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("declaration_batch", "partner_id", "partner"))
                .foreign_key(&mut fk("declaration_batch", "account_id", "account"))
                .foreign_key(&mut fk("declaration_batch", "api_client_id", "api_client"))
                .take(),
            vec![index("declaration_batch", &["partner_id"])],
        )
        .await?;
        for column in ["batch_id", "api_client_id"] {
            manager
                .alter_table(
                    Table::alter()
                        .table("declaration")
                        .add_column(integer_null(column))
                        .take(),
                )
                .await?;
        }
        manager
            .create_index(index("declaration", &["batch_id"]))
            .await?;

        drop(manager, &["idempotency_key"]).await?;
        create(
            manager,
            table("idempotency_key")
                // `account:12` or `client:7`: two principals' keys never meet.
                .col(string("principal"))
                .col(string_len("key", 255))
                // SHA-256 of the method, the path and the body.
                .col(string("fingerprint"))
                .col(integer("response_status"))
                .col(text("response_body"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("expires_at"))
                .take(),
            vec![
                unique("idempotency_key", &["principal", "key"]),
                index("idempotency_key", &["expires_at"]),
            ],
        )
        .await?;

        // The feed reads changes in the order of their transaction ids, up to the oldest
        // transaction still running: a change committed later by an older transaction can then
        // never fall behind a cursor already given. SQLite has one writer: its order is the
        // rows' order, and the column stays 0.
        let default = match manager.get_database_backend() {
            DbBackend::Postgres => "(pg_current_xact_id()::text::bigint)",
            _ => "0",
        };
        manager
            .get_connection()
            .execute_unprepared(&format!(
                "ALTER TABLE declaration_status_change ADD COLUMN txid BIGINT NOT NULL DEFAULT {default}"
            ))
            .await?;
        manager
            .create_index(index("declaration_status_change", &["txid", "id"]))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_declaration_status_change_txid_id")
                    .table("declaration_status_change")
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("idx_declaration_batch_id")
                    .table("declaration")
                    .to_owned(),
            )
            .await?;
        for (table_name, column) in [
            ("declaration_status_change", "txid"),
            ("declaration", "api_client_id"),
            ("declaration", "batch_id"),
        ] {
            manager
                .alter_table(Table::alter().table(table_name).drop_column(column).take())
                .await?;
        }
        drop(
            manager,
            &[
                "idempotency_key",
                "declaration_batch",
                "used_assertion",
                "api_client",
            ],
        )
        .await
    }
}

//! Sign-in flows, OTP challenges, sessions and refresh tokens, throttling counters
//! (R-AUTH-1 … R-AUTH-8, R-OTP-1 … R-OTP-4). State lives here so several servers can share it.
use crate::helpers::{create, drop, fk_cascade, index, table, unique};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create(
            manager,
            table("auth_flow")
                .col(string_len_uniq("public_id", 36))
                .col(string("purpose"))
                .col(integer("account_id"))
                .col(text("steps_due"))
                .col(string_null("pending_email"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("expires_at"))
                .col(timestamp_with_time_zone_null("completed_at"))
                .foreign_key(&mut fk_cascade("auth_flow", "account_id", "account"))
                .take(),
            vec![index("auth_flow", &["account_id"])],
        )
        .await?;
        create(
            manager,
            table("otp_challenge")
                .col(integer("flow_id"))
                .col(string("email"))
                .col(string("code_hash"))
                .col(integer("failed_attempts"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("expires_at"))
                .col(timestamp_with_time_zone_null("consumed_at"))
                .foreign_key(&mut fk_cascade("otp_challenge", "flow_id", "auth_flow"))
                .take(),
            vec![
                index("otp_challenge", &["flow_id"]),
                // Sends per hour per email are counted on this index (R-OTP-4).
                index("otp_challenge", &["email", "created_at"]),
            ],
        )
        .await?;
        create(
            manager,
            table("auth_session")
                .col(string_len_uniq("public_id", 36))
                .col(integer("account_id"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("absolute_expires_at"))
                .col(timestamp_with_time_zone_null("revoked_at"))
                .foreign_key(&mut fk_cascade("auth_session", "account_id", "account"))
                .take(),
            vec![index("auth_session", &["account_id"])],
        )
        .await?;
        create(
            manager,
            table("refresh_token")
                .col(integer("session_id"))
                .col(string("token_hash"))
                .col(timestamp_with_time_zone("issued_at"))
                .col(timestamp_with_time_zone_null("used_at"))
                .foreign_key(&mut fk_cascade(
                    "refresh_token",
                    "session_id",
                    "auth_session",
                ))
                .take(),
            vec![
                unique("refresh_token", &["token_hash"]),
                index("refresh_token", &["session_id"]),
            ],
        )
        .await?;
        create(
            manager,
            table("throttle_counter")
                .col(string("key"))
                .col(integer("failures"))
                .col(timestamp_with_time_zone("last_failure_at"))
                .col(timestamp_with_time_zone_null("locked_until"))
                .take(),
            vec![unique("throttle_counter", &["key"])],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop(
            manager,
            &[
                "throttle_counter",
                "refresh_token",
                "auth_session",
                "otp_challenge",
                "auth_flow",
            ],
        )
        .await
    }
}

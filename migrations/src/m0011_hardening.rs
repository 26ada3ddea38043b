//! The identity core against an attacker (R-OTP-4, R-RESET-3, R-RESET-4): codes of real flows
//! and of decoys live in one table, so both are limited by the same statements; a letter keeps
//! the hash of the provisional password it carries, never the password, and the current
//! password works until that one is used. Codes and decoys live minutes: they are dropped, not
//! migrated.
use crate::helpers::{create, drop, fk_cascade, index, table};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop(manager, &["otp_challenge", "recovery_decoy"]).await?;
        create(
            manager,
            table("recovery_decoy")
                .col(string_len_uniq("public_id", 36))
                // What its codes are counted on: the login's keyed hash, or the address of the
                // real account whose code could not go out.
                .col(string("target"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("expires_at"))
                .take(),
            vec![index("recovery_decoy", &["expires_at"])],
        )
        .await?;
        create(
            manager,
            table("otp_challenge")
                .col(integer_null("flow_id"))
                .col(integer_null("decoy_id"))
                // The address, or for a decoy a keyed hash of the login: what sends, tries and
                // "a new code kills the previous one" are counted on.
                .col(string("email"))
                // The address a real code went to (none for a decoy's): the hidden limits of
                // mails and tries per address are counted on it.
                .col(string_null("address"))
                .col(string("code_hash"))
                .col(integer("failed_attempts"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("expires_at"))
                .col(timestamp_with_time_zone_null("consumed_at"))
                .foreign_key(&mut fk_cascade("otp_challenge", "flow_id", "auth_flow"))
                .foreign_key(&mut fk_cascade(
                    "otp_challenge",
                    "decoy_id",
                    "recovery_decoy",
                ))
                .take(),
            vec![
                index("otp_challenge", &["flow_id"]),
                index("otp_challenge", &["decoy_id"]),
                index("otp_challenge", &["email", "created_at"]),
                index("otp_challenge", &["address", "created_at"]),
            ],
        )
        .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("postal_letter")
                    .add_column(string_null("password_hash"))
                    .take(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("postal_letter")
                    .add_column(timestamp_with_time_zone_null("password_used_at"))
                    .take(),
            )
            .await?;
        manager
            .create_index(index("postal_letter", &["account_id", "created_at"]))
            .await?;
        // Sign-in attempts being checked, apart from the failures: a burst of guesses gets no
        // more checks than the tries left (R-AUTH-7), honest simultaneous sign-ins wait a moment.
        manager
            .alter_table(
                Table::alter()
                    .table("throttle_counter")
                    .add_column(integer("in_flight").default(0))
                    .take(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("throttle_counter")
                    .add_column(timestamp_with_time_zone_null("in_flight_since"))
                    .take(),
            )
            .await?;
        // A password change ends the live flows of its accounts: found by their end.
        manager
            .create_index(index("auth_flow", &["expires_at"]))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_auth_flow_expires_at")
                    .table("auth_flow")
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("idx_postal_letter_account_id_created_at")
                    .table("postal_letter")
                    .to_owned(),
            )
            .await?;
        for column in ["in_flight_since", "in_flight"] {
            manager
                .alter_table(
                    Table::alter()
                        .table("throttle_counter")
                        .drop_column(column)
                        .take(),
                )
                .await?;
        }
        for column in ["password_used_at", "password_hash"] {
            manager
                .alter_table(
                    Table::alter()
                        .table("postal_letter")
                        .drop_column(column)
                        .take(),
                )
                .await?;
        }
        drop(manager, &["otp_challenge", "recovery_decoy"]).await
    }
}

//! Accounts, their shared credentials and email addresses, terms acceptance
//! (R-REF-3, R-REF-4, R-AUTH-5, R-LINK-1 … R-LINK-4).
use crate::helpers::{create, drop, fk, fk_cascade, index, table, unique};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One row per group of linked accounts: a shared-password change is one UPDATE (R-LINK-4).
        create(
            manager,
            table("credential")
                .col(string("password_hash"))
                .col(boolean("provisional"))
                .col(integer("version"))
                .col(timestamp_with_time_zone("changed_at"))
                .take(),
            vec![],
        )
        .await?;
        create(
            manager,
            table("email_address")
                .col(string_uniq("address"))
                .col(timestamp_with_time_zone_null("last_otp_validated_at"))
                .col(timestamp_with_time_zone("created_at"))
                .take(),
            vec![],
        )
        .await?;
        create(
            manager,
            table("account")
                .col(integer("partner_id"))
                .col(string_len_uniq("identifier", 10))
                .col(string_len_uniq("user_number", 14))
                .col(integer_null("email_id"))
                .col(integer("credential_id"))
                .col(string("role"))
                .col(string("status"))
                .col(string("first_name"))
                .col(string("last_name"))
                .col(string_null("phone"))
                .col(string_null("mobile_phone"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("last_sign_in_at"))
                .foreign_key(&mut fk("account", "partner_id", "partner"))
                .foreign_key(&mut fk("account", "email_id", "email_address"))
                .foreign_key(&mut fk("account", "credential_id", "credential"))
                .take(),
            vec![
                index("account", &["email_id"]),
                index("account", &["credential_id"]),
                // Two users of one partner never share an email (R-LINK-2).
                unique("account", &["partner_id", "email_id"]),
            ],
        )
        .await?;
        create(
            manager,
            table("terms_acceptance")
                .col(integer("account_id"))
                .col(string("document"))
                .col(string("version"))
                .col(timestamp_with_time_zone("accepted_at"))
                .foreign_key(&mut fk_cascade("terms_acceptance", "account_id", "account"))
                .take(),
            vec![unique(
                "terms_acceptance",
                &["account_id", "document", "version"],
            )],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop(
            manager,
            &["terms_acceptance", "account", "email_address", "credential"],
        )
        .await
    }
}

//! Declarations and their status history (R-SPACE-5, R-SPACE-6, R-OPS-2).
use crate::helpers::{create, drop, fk, fk_cascade, index, table, unique};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create(
            manager,
            table("declaration")
                .col(string_len_uniq("reference", 20))
                .col(integer("account_id"))
                .col(integer("partner_id"))
                .col(integer("lease_id"))
                .col(integer("caf_id"))
                .col(string("kind"))
                .col(text("fields"))
                .col(string("status"))
                .col(boolean("late"))
                .col(integer_null("campaign_year"))
                .col(timestamp_with_time_zone("submitted_at"))
                .col(timestamp_with_time_zone_null("processed_at"))
                .foreign_key(&mut fk("declaration", "account_id", "account"))
                .foreign_key(&mut fk("declaration", "partner_id", "partner"))
                .foreign_key(&mut fk("declaration", "lease_id", "lease"))
                .foreign_key(&mut fk("declaration", "caf_id", "caf_office"))
                .take(),
            vec![
                index("declaration", &["partner_id", "submitted_at"]),
                index("declaration", &["lease_id", "kind", "campaign_year"]),
                // Processing delays read the Caf's processed declarations of the last 30 days.
                index("declaration", &["caf_id", "processed_at"]),
            ],
        )
        .await?;
        create(
            manager,
            table("declaration_status_change")
                .col(integer("declaration_id"))
                .col(string("status"))
                .col(timestamp_with_time_zone("at"))
                .foreign_key(&mut fk_cascade(
                    "declaration_status_change",
                    "declaration_id",
                    "declaration",
                ))
                .take(),
            vec![unique(
                "declaration_status_change",
                &["declaration_id", "status"],
            )],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop(manager, &["declaration_status_change", "declaration"]).await
    }
}

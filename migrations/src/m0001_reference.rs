//! Caf offices (contacts, notices, rent campaigns) and partners (R-REF-1, R-REF-2, R-PROF-3).
use crate::helpers::{create, drop, fk, fk_cascade, index, table, unique};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create(
            manager,
            table("caf_office")
                .col(string_len_uniq("number", 3))
                .col(string("name"))
                .col(string("department_name"))
                .col(string("postal_address"))
                .take(),
            vec![],
        )
        .await?;
        create(
            manager,
            table("caf_contact")
                .col(integer("caf_id"))
                .col(string("kind"))
                .col(string("label"))
                .col(string("value"))
                .col(integer("position"))
                .foreign_key(&mut fk_cascade("caf_contact", "caf_id", "caf_office"))
                .take(),
            vec![index("caf_contact", &["caf_id", "position"])],
        )
        .await?;
        create(
            manager,
            table("caf_notice")
                .col(integer("caf_id"))
                .col(string("title"))
                .col(text("body"))
                .col(timestamp_with_time_zone("published_at"))
                .col(timestamp_with_time_zone_null("expires_at"))
                .foreign_key(&mut fk_cascade("caf_notice", "caf_id", "caf_office"))
                .take(),
            vec![index("caf_notice", &["caf_id", "published_at"])],
        )
        .await?;
        create(
            manager,
            table("rent_campaign")
                .col(integer("caf_id"))
                .col(integer("year"))
                .col(date("opens_on"))
                .col(date("closes_on"))
                .col(timestamp_with_time_zone_null("closed_at"))
                .foreign_key(&mut fk_cascade("rent_campaign", "caf_id", "caf_office"))
                .take(),
            vec![unique("rent_campaign", &["caf_id", "year"])],
        )
        .await?;
        create(
            manager,
            table("partner")
                .col(string("kind"))
                .col(string("name"))
                .col(string_len_null("siret", 14))
                .col(string_len_null("nir", 15))
                .col(string_len_null("tiers_number", 10))
                .col(integer("caf_id"))
                .col(string("address_line1"))
                .col(string_null("address_line2"))
                .col(string_len("postal_code", 5))
                .col(string("city"))
                .col(string_len_null("iban", 34))
                .col(string_len_null("bic", 11))
                .col(boolean("direct_payment"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("partner", "caf_id", "caf_office"))
                .take(),
            vec![
                unique("partner", &["siret"]),
                unique("partner", &["tiers_number"]),
                index("partner", &["nir"]),
                index("partner", &["caf_id"]),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop(
            manager,
            &[
                "partner",
                "rent_campaign",
                "caf_notice",
                "caf_contact",
                "caf_office",
            ],
        )
        .await
    }
}

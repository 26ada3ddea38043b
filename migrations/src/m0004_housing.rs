//! Tenants, dwellings, leases and housing-aid payments (R-SPACE-3, R-SPACE-4, R-SPACE-7).
use crate::helpers::{create, drop, fk, index, table, unique};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create(
            manager,
            table("tenant")
                .col(integer("caf_id"))
                .col(string("beneficiary_number"))
                .col(string("first_name"))
                .col(string("last_name"))
                .foreign_key(&mut fk("tenant", "caf_id", "caf_office"))
                .take(),
            vec![
                unique("tenant", &["caf_id", "beneficiary_number"]),
                index("tenant", &["last_name"]),
            ],
        )
        .await?;
        create(
            manager,
            table("dwelling")
                .col(integer("partner_id"))
                .col(string("address_line1"))
                .col(string_null("address_line2"))
                .col(string_len("postal_code", 5))
                .col(string("city"))
                .col(integer("surface_m2"))
                .col(boolean("furnished"))
                .col(boolean("decent"))
                .foreign_key(&mut fk("dwelling", "partner_id", "partner"))
                .take(),
            vec![index("dwelling", &["partner_id"])],
        )
        .await?;
        create(
            manager,
            table("lease")
                .col(integer("dwelling_id"))
                .col(integer("tenant_id"))
                .col(integer("partner_id"))
                .col(date("started_on"))
                .col(date_null("ended_on"))
                .col(big_integer("rent_cents"))
                .col(big_integer("charges_cents"))
                .col(integer("co_tenants"))
                .col(boolean("aid_paid_to_landlord"))
                .col(big_integer_null("last_aid_cents"))
                .foreign_key(&mut fk("lease", "dwelling_id", "dwelling"))
                .foreign_key(&mut fk("lease", "tenant_id", "tenant"))
                .foreign_key(&mut fk("lease", "partner_id", "partner"))
                .take(),
            vec![
                // The tenant list of a partner is read through this index (R-SPACE-3).
                index("lease", &["partner_id", "ended_on"]),
                index("lease", &["tenant_id"]),
                index("lease", &["dwelling_id"]),
            ],
        )
        .await?;
        create(
            manager,
            table("aid_payment")
                .col(integer("lease_id"))
                .col(integer("partner_id"))
                .col(date("month"))
                .col(big_integer("amount_cents"))
                .col(date("paid_on"))
                .foreign_key(&mut fk("aid_payment", "lease_id", "lease"))
                .foreign_key(&mut fk("aid_payment", "partner_id", "partner"))
                .take(),
            vec![
                index("aid_payment", &["partner_id", "month"]),
                unique("aid_payment", &["lease_id", "month"]),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop(manager, &["aid_payment", "lease", "dwelling", "tenant"]).await
    }
}

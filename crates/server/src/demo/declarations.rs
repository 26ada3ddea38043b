//! Processed declarations over the last 30 days, so that processing delays (R-SPACE-6) come
//! from real timestamps.
use super::Seeder;
use bailleur_api_types::AccountId;
use bailleur_api_types::PartnerId;
use bailleur_entity::{declaration, declaration_status_change};
use sea_orm::{EntityTrait, Set};
use time::Duration;

const KINDS: [&str; 6] = [
    "rent",
    "unpaid_rent",
    "moving_out",
    "co_tenancy",
    "death",
    "end_of_management",
];

impl Seeder<'_> {
    pub async fn processed_declarations(&mut self) -> anyhow::Result<usize> {
        let leases = self.leases.clone();
        let mut count = 0usize;
        for (index, (lease_id, partner_id, caf, rent_cents, charges_cents)) in
            leases.into_iter().enumerate()
        {
            let kind = KINDS[index % KINDS.len()];
            let Some(account_id) = self.account_of_partner(partner_id) else {
                continue;
            };
            let step = i64::try_from(index)?;
            let submitted_at = self.now - Duration::days(28) + Duration::hours(step * 9);
            let processed_at =
                submitted_at + Duration::days(2 + step % 12) + Duration::hours(step % 7);
            if processed_at > self.now - Duration::hours(1) {
                continue;
            }
            let fields = match kind {
                "rent" => {
                    format!(r#"{{"rent_cents":{rent_cents},"charges_cents":{charges_cents}}}"#)
                }
                "unpaid_rent" => {
                    format!(
                        r#"{{"debt_cents":{},"reached_on":"{}"}}"#,
                        2 * (rent_cents + charges_cents),
                        (submitted_at - Duration::days(10)).date()
                    )
                }
                "co_tenancy" => format!(r#"{{"co_tenants":2,"date":"{}"}}"#, submitted_at.date()),
                _ => format!(r#"{{"date":"{}"}}"#, submitted_at.date()),
            };
            // Written without reading the row back: the seed also serves tests that build an
            // older schema (before a migration adds columns).
            let id = declaration::Entity::insert(declaration::ActiveModel {
                reference: Set(format!("D{}-{:07}", self.now.year(), index + 1)),
                account_id: Set(account_id),
                partner_id: Set(partner_id),
                lease_id: Set(lease_id),
                caf_id: Set(self.caf_id(&caf)?),
                kind: Set(kind.to_owned()),
                fields: Set(fields),
                status: Set("processed".to_owned()),
                late: Set(false),
                campaign_year: Set((kind == "rent").then_some(self.now.year())),
                submitted_at: Set(submitted_at),
                processed_at: Set(Some(processed_at)),
                ..Default::default()
            })
            .exec(self.txn)
            .await?
            .last_insert_id;
            let in_progress = submitted_at + (processed_at - submitted_at) / 2;
            for (status, at) in [
                ("submitted", submitted_at),
                ("in_progress", in_progress),
                ("processed", processed_at),
            ] {
                declaration_status_change::Entity::insert(declaration_status_change::ActiveModel {
                    declaration_id: Set(id),
                    status: Set(status.to_owned()),
                    at: Set(at),
                    ..Default::default()
                })
                .exec_without_returning(self.txn)
                .await?;
            }
            count += 1;
        }
        Ok(count)
    }

    fn account_of_partner(&self, partner_id: PartnerId) -> Option<AccountId> {
        self.accounts
            .values()
            .filter(|(_, partner)| *partner == partner_id)
            .map(|(id, _)| *id)
            .min()
    }
}

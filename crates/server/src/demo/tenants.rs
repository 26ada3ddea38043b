//! About 60 tenants with their dwellings, leases and aid payments, including the seeds' tenant
//! 1593739 of Couëron on account A6D5AZT301.
use super::Seeder;
use bailleur_api_types::PartnerId;
use bailleur_entity::{aid_payment, dwelling, lease, tenant};
use sea_orm::{ActiveModelTrait, Set};
use time::{Date, Duration, Month};

const CITIES: [(&str, [(&str, &str); 3]); 6] = [
    (
        "441",
        [
            ("44220", "COUERON"),
            ("44000", "NANTES"),
            ("44600", "SAINT-NAZAIRE"),
        ],
    ),
    (
        "751",
        [("75011", "PARIS"), ("75018", "PARIS"), ("75013", "PARIS")],
    ),
    (
        "691",
        [
            ("69003", "LYON"),
            ("69100", "VILLEURBANNE"),
            ("69200", "VENISSIEUX"),
        ],
    ),
    (
        "341",
        [
            ("34000", "MONTPELLIER"),
            ("34200", "SETE"),
            ("34500", "BEZIERS"),
        ],
    ),
    (
        "311",
        [
            ("31000", "TOULOUSE"),
            ("31300", "TOULOUSE"),
            ("31700", "BLAGNAC"),
        ],
    ),
    (
        "021",
        [
            ("02100", "SAINT-QUENTIN"),
            ("02000", "LAON"),
            ("02200", "SOISSONS"),
        ],
    ),
];
const FIRST_NAMES: [&str; 12] = [
    "Camille", "Léa", "Hugo", "Inès", "Lucas", "Manon", "Nathan", "Chloé", "Yanis", "Sarah",
    "Théo", "Amina",
];
const LAST_NAMES: [&str; 15] = [
    "DUPONT", "LEROY", "MOREAU", "GIRARD", "FAURE", "ROUSSEL", "BLANC", "GUERIN", "MULLER",
    "HENRY", "ROUX", "COLIN", "VIDAL", "NICOLAS", "BRUNET",
];
const STREETS: [&str; 6] = [
    "rue des Lilas",
    "boulevard Victor Hugo",
    "rue de la Gare",
    "allée des Peupliers",
    "place du Marché",
    "rue Pasteur",
];

/// A postal code and city of the Caf's département, varied by `index`.
pub fn city_of(caf: &str, index: usize) -> (&'static str, &'static str) {
    let cities = CITIES
        .iter()
        .find(|(number, _)| *number == caf)
        .map_or(CITIES[0].1, |(_, c)| *c);
    cities[index % 3]
}

/// (account identifier, number of tenants)
const SPREAD: [(&str, usize); 14] = [
    ("A6D5AZT301", 10),
    ("A6D5AZT302", 3),
    ("A6D5AZT303", 3),
    ("A6D5AZT304", 3),
    ("A6D5AZT305", 3),
    ("A6D5AZT306", 3),
    ("A6D5AZT307", 2),
    ("A6D5AZT308", 2),
    ("A6D5AZT309", 2),
    ("FLH0000001", 12),
    ("JMARTIN044", 3),
    ("JMARTIN075", 3),
    ("RDPORT0001", 8),
    ("TILLEUL001", 3),
];

pub struct Tenancy<'a> {
    pub beneficiary: String,
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub street: String,
    pub postal_code: &'a str,
    pub city: &'a str,
    pub started_on: Date,
    pub rent_cents: i64,
    pub charges_cents: i64,
    pub last_aid_cents: i64,
    pub surface_m2: i32,
    pub furnished: bool,
    pub decent: bool,
    pub co_tenants: i32,
}

impl Seeder<'_> {
    pub async fn tenants(&mut self) -> anyhow::Result<usize> {
        let mut k = 0usize;
        for (identifier, count) in SPREAD {
            let (_, partner_id) = *self
                .accounts
                .get(identifier)
                .ok_or_else(|| anyhow::anyhow!("{identifier} missing"))?;
            let caf = self.partner_cafs.get(&partner_id).copied().unwrap_or("441");
            for _ in 0..count {
                let tenancy = if k == 0 {
                    Tenancy {
                        beneficiary: "1593739".to_owned(),
                        first_name: "Camille",
                        last_name: "DUPONT",
                        street: "PREMIER ETAGE BATIMENT C".to_owned(),
                        postal_code: "44220",
                        city: "COUERON",
                        started_on: Date::from_calendar_date(2021, Month::October, 24)?,
                        rent_cents: 52_500,
                        charges_cents: 4_500,
                        last_aid_cents: 11_100,
                        surface_m2: 43,
                        furnished: false,
                        decent: true,
                        co_tenants: 1,
                    }
                } else {
                    let (postal_code, city) = city_of(caf, k);
                    let k64 = i64::try_from(k)?;
                    Tenancy {
                        beneficiary: format!("{}", 1_600_000 + k * 3_737),
                        first_name: FIRST_NAMES[k % 12],
                        last_name: LAST_NAMES[(k * 7) % 15],
                        street: format!("{} {}", 1 + (k * 13) % 90, STREETS[k % 6]),
                        postal_code,
                        city,
                        started_on: Date::from_calendar_date(
                            2015 + i32::try_from(k % 10)?,
                            Month::try_from(1 + u8::try_from(k % 12)?)?,
                            1 + u8::try_from(k % 28)?,
                        )?,
                        rent_cents: 35_000 + (k64 * 1_750) % 55_000,
                        charges_cents: 3_000 + (k64 * 700) % 9_000,
                        last_aid_cents: 8_000 + (k64 * 1_100) % 22_000,
                        surface_m2: 18 + i32::try_from((k * 11) % 78)?,
                        furnished: k.is_multiple_of(4),
                        decent: !k.is_multiple_of(9),
                        co_tenants: if k.is_multiple_of(7) { 2 } else { 1 },
                    }
                };
                self.tenancy(partner_id, caf, tenancy).await?;
                k += 1;
            }
        }
        Ok(k)
    }

    async fn tenancy(
        &mut self,
        partner_id: PartnerId,
        caf: &str,
        t: Tenancy<'_>,
    ) -> anyhow::Result<()> {
        let direct_payment = self
            .direct_payment
            .get(&partner_id)
            .copied()
            .unwrap_or(false);
        let tenant = tenant::ActiveModel {
            caf_id: Set(self.caf_id(caf)?),
            beneficiary_number: Set(t.beneficiary),
            first_name: Set(t.first_name.to_owned()),
            last_name: Set(t.last_name.to_owned()),
            ..Default::default()
        }
        .insert(self.txn)
        .await?;
        let dwelling = dwelling::ActiveModel {
            partner_id: Set(partner_id),
            address_line1: Set(t.street),
            address_line2: Set(None),
            postal_code: Set(t.postal_code.to_owned()),
            city: Set(t.city.to_owned()),
            surface_m2: Set(t.surface_m2),
            furnished: Set(t.furnished),
            decent: Set(t.decent),
            ..Default::default()
        }
        .insert(self.txn)
        .await?;
        let lease = lease::ActiveModel {
            dwelling_id: Set(dwelling.id),
            tenant_id: Set(tenant.id),
            partner_id: Set(partner_id),
            started_on: Set(t.started_on),
            ended_on: Set(None),
            rent_cents: Set(t.rent_cents),
            charges_cents: Set(t.charges_cents),
            co_tenants: Set(t.co_tenants),
            aid_paid_to_landlord: Set(direct_payment),
            last_aid_cents: Set(direct_payment.then_some(t.last_aid_cents)),
            ..Default::default()
        }
        .insert(self.txn)
        .await?;
        self.leases.push((
            lease.id,
            partner_id,
            caf.to_owned(),
            t.rent_cents,
            t.charges_cents,
        ));
        if direct_payment {
            let this_month = self.now.date().replace_day(1)?;
            for back in 1..=6 {
                let month = months_before(this_month, back)?;
                aid_payment::ActiveModel {
                    lease_id: Set(lease.id),
                    partner_id: Set(partner_id),
                    month: Set(month),
                    amount_cents: Set(t.last_aid_cents),
                    paid_on: Set(months_before(this_month, back - 1)? + Duration::days(4)),
                    ..Default::default()
                }
                .insert(self.txn)
                .await?;
            }
        }
        Ok(())
    }
}

/// The first day of the month `count` months before `first_of_month`.
fn months_before(first_of_month: Date, count: u32) -> anyhow::Result<Date> {
    let mut date = first_of_month;
    for _ in 0..count {
        date = (date - Duration::days(1)).replace_day(1)?;
    }
    Ok(date)
}

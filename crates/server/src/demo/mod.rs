//! The demo data of `shared/DEMO.md`, loaded by `bailleur seed-demo` in one transaction: it is
//! all there or not at all, and a second run finds it and changes nothing.
mod accounts;
mod cafs;
mod declarations;
mod numbers;
mod tenants;

pub use accounts::{DEMO_PASSWORD, PROVISIONAL_PASSWORD};

use bailleur_api_types::{AccountId, PartnerId};
use bailleur_core::Clock;
use bailleur_entity::account;
use sea_orm::{
    ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter,
    TransactionTrait,
};
use std::collections::HashMap;
use time::OffsetDateTime;

/// Holds what later steps of the seeding need from earlier ones.
pub struct Seeder<'a> {
    txn: &'a DatabaseTransaction,
    now: OffsetDateTime,
    serial: u32,
    caf_ids: HashMap<&'static str, i32>,
    partner_cafs: HashMap<PartnerId, &'static str>,
    direct_payment: HashMap<PartnerId, bool>,
    /// identifier → (account id, partner id)
    accounts: HashMap<String, (AccountId, PartnerId)>,
    /// (lease id, partner id, caf number, rent, charges)
    leases: Vec<(i32, PartnerId, String, i64, i64)>,
}

impl Seeder<'_> {
    fn caf_id(&self, number: &str) -> anyhow::Result<i32> {
        self.caf_ids
            .get(number)
            .copied()
            .ok_or_else(|| anyhow::anyhow!("unknown demo Caf {number}"))
    }
}

/// What `seed-demo` did, and the logins to try.
pub struct SeedReport {
    pub already_present: bool,
    pub tenants: usize,
    pub declarations: usize,
}

impl std::fmt::Display for SeedReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.already_present {
            writeln!(f, "Données de démonstration déjà présentes : rien à faire.")?;
        } else {
            writeln!(
                f,
                "Données de démonstration chargées : 6 Caf, 144 comptes, {} locataires, {} déclarations traitées.",
                self.tenants, self.declarations
            )?;
        }
        writeln!(
            f,
            "Comptes de démonstration (mot de passe {DEMO_PASSWORD}) :"
        )?;
        writeln!(
            f,
            "  A6D5AZT301 … A6D5AZT438 ou gestion@sicgpi.example  (138 comptes rapprochés)"
        )?;
        writeln!(
            f,
            "  FLH0000001 (administrateur), FLH0000002         Foncière Loire Habitat"
        )?;
        writeln!(
            f,
            "  JMARTIN044, JMARTIN075                          Jeanne Martin, bailleur physique"
        )?;
        writeln!(
            f,
            "  RDPORT0001                                      adresse mail jamais validée"
        )?;
        write!(
            f,
            "  TILLEUL001 (mot de passe provisoire {PROVISIONAL_PASSWORD})  première connexion"
        )
    }
}

pub async fn seed(db: &DatabaseConnection, clock: &dyn Clock) -> anyhow::Result<SeedReport> {
    let present = account::Entity::find()
        .filter(account::Column::Identifier.eq("A6D5AZT301"))
        .one(db)
        .await?
        .is_some();
    if present {
        return Ok(SeedReport {
            already_present: true,
            tenants: 0,
            declarations: 0,
        });
    }
    let txn = db.begin().await?;
    let mut seeder = Seeder {
        txn: &txn,
        now: clock.now(),
        serial: 0,
        caf_ids: HashMap::new(),
        partner_cafs: HashMap::new(),
        direct_payment: HashMap::new(),
        accounts: HashMap::new(),
        leases: Vec::new(),
    };
    seeder.cafs().await?;
    seeder.partners_and_accounts().await?;
    let tenants = seeder.tenants().await?;
    let declarations = seeder.processed_declarations().await?;
    txn.commit().await?;
    Ok(SeedReport {
        already_present: false,
        tenants,
        declarations,
    })
}

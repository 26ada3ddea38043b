//! The whole schema of Espace Bailleur, written once for SQLite and PostgreSQL.
//! Each migration holds one area of the model; `helpers` keeps the repeated shapes in one place.

pub use sea_orm_migration::prelude::*;

mod helpers;
mod m0001_reference;
mod m0002_accounts;
mod m0003_auth;
mod m0004_housing;
mod m0005_declarations;
mod m0006_ops;
mod m0007_flow_context;
mod m0008_live_sessions;
mod m0009_recovery;
mod m0010_pending_change;
mod m0011_hardening;
mod m0012_flow_intent;
mod m0013_software;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m0001_reference::Migration),
            Box::new(m0002_accounts::Migration),
            Box::new(m0003_auth::Migration),
            Box::new(m0004_housing::Migration),
            Box::new(m0005_declarations::Migration),
            Box::new(m0006_ops::Migration),
            Box::new(m0007_flow_context::Migration),
            Box::new(m0008_live_sessions::Migration),
            Box::new(m0009_recovery::Migration),
            Box::new(m0010_pending_change::Migration),
            Box::new(m0011_hardening::Migration),
            Box::new(m0012_flow_intent::Migration),
            Box::new(m0013_software::Migration),
        ]
    }
}

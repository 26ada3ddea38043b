//! The operator's subcommands (R-OPS-1, R-OPS-2): process declarations, open or close a rent
//! campaign, publish a notice.
use anyhow::Context;
use bailleur_api_types::CafNumber;
use bailleur_api_types::declarations::DeclarationStatus;
use bailleur_core::{Clock, SystemClock};
use clap::{Subcommand, ValueEnum};
use sea_orm::DatabaseConnection;
use time::{Date, Duration};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Status {
    Submitted,
    InProgress,
    Processed,
}

impl From<Status> for DeclarationStatus {
    fn from(status: Status) -> Self {
        match status {
            Status::Submitted => DeclarationStatus::Submitted,
            Status::InProgress => DeclarationStatus::InProgress,
            Status::Processed => DeclarationStatus::Processed,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum DeclarationAction {
    /// List the declarations with a status, oldest first.
    List {
        #[arg(long, value_enum, default_value = "submitted")]
        status: Status,
        #[arg(long, default_value_t = 50)]
        limit: u64,
    },
    /// Move declarations to a status (submitted → in-progress → processed).
    Advance {
        #[arg(long, value_enum)]
        to: Status,
        /// Their reference numbers (DB26-XXXX-XXXX).
        #[arg(required = true)]
        references: Vec<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum CampaignAction {
    /// Open the rent campaign of a year from today.
    Open {
        #[arg(long)]
        caf: String,
        #[arg(long)]
        year: i32,
        /// The last day declarations are taken, as 2026-09-30.
        #[arg(long, value_parser = parse_date)]
        closes_on: Date,
    },
    /// Close the rent campaign of a year now.
    Close {
        #[arg(long)]
        caf: String,
        #[arg(long)]
        year: i32,
    },
}

fn parse_date(raw: &str) -> Result<Date, String> {
    Date::parse(
        raw,
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .map_err(|_| format!("« {raw} » n'est pas une date au format AAAA-MM-JJ"))
}

fn caf(raw: &str) -> anyhow::Result<CafNumber> {
    CafNumber::parse(raw).with_context(|| format!("« {raw} » n'est pas un numéro de Caf"))
}

pub async fn declarations(
    db: &DatabaseConnection,
    action: DeclarationAction,
) -> anyhow::Result<()> {
    match action {
        DeclarationAction::List { status, limit } => {
            let items = bailleur_core::declarations::queue(db, status.into(), limit).await?;
            if items.is_empty() {
                println!("Aucune déclaration dans cet état.");
            }
            for item in items {
                println!(
                    "{}  {:<18} {:<12} caf#{:<4} {}{}",
                    item.reference,
                    item.kind,
                    item.status,
                    item.caf_id,
                    item.submitted_at.date(),
                    if item.late { "  (tardive)" } else { "" }
                );
            }
        }
        DeclarationAction::Advance { to, references } => {
            for reference in references {
                bailleur_core::declarations::advance(db, &reference, to.into(), SystemClock.now())
                    .await?;
                println!("{reference} : {}", DeclarationStatus::from(to).label_fr());
            }
        }
    }
    Ok(())
}

pub async fn campaign(db: &DatabaseConnection, action: CampaignAction) -> anyhow::Result<()> {
    let now = SystemClock.now();
    match action {
        CampaignAction::Open {
            caf: number,
            year,
            closes_on,
        } => {
            bailleur_core::campaigns::open_campaign(db, &caf(&number)?, year, closes_on, now)
                .await?;
            println!("Campagne {year} de la Caf {number} ouverte jusqu'au {closes_on}.");
        }
        CampaignAction::Close { caf: number, year } => {
            if bailleur_core::campaigns::close_campaign(db, &caf(&number)?, year, now).await? {
                println!("Campagne {year} de la Caf {number} fermée.");
            } else {
                println!("La Caf {number} n'avait pas de campagne {year} ouverte.");
            }
        }
    }
    Ok(())
}

pub async fn notice(
    db: &DatabaseConnection,
    number: &str,
    title: &str,
    body: &str,
    days: Option<i64>,
) -> anyhow::Result<()> {
    let now = SystemClock.now();
    let expires_at = days.map(|days| now + Duration::days(days));
    let id =
        bailleur_core::campaigns::publish_notice(db, &caf(number)?, title, body, now, expires_at)
            .await?;
    println!("Information n° {id} publiée pour la Caf {number}.");
    Ok(())
}

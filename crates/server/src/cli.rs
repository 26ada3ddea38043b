//! The `bailleur` command line: serve, migrate, seed the demo, print the contract.
use crate::config::Settings;
use anyhow::Context;
use bailleur_core::{Clock, SystemClock};
use clap::{Parser, Subcommand};
use migration::{Migrator, MigratorTrait};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "bailleur",
    version,
    about = "Espace Bailleur: the landlord portal of the Caf"
)]
pub struct Cli {
    /// An optional TOML settings file (environment variables `BAILLEUR_*` override it).
    #[arg(long, global = true, env = "BAILLEUR_CONFIG")]
    pub config: Option<PathBuf>,
    /// Logs as JSON lines instead of text.
    #[arg(long, global = true)]
    pub log_json: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the API, the web app, the contract and Swagger UI.
    Serve,
    /// Create or update the database schema (running it twice changes nothing).
    Migrate,
    /// Load the demo data of docs (idempotent).
    SeedDemo,
    /// Print the OpenAPI document.
    Openapi,
    /// Print the postal letters waiting for dispatch (R-RESET-3), ready to print.
    Letters {
        /// Draw the letters' provisional passwords, print them and mark the letters dispatched
        /// (only the passwords' hashes are kept).
        #[arg(long)]
        dispatch: bool,
    },
    /// Import a CSV file (formats in docs/imports.md); one bad row and nothing is imported.
    Import {
        #[arg(value_enum)]
        what: crate::import_command::What,
        file: PathBuf,
    },
    /// Process declarations (R-OPS-2).
    Declarations {
        #[command(subcommand)]
        action: crate::agency_commands::DeclarationAction,
    },
    /// Open or close a Caf's rent campaign.
    Campaign {
        #[command(subcommand)]
        action: crate::agency_commands::CampaignAction,
    },
    /// Publish a notice ("À savoir") for a Caf's landlords.
    PublishNotice {
        #[arg(long)]
        caf: String,
        #[arg(long)]
        title: String,
        #[arg(long)]
        body: String,
        /// Shown for this many days (always when absent).
        #[arg(long)]
        days: Option<i64>,
    },
    /// Measure raw argon2 verifications per second on every core (the benchmark's baseline).
    #[command(hide = true)]
    BenchVerify {
        #[arg(long, default_value_t = 10)]
        seconds: u64,
    },
    /// Measure the tenant CSV import against a raw batched insert of the same rows.
    #[command(hide = true)]
    BenchImport {
        #[arg(long, default_value_t = 100_000)]
        rows: usize,
        #[arg(long)]
        dir: PathBuf,
    },
    /// Measure the tenant pages with 1,000 and with `tenants` tenants in the database.
    #[command(hide = true)]
    BenchPages {
        #[arg(long, default_value_t = 1_000_000)]
        tenants: usize,
        #[arg(long, default_value_t = 200)]
        runs: usize,
        #[arg(long)]
        dir: PathBuf,
    },
    /// Measure the raw batched insert of declarations (the floor of a batch over HTTP).
    #[command(hide = true)]
    BenchRawDeclarations {
        #[arg(long, default_value_t = 1_000)]
        rows: usize,
        #[arg(long, default_value_t = 5)]
        repeat: usize,
    },
    /// Serve one bare JSON handler: the HTTP baseline of the benchmarks.
    #[command(hide = true)]
    BenchBare {
        #[arg(long)]
        addr: String,
    },
    /// Measure a shared-password change and the account search in a large linked group.
    #[command(hide = true)]
    BenchLinking {
        #[arg(long, default_value_t = 10_000)]
        accounts: usize,
    },
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let settings = Settings::load(cli.config.as_deref()).context("reading the settings")?;
    match cli.command {
        Command::BenchVerify { seconds } => {
            println!("{}", crate::bench::verify::verify_rate(seconds)?);
            Ok(())
        }
        Command::BenchImport { rows, dir } => {
            println!("{}", crate::bench::space::import_rate(&dir, rows).await?);
            Ok(())
        }
        Command::BenchPages { tenants, runs, dir } => {
            println!(
                "{}",
                crate::bench::space::page_scaling(&dir, runs, tenants).await?
            );
            Ok(())
        }
        Command::BenchRawDeclarations { rows, repeat } => {
            println!(
                "{}",
                crate::bench::raw_declarations::raw_rate(rows, repeat).await?
            );
            Ok(())
        }
        Command::BenchBare { addr } => crate::bench::space::serve_bare(&addr).await,
        Command::BenchLinking { accounts } => {
            let db = settings.open_database().await?;
            println!("{}", crate::bench::linking::linking(&db, accounts).await?);
            Ok(())
        }
        Command::Letters { dispatch } => {
            let db = settings.open_database().await?;
            let letters = bailleur_core::letters::pending(&db).await?;
            if letters.is_empty() {
                println!("Aucun courrier en attente d'envoi.");
            }
            for letter in letters {
                println!(
                    "==== Courrier n° {} du {} ====",
                    letter.id,
                    letter.created_at.date()
                );
                let recipient = letter.recipient_address.clone();
                // The provisional password is drawn now and exists in clear only on the print.
                let body = if dispatch {
                    bailleur_core::letters::dispatch(&db, SystemClock.now(), letter).await?
                } else {
                    bailleur_core::letters::preview(&letter)
                };
                println!("{recipient}\n\n{body}\n");
            }
            Ok(())
        }
        Command::Import { what, file } => {
            crate::import_command::run(&settings.open_database().await?, &settings, what, &file)
                .await
        }
        Command::Declarations { action } => {
            crate::agency_commands::declarations(&settings.open_database().await?, action).await
        }
        Command::Campaign { action } => {
            crate::agency_commands::campaign(&settings.open_database().await?, action).await
        }
        Command::PublishNotice {
            caf,
            title,
            body,
            days,
        } => {
            crate::agency_commands::notice(
                &settings.open_database().await?,
                &caf,
                &title,
                &body,
                days,
            )
            .await
        }
        Command::Openapi => {
            print!("{}", crate::openapi::document_json()?);
            Ok(())
        }
        Command::Migrate => {
            let db = settings.open_database().await?;
            let pending = Migrator::get_pending_migrations(&db).await?.len();
            Migrator::up(&db, None)
                .await
                .context("migrating the database")?;
            println!("Schéma à jour ({pending} migration(s) appliquée(s)).");
            Ok(())
        }
        Command::SeedDemo => {
            let db = settings.open_database().await?;
            let report = crate::demo::seed(&db, &SystemClock).await?;
            println!("{report}");
            Ok(())
        }
        Command::Serve => {
            let application = crate::startup::Application::build(&settings).await?;
            let address = application.address();
            println!("Espace Bailleur : http://{address}/  (API : http://{address}/swagger-ui/)");
            application.run_until_stopped().await?;
            Ok(())
        }
    }
}

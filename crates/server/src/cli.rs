//! The `bailleur` command line: serve, migrate, seed the demo, print the contract.
use crate::config::Settings;
use crate::startup::{AppState, serve};
use anyhow::Context;
use bailleur_core::{Clock, SystemClock};
use clap::{Parser, Subcommand};
use migration::{Migrator, MigratorTrait};
use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::Arc;

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
        what: crate::import::What,
        file: PathBuf,
    },
    /// Process declarations (R-OPS-2).
    Declarations {
        #[command(subcommand)]
        action: crate::ops::DeclarationAction,
    },
    /// Open or close a Caf's rent campaign.
    Campaign {
        #[command(subcommand)]
        action: crate::ops::CampaignAction,
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
        Command::BenchBare { addr } => crate::bench::space::serve_bare(&addr).await,
        Command::BenchLinking { accounts } => {
            let db = open(&settings).await?;
            println!("{}", crate::bench::linking::linking(&db, accounts).await?);
            Ok(())
        }
        Command::Letters { dispatch } => {
            let db = open(&settings).await?;
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
            crate::import::run(&open(&settings).await?, &settings, what, &file).await
        }
        Command::Declarations { action } => {
            crate::ops::declarations(&open(&settings).await?, action).await
        }
        Command::Campaign { action } => crate::ops::campaign(&open(&settings).await?, action).await,
        Command::PublishNotice {
            caf,
            title,
            body,
            days,
        } => crate::ops::notice(&open(&settings).await?, &caf, &title, &body, days).await,
        Command::Openapi => {
            print!("{}", crate::openapi::document_json()?);
            Ok(())
        }
        Command::Migrate => {
            let db = open(&settings).await?;
            let pending = Migrator::get_pending_migrations(&db).await?.len();
            Migrator::up(&db, None)
                .await
                .context("migrating the database")?;
            println!("Schéma à jour ({pending} migration(s) appliquée(s)).");
            Ok(())
        }
        Command::SeedDemo => {
            let db = open(&settings).await?;
            let report = crate::demo::seed(&db, &SystemClock).await?;
            println!("{report}");
            Ok(())
        }
        Command::Serve => {
            // The settings that can be wrong are read first: no mail transport, a short secret.
            std::fs::create_dir_all(&settings.data_dir)
                .with_context(|| format!("creating {}", settings.data_dir.display()))?;
            let auth = Arc::new(settings.auth()?);
            let db = open(&settings).await?;
            if !Migrator::get_pending_migrations(&db).await?.is_empty() {
                anyhow::bail!(
                    "the database schema is not up to date: run `bailleur migrate` first"
                );
            }
            let listener = TcpListener::bind(&settings.addr)
                .with_context(|| format!("binding {}", settings.addr))?;
            let address = listener.local_addr()?;
            let read = bailleur_core::database::connect_reader(&settings.database_url(), &db)
                .await
                .context("opening the read connections")?;
            let state = AppState {
                db,
                read,
                clock: Arc::new(SystemClock),
                auth,
                cookie_secure: settings.cookie_secure,
                trusted_proxies: Arc::new(crate::client_address::TrustedProxies {
                    networks: settings.trusted_proxies.clone(),
                    header: settings.forwarded_header,
                }),
                hsts: settings.hsts,
            };
            if settings.mail_transport == Some(crate::config::MailTransport::Outbox) {
                // Anyone reaching the server can read the outbox, codes included.
                tracing::warn!(
                    "mails go to {}/outbox and are listed at /boite-mail: a development setting, \
                     set BAILLEUR_MAIL_TRANSPORT=smtp in production",
                    settings.data_dir.display()
                );
            }
            let server = serve(listener, state, settings.static_dir.clone())?;
            println!("Espace Bailleur : http://{address}/  (API : http://{address}/swagger-ui/)");
            server.await?;
            Ok(())
        }
    }
}

async fn open(settings: &Settings) -> anyhow::Result<sea_orm::DatabaseConnection> {
    std::fs::create_dir_all(&settings.data_dir)
        .with_context(|| format!("creating {}", settings.data_dir.display()))?;
    let url = settings.database_url();
    bailleur_core::database::connect(&url)
        .await
        .context("opening the database")
}

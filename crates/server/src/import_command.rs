//! `bailleur import`: the operator's CSV imports (R-OPS-1) with a progress bar and their speed.
use crate::config::Settings;
use anyhow::Context;
use bailleur_core::imports::{self, ImportError, Imported, Progress};
use bailleur_core::{Clock, SystemClock};
use clap::ValueEnum;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use sea_orm::DatabaseConnection;
use std::path::Path;
use std::sync::Mutex;
use std::time::Instant;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum What {
    /// Accounts of partners, with provisional credentials mailed or posted.
    Accounts,
    /// Caf offices and their contacts.
    Cafs,
    /// Partners (landlords).
    Partners,
    /// Tenants with their dwelling and lease.
    Tenants,
    /// Housing aid paid to landlords.
    Payments,
}

/// One bar per stage, drawn on stderr (hidden when it is not a terminal).
struct Bar {
    bar: ProgressBar,
    stage: Mutex<&'static str>,
}

impl Bar {
    fn new() -> Self {
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template(
            "{msg:>9} [{bar:40}] {pos}/{len} lignes ({per_sec}, reste {eta})",
        ) {
            bar.set_style(style.progress_chars("=> "));
        }
        Self {
            bar,
            stage: Mutex::new(""),
        }
    }
}

impl Progress for Bar {
    fn advance(&self, stage: &'static str, done: u64, total: u64) {
        let mut current = self
            .stage
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if *current != stage {
            *current = stage;
            self.bar.reset();
            self.bar.set_message(stage);
            self.bar.set_length(total);
        }
        self.bar.set_position(done);
    }
}

pub async fn run(
    db: &DatabaseConnection,
    settings: &Settings,
    what: What,
    path: &Path,
) -> anyhow::Result<()> {
    let file =
        std::fs::File::open(path).with_context(|| format!("ouverture de {}", path.display()))?;
    let input = std::io::BufReader::new(file);
    let bar = Bar::new();
    let started = Instant::now();
    let mut mails = Vec::new();
    let auth = match what {
        What::Accounts => Some(settings.auth()?),
        _ => None,
    };
    let result: Result<Imported, ImportError> = match (what, &auth) {
        (What::Accounts, Some(auth)) => {
            imports::accounts::import(db, &auth.passwords, input, &bar, SystemClock.now())
                .await
                .map(|(imported, to_send)| {
                    mails = to_send;
                    imported
                })
        }
        (What::Accounts, None) => anyhow::bail!("no mailer for the accounts"),
        (What::Cafs, _) => imports::cafs::import(db, input, &bar).await,
        (What::Partners, _) => imports::partners::import(db, input, &bar, SystemClock.now()).await,
        (What::Tenants, _) => imports::tenants::import(db, input, &bar).await,
        (What::Payments, _) => imports::payments::import(db, input, &bar).await,
    };
    bar.bar.finish_and_clear();
    match result {
        Ok(imported) => {
            let seconds = started.elapsed().as_secs_f64();
            println!(
                "{} ligne(s) importée(s) de {} en {seconds:.1} s ({:.0} lignes/s).",
                imported.rows,
                path.display(),
                imported.rows as f64 / seconds.max(1e-9)
            );
            if let Some(auth) = &auth {
                send(auth, mails).await;
            }
            Ok(())
        }
        Err(ImportError::Rows(errors)) => {
            for error in errors.iter().take(200) {
                eprintln!("{}: {error}", path.display());
            }
            if errors.len() > 200 {
                eprintln!("… et {} autre(s).", errors.len() - 200);
            }
            anyhow::bail!(
                "{} valeur(s) refusée(s) : rien n'a été importé",
                errors.len()
            )
        }
        Err(other) => Err(other.into()),
    }
}

/// The accounts' mails, once their rows are committed; one that fails is reported, not retried.
async fn send(auth: &bailleur_core::auth::Auth, mails: Vec<bailleur_core::mail::OutgoingMail>) {
    let total = mails.len();
    let mut failed = 0;
    for mail in mails {
        let to = mail.to.clone();
        if let Err(error) = auth.mailer.send(mail).await {
            failed += 1;
            eprintln!("mail à {to} non envoyé : {error}");
        }
    }
    println!("{} mail(s) envoyé(s), {failed} en échec.", total - failed);
}

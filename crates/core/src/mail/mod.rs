//! Sending mail: SMTP in production, `.eml` files in a development outbox, or an in-memory
//! capture for tests. The French templates live in `templates/`.
mod outbox;
mod templates;

pub use outbox::read_outbox;
pub use templates::{
    OtpPurpose, account_created_mails, bank_details_changed_mail, email_changed_mail, otp_mail,
    partner_changed_mail,
};

use bailleur_api_types::Email;
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// A mail ready to send: both a plain-text and an HTML part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingMail {
    pub to: Email,
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// How SMTP connections are protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SmtpTls {
    /// Plain connection: only for a relay on the same host (and tests).
    None,
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
}

/// Where an SMTP relay is and how to log in to it.
#[derive(Debug, Clone)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub tls: SmtpTls,
    pub username: Option<String>,
    pub password: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("the mail could not be built: {0}")]
    Build(#[from] lettre::error::Error),
    #[error("an address is invalid: {0}")]
    Address(#[from] lettre::address::AddressError),
    #[error("SMTP: {0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
    #[error("outbox: {0}")]
    File(#[from] lettre::transport::file::Error),
    #[error("outbox directory: {0}")]
    Io(#[from] std::io::Error),
    #[error("template: {0}")]
    Template(#[from] minijinja::Error),
}

/// A mail as the in-memory transport keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CapturedMail {
    pub to: String,
    pub subject: String,
    pub text: String,
}

/// What the in-memory transport has captured, shared with whoever reads it.
pub type MailStore = Arc<Mutex<Vec<CapturedMail>>>;

#[derive(Clone)]
enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Outbox(AsyncFileTransport<Tokio1Executor>, PathBuf),
    Memory(MailStore),
}

#[derive(Clone)]
pub struct Mailer {
    from: Mailbox,
    transport: Transport,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match &self.transport {
            Transport::Smtp(_) => "smtp",
            Transport::Outbox(..) => "outbox",
            Transport::Memory(_) => "memory",
        };
        f.debug_struct("Mailer")
            .field("from", &self.from.to_string())
            .field("transport", &kind)
            .finish()
    }
}

impl Mailer {
    pub fn smtp(from: &str, settings: &SmtpSettings) -> Result<Self, MailError> {
        let builder = match settings.tls {
            SmtpTls::None => {
                AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&settings.host)
            }
            SmtpTls::Starttls => {
                AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&settings.host)?
            }
            SmtpTls::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&settings.host)?,
        };
        let mut builder = builder.port(settings.port);
        if let (Some(user), Some(password)) = (&settings.username, &settings.password) {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Ok(Self {
            from: from.parse()?,
            transport: Transport::Smtp(builder.build()),
        })
    }

    /// Mails become `.eml` files in `dir` (created if missing), read back by the outbox page.
    pub fn outbox(from: &str, dir: &Path) -> Result<Self, MailError> {
        std::fs::create_dir_all(dir)?;
        Ok(Self {
            from: from.parse()?,
            transport: Transport::Outbox(AsyncFileTransport::new(dir), dir.to_owned()),
        })
    }

    /// Keeps the mails in memory; the returned handle reads them.
    pub fn memory(from: &str) -> Result<(Self, MailStore), MailError> {
        let store = Arc::new(Mutex::new(Vec::new()));
        let mailer = Self {
            from: from.parse()?,
            transport: Transport::Memory(store.clone()),
        };
        Ok((mailer, store))
    }

    /// The development outbox directory, when mails go to files.
    pub fn outbox_dir(&self) -> Option<&Path> {
        match &self.transport {
            Transport::Outbox(_, dir) => Some(dir),
            _ => None,
        }
    }

    pub async fn send(&self, mail: OutgoingMail) -> Result<(), MailError> {
        let message = Message::builder()
            .from(self.from.clone())
            .to(Mailbox::new(None, mail.to.as_str().parse()?))
            .subject(mail.subject.clone())
            .multipart(MultiPart::alternative_plain_html(
                mail.text.clone(),
                mail.html,
            ))?;
        match &self.transport {
            Transport::Smtp(smtp) => {
                smtp.send(message).await?;
            }
            Transport::Outbox(files, _) => {
                files.send(message).await?;
            }
            Transport::Memory(store) => store
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .push(CapturedMail {
                    to: mail.to.into(),
                    subject: mail.subject,
                    text: mail.text,
                }),
        }
        Ok(())
    }
}

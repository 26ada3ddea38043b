//! Settings: defaults, then an optional TOML file, then `BAILLEUR_*` environment variables.
use anyhow::Context;
use bailleur_core::auth::{Auth, AuthSettings};
use bailleur_core::hashing::PasswordService;
use bailleur_core::mail::{Mailer, SmtpSettings, SmtpTls};
use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Settings {
    /// Where the server listens, e.g. `127.0.0.1:8080` (`BAILLEUR_ADDR`).
    pub addr: String,
    /// Holds the SQLite file and the development outbox (`BAILLEUR_DATA_DIR`).
    pub data_dir: PathBuf,
    /// Overrides the SQLite file, e.g. `postgres://…` (`BAILLEUR_DATABASE_URL`).
    pub database_url: Option<String>,
    /// The built web app (`BAILLEUR_STATIC_DIR`).
    pub static_dir: PathBuf,
    /// R-OTP-2: minutes after an email's last code validation before sign-in asks another.
    pub otp_login_interval_minutes: i64,
    /// Signs access tokens and keys the codes' hashes; every server process sharing a database
    /// needs the same. Unset: a random one is kept in `<data_dir>/secret.key`.
    #[serde(default, skip_serializing)]
    pub secret: Option<SecretString>,
    /// The refresh cookie is `Secure` (browsers accept it on http://localhost too).
    pub cookie_secure: bool,
    /// The reverse proxies (CIDR blocks, e.g. `["10.0.0.0/8"]`) whose `Forwarded` or
    /// `X-Forwarded-For` header tells the client's address (`BAILLEUR_TRUSTED_PROXIES`).
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// The one header those proxies write: `x-forwarded-for` (default) or `forwarded`.
    pub forwarded_header: crate::client_address::ForwardedHeader,
    /// Responses carry `Strict-Transport-Security`: set when the service is reached over TLS.
    pub hsts: bool,
    /// The address users and software reach the service at, e.g. `https://bailleur.caf.fr`
    /// (`BAILLEUR_PUBLIC_URL`); `http://<addr>` when unset. The token endpoint's URL, which
    /// `private_key_jwt` assertions must name as their audience, is built from it.
    pub public_url: Option<String>,
    /// Requests per second each API client may send (a burst of twice as many is let through).
    pub api_client_requests_per_second: u32,
    /// `smtp` in production; `outbox` is the development setting of `make run` (`.eml` files in
    /// `<data_dir>/outbox`, listed by the app to anyone: codes included). No default: a server
    /// without a real transport must be told so (R-SEC-1).
    pub mail_transport: Option<MailTransport>,
    pub mail_from: String,
    pub smtp_host: String,
    pub smtp_port: u16,
    pub smtp_tls: SmtpTls,
    pub smtp_username: Option<String>,
    #[serde(default, skip_serializing)]
    pub smtp_password: Option<SecretString>,
}

/// The server secret's minimum length: 256 bits.
pub const MIN_SECRET_BYTES: usize = 32;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MailTransport {
    Outbox,
    Smtp,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            addr: "127.0.0.1:8080".to_owned(),
            data_dir: PathBuf::from("./data"),
            database_url: None,
            static_dir: PathBuf::from("./frontend/dist"),
            otp_login_interval_minutes: 1440,
            secret: None,
            cookie_secure: true,
            trusted_proxies: Vec::new(),
            forwarded_header: crate::client_address::ForwardedHeader::default(),
            hsts: false,
            public_url: None,
            api_client_requests_per_second: 50,
            mail_transport: None,
            mail_from: "Espace Bailleur <ne-pas-repondre@caf.example>".to_owned(),
            smtp_host: "localhost".to_owned(),
            smtp_port: 25,
            smtp_tls: SmtpTls::Starttls,
            smtp_username: None,
            smtp_password: None,
        }
    }
}

impl Settings {
    /// Reads the settings; `file` is optional and may be absent on disk.
    pub fn load(file: Option<&Path>) -> Result<Self, Box<figment::Error>> {
        let mut figment = Figment::from(Serialized::defaults(Settings::default()));
        if let Some(file) = file {
            figment = figment.merge(Toml::file(file));
        }
        figment
            .merge(Env::prefixed("BAILLEUR_"))
            .extract()
            .map_err(Box::new)
    }

    pub fn public_url(&self) -> String {
        self.public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", self.addr))
            .trim_end_matches('/')
            .to_owned()
    }

    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) => url.clone(),
            None => format!(
                "sqlite://{}?mode=rwc",
                self.data_dir.join("bailleur.db").display()
            ),
        }
    }
}

impl Settings {
    /// The server secret: the configured one, or the one kept in the data directory (created
    /// on first use, readable by the owner only).
    pub fn secret(&self) -> anyhow::Result<Vec<u8>> {
        if let Some(secret) = &self.secret {
            let secret = secret.expose_secret().as_bytes().to_vec();
            if secret.len() < MIN_SECRET_BYTES {
                anyhow::bail!(
                    "BAILLEUR_SECRET is {} bytes long: it signs the sessions and keys the codes, \
                     give at least {MIN_SECRET_BYTES} random bytes (e.g. `openssl rand -base64 48`)",
                    secret.len()
                );
            }
            return Ok(secret);
        }
        let path = self.data_dir.join("secret.key");
        if let Ok(existing) = std::fs::read(&path) {
            if existing.len() < MIN_SECRET_BYTES {
                anyhow::bail!(
                    "{} holds {} bytes: at least {MIN_SECRET_BYTES} are needed (remove it to get a \
                     new one; every session then ends)",
                    path.display(),
                    existing.len()
                );
            }
            return Ok(existing);
        }
        let secret = bailleur_core::random::token().into_bytes();
        write_private(&path, &secret).with_context(|| format!("writing {}", path.display()))?;
        Ok(secret)
    }

    pub fn mailer(&self) -> anyhow::Result<Mailer> {
        Ok(match self.mail_transport {
            None => anyhow::bail!(
                "no mail transport is set: codes and provisional passwords could not be sent. \
                 Set BAILLEUR_MAIL_TRANSPORT=smtp with BAILLEUR_SMTP_HOST (and \
                 BAILLEUR_SMTP_PORT, BAILLEUR_SMTP_TLS, BAILLEUR_SMTP_USERNAME, \
                 BAILLEUR_SMTP_PASSWORD), or BAILLEUR_MAIL_TRANSPORT=outbox on a development \
                 machine only (what `make run` does: mails are then readable by anyone who reaches \
                 the server)"
            ),
            Some(MailTransport::Outbox) => {
                Mailer::outbox(&self.mail_from, &self.data_dir.join("outbox"))?
            }
            Some(MailTransport::Smtp) => Mailer::smtp(
                &self.mail_from,
                &SmtpSettings {
                    host: self.smtp_host.clone(),
                    port: self.smtp_port,
                    tls: self.smtp_tls,
                    username: self.smtp_username.clone(),
                    password: self
                        .smtp_password
                        .as_ref()
                        .map(|password| password.expose_secret().to_owned()),
                },
            )?,
        })
    }

    pub fn auth(&self) -> anyhow::Result<Auth> {
        self.auth_with(PasswordService::with_cores()?, self.mailer()?)
    }

    /// The auth state on given hashing workers and mail transport (the tests capture mails).
    pub fn auth_with(&self, passwords: PasswordService, mailer: Mailer) -> anyhow::Result<Auth> {
        let settings = AuthSettings {
            otp_login_interval: time::Duration::minutes(self.otp_login_interval_minutes),
            ..AuthSettings::default()
        };
        Ok(Auth::new(settings, &self.secret()?, passwords, mailer))
    }

    /// Opens the configured database, creating the data directory first.
    pub async fn open_database(&self) -> anyhow::Result<sea_orm::DatabaseConnection> {
        std::fs::create_dir_all(&self.data_dir)
            .with_context(|| format!("creating {}", self.data_dir.display()))?;
        bailleur_core::database::connect(&self.database_url())
            .await
            .context("opening the database")
    }
}

#[cfg(unix)]
fn write_private(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?
        .write_all(contents)
}

#[cfg(not(unix))]
fn write_private(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    std::fs::write(path, contents)
}

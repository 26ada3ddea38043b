//! Settings: defaults, then an optional TOML file, then `BAILLEUR_*` environment variables.
use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
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
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            addr: "127.0.0.1:8080".to_owned(),
            data_dir: PathBuf::from("./data"),
            database_url: None,
            static_dir: PathBuf::from("./frontend/dist"),
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

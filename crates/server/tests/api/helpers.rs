//! `spawn_app()`: the real server on port 0 with its own database (a temporary SQLite file, or
//! a fresh PostgreSQL database when `TEST_DATABASE_URL` is set), migrated and seeded.
use bailleur_core::auth::Auth;
use bailleur_core::clock::ManualClock;
use bailleur_core::hashing::PasswordService;
use bailleur_core::mail::{CapturedMail, Mailer};
use bailleur_server::config::Settings;
use bailleur_server::startup::{Application, Parts};
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, DatabaseConnection};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use time::OffsetDateTime;

pub struct TestApp {
    pub address: String,
    /// Mails the app sent (empty when the app was given another transport).
    pub mails: Arc<Mutex<Vec<CapturedMail>>>,
    pub auth: Arc<Auth>,
    pub db: DatabaseConnection,
    /// Where the database is, for another server process on it.
    pub database_url: String,
    pub clock: Arc<ManualClock>,
    pub client: bailleur_client::Client,
    pub http: reqwest::Client,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }
}

fn unique_name(prefix: &str) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = OffsetDateTime::now_utc().unix_timestamp_nanos();
    format!(
        "{prefix}_{}_{}_{}",
        std::process::id(),
        nanos % 1_000_000_000,
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// Which engine this run tests: PostgreSQL when `TEST_DATABASE_URL` is set.
/// Where the test servers say they are reached (the audience of `private_key_jwt`).
pub const PUBLIC_URL: &str = "https://bailleur.test";

pub fn postgres_url() -> Option<String> {
    std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|url| !url.is_empty())
}

/// A new empty database of the engine under test.
pub async fn empty_database() -> DatabaseConnection {
    empty_database_at().await.0
}

/// A new empty database of the engine under test, and its URL.
pub async fn empty_database_at() -> (DatabaseConnection, String) {
    match postgres_url() {
        Some(url) => fresh_postgres_at(&url).await,
        None => fresh_sqlite_at().await,
    }
}

pub async fn fresh_sqlite() -> DatabaseConnection {
    fresh_sqlite_at().await.0
}

async fn fresh_sqlite_at() -> (DatabaseConnection, String) {
    let path = std::env::temp_dir().join(format!("{}.db", unique_name("bailleur_test")));
    let url = format!("sqlite://{}?mode=rwc", path.display());
    let db = bailleur_core::database::connect(&url)
        .await
        .expect("open SQLite");
    (db, url)
}

pub async fn fresh_postgres(admin_url: &str) -> DatabaseConnection {
    fresh_postgres_at(admin_url).await.0
}

async fn fresh_postgres_at(admin_url: &str) -> (DatabaseConnection, String) {
    let name = unique_name("bailleur_test");
    let admin = bailleur_core::database::connect(admin_url)
        .await
        .expect("reach PostgreSQL");
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .expect("create test database");
    let (root, _) = admin_url
        .rsplit_once('/')
        .expect("a database URL ends with /<database>");
    let url = format!("{root}/{name}");
    let db = bailleur_core::database::connect(&url)
        .await
        .expect("open test database");
    (db, url)
}

pub async fn spawn_app() -> TestApp {
    let (mailer, mails) =
        Mailer::memory("Espace Bailleur <ne-pas-repondre@caf.example>").expect("memory mailer");
    spawn_app_with(mailer, mails).await
}

/// What a test may change in the application it spawns.
pub struct Options {
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// Places in the hashing queue.
    pub hash_queue: usize,
    pub hash_workers: usize,
    pub hsts: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            trusted_proxies: vec![],
            hash_queue: 256,
            hash_workers: 2,
            hsts: false,
        }
    }
}

/// The app with a given mail transport (the SMTP test uses a real relay).
pub async fn spawn_app_with(mailer: Mailer, mails: Arc<Mutex<Vec<CapturedMail>>>) -> TestApp {
    spawn_configured(mailer, mails, Options::default()).await
}

/// The app with its mails captured and `options`.
pub async fn spawn_app_with_options(options: Options) -> TestApp {
    let (mailer, mails) =
        Mailer::memory("Espace Bailleur <ne-pas-repondre@caf.example>").expect("memory mailer");
    spawn_configured(mailer, mails, options).await
}

async fn spawn_configured(
    mailer: Mailer,
    mails: Arc<Mutex<Vec<CapturedMail>>>,
    options: Options,
) -> TestApp {
    if std::env::var_os("TEST_LOG").is_some() {
        bailleur_server::telemetry::init(false);
    }
    let (db, url) = empty_database_at().await;
    Migrator::up(&db, None).await.expect("migrate");
    let clock = Arc::new(ManualClock::new(OffsetDateTime::now_utc()));
    bailleur_server::demo::seed(&db, clock.as_ref())
        .await
        .expect("seed the demo");
    let static_dir = std::env::temp_dir().join(unique_name("bailleur_static"));
    std::fs::create_dir_all(&static_dir).expect("static dir");
    std::fs::write(
        static_dir.join("index.html"),
        "<!doctype html><html lang=\"fr\"><title>Espace Bailleur</title></html>",
    )
    .expect("index.html");
    std::fs::write(static_dir.join("app_bg.wasm"), b"\0asm\x01\0\0\0").expect("wasm file");
    let settings = Settings {
        addr: "127.0.0.1:0".to_owned(),
        data_dir: std::env::temp_dir().join(unique_name("bailleur_data")),
        database_url: Some(url.clone()),
        static_dir,
        secret: Some("test secret: never used outside tests".to_owned().into()),
        cookie_secure: true,
        trusted_proxies: options.trusted_proxies,
        hsts: options.hsts,
        public_url: Some(PUBLIC_URL.to_owned()),
        ..Settings::default()
    };
    let parts = Parts {
        clock: clock.clone(),
        mailer,
        passwords: PasswordService::new(options.hash_workers, options.hash_queue)
            .expect("password service"),
    };
    let application = Application::build_with(&settings, parts)
        .await
        .expect("build the application");
    let port = application.address().port();
    let (db, auth) = (
        application.state().db.clone(),
        application.state().auth.clone(),
    );
    tokio::spawn(application.run_until_stopped());
    let address = format!("http://127.0.0.1:{port}");
    // No pooled connections: one the server closed while a test was busy (solving a captcha on a
    // loaded machine) would fail the next POST with "connection closed".
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("http client");
    TestApp {
        mails,
        auth,
        client: bailleur_client::Client::with_http(address.clone(), http.clone()),
        address,
        db,
        database_url: url,
        clock,
        http,
    }
}

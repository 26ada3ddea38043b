//! Building the application from its settings (zero2prod's `Application::build`): `bailleur
//! serve` and the tests' `spawn_app` take this one path; only the parts a test must control
//! (clock, mail transport, hashing workers) can be handed in.
use crate::client_address::TrustedProxies;
use crate::config::{MailTransport, Settings};
use crate::state::AppState;
use crate::{assets, openapi, routes, security_headers};
use actix_web::dev::Server;
use actix_web::middleware::Compress;
use actix_web::{App, HttpResponse, HttpServer, web};
use anyhow::Context;
use bailleur_core::hashing::PasswordService;
use bailleur_core::mail::Mailer;
use bailleur_core::{Clock, SystemClock};
use migration::{Migrator, MigratorTrait};
use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;
use tracing_actix_web::TracingLogger;
use utoipa_swagger_ui::SwaggerUi;

/// What production takes from the settings and a test may replace.
pub struct Parts {
    pub clock: Arc<dyn Clock>,
    pub mailer: Mailer,
    pub passwords: PasswordService,
}

impl Parts {
    /// The system clock, the configured mail transport, one hashing worker per core.
    pub fn from_settings(settings: &Settings) -> anyhow::Result<Self> {
        Ok(Self {
            clock: Arc::new(SystemClock),
            mailer: settings.mailer()?,
            passwords: PasswordService::with_cores()?,
        })
    }
}

/// A server bound to its address (port 0 gives a free one), not yet running.
pub struct Application {
    address: SocketAddr,
    state: AppState,
    server: Server,
}

impl Application {
    pub async fn build(settings: &Settings) -> anyhow::Result<Self> {
        // The settings that can be wrong are read first: no mail transport, a short secret.
        let parts = Parts::from_settings(settings)?;
        Self::build_with(settings, parts).await
    }

    pub async fn build_with(settings: &Settings, parts: Parts) -> anyhow::Result<Self> {
        // Before the secret: it is kept there when not configured.
        std::fs::create_dir_all(&settings.data_dir)
            .with_context(|| format!("creating {}", settings.data_dir.display()))?;
        let auth = Arc::new(settings.auth_with(parts.passwords, parts.mailer)?);
        let db = settings.open_database().await?;
        if !Migrator::get_pending_migrations(&db).await?.is_empty() {
            anyhow::bail!("the database schema is not up to date: run `bailleur migrate` first");
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
            clock: parts.clock,
            auth,
            cookie_secure: settings.cookie_secure,
            trusted_proxies: Arc::new(TrustedProxies {
                networks: settings.trusted_proxies.clone(),
                header: settings.forwarded_header,
            }),
            hsts: settings.hsts,
            token_endpoint: format!("{}/api/v1/oauth/token", settings.public_url()),
            idempotency: bailleur_core::idempotency::Running::default(),
            rate_limits: Arc::new(crate::rate_limit::RateLimits::new(
                settings.api_client_requests_per_second,
            )),
        };
        if settings.mail_transport == Some(MailTransport::Outbox) {
            // Anyone reaching the server can read the outbox, codes included.
            tracing::warn!(
                "mails go to {}/outbox and are listed at /boite-mail: a development setting, \
                 set BAILLEUR_MAIL_TRANSPORT=smtp in production",
                settings.data_dir.display()
            );
        }
        let server = serve(listener, state.clone(), settings.static_dir.clone())?;
        Ok(Self {
            address,
            state,
            server,
        })
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The state the handlers share (the tests read its database and auth keys).
    pub fn state(&self) -> &AppState {
        &self.state
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

fn serve(listener: TcpListener, state: AppState, static_dir: PathBuf) -> std::io::Result<Server> {
    let state = web::Data::new(state);
    let document = openapi::document();
    let allowed = web::Data::new(crate::allowed_methods::AllowedMethods::from_document(
        &document,
    ));
    let server = HttpServer::new(move || {
        App::new()
            .wrap(actix_web::middleware::from_fn(security_headers::add))
            .wrap(Compress::default())
            .wrap(TracingLogger::default())
            .app_data(state.clone())
            .app_data(allowed.clone())
            .app_data(routes::extractor_errors::json_config())
            .app_data(routes::extractor_errors::path_config())
            .app_data(routes::extractor_errors::query_config())
            .service(routes::health::healthz::handler)
            .service(routes::health::readyz::handler)
            .service(
                web::scope("/api/v1")
                    .configure(routes::api)
                    .default_service(web::to(routes::extractor_errors::unknown_api_path)),
            )
            .service(
                SwaggerUi::new("/swagger-ui/{_:.*}")
                    .url("/api-docs/openapi.json", document.clone()),
            )
            .route(
                "/swagger-ui",
                web::get().to(|| async {
                    HttpResponse::PermanentRedirect()
                        .insert_header(("Location", "/swagger-ui/"))
                        .finish()
                }),
            )
            .configure(|config| assets::spa(config, &static_dir))
    })
    .listen(listener)?
    .run();
    Ok(server)
}

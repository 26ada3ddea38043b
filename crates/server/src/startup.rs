//! Building the HTTP application on a bound listener, so tests can use port 0.
use crate::client_address::TrustedProxies;
use crate::{assets, openapi, routes, security_headers};
use actix_web::dev::Server;
use actix_web::middleware::Compress;
use actix_web::{App, HttpResponse, HttpServer, web};
use bailleur_core::Clock;
use bailleur_core::auth::Auth;
use sea_orm::DatabaseConnection;
use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::Arc;
use tracing_actix_web::TracingLogger;
use utoipa_swagger_ui::SwaggerUi;

/// What every handler may use. Time comes from the clock, never from the system directly.
#[derive(Clone)]
pub struct AppState {
    /// For every request that writes, and for reads that must see its own writes.
    pub db: DatabaseConnection,
    /// For requests that only read (`bailleur_core::database::connect_reader`).
    pub read: DatabaseConnection,
    pub clock: Arc<dyn Clock>,
    pub auth: Arc<Auth>,
    /// Whether the refresh cookie carries `Secure`.
    pub cookie_secure: bool,
    /// The reverse proxies whose forwarded headers tell the client's address (R-AUTH-7).
    pub trusted_proxies: Arc<TrustedProxies>,
    /// Responses carry HSTS (the service is reached over TLS).
    pub hsts: bool,
}

/// Starts serving on `listener`; the returned server runs until stopped.
pub fn serve(
    listener: TcpListener,
    state: AppState,
    static_dir: PathBuf,
) -> std::io::Result<Server> {
    let state = web::Data::new(state);
    let document = openapi::document();
    let server = HttpServer::new(move || {
        App::new()
            .wrap(actix_web::middleware::from_fn(security_headers::add))
            .wrap(Compress::default())
            .wrap(TracingLogger::default())
            .app_data(state.clone())
            .app_data(crate::routes::extractor_errors::json_config())
            .app_data(crate::routes::extractor_errors::path_config())
            .app_data(crate::routes::extractor_errors::query_config())
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

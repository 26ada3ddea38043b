//! What every handler may use: built once by `startup::Application`, shared by all workers.
use crate::client_address::TrustedProxies;
use bailleur_core::Clock;
use bailleur_core::auth::Auth;
use sea_orm::DatabaseConnection;
use std::sync::Arc;

/// Time comes from the clock, never from the system directly.
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
    /// `{public_url}/api/v1/oauth/token`: the audience of `private_key_jwt` assertions.
    pub token_endpoint: String,
    /// The `Idempotency-Key`s of the requests this process is running (R-API-2).
    pub idempotency: bailleur_core::idempotency::Running,
    /// Each API client's requests per second (R-API-2).
    pub rate_limits: Arc<crate::rate_limit::RateLimits>,
}

//! Request extractors: the client's address (for throttling and the audit log) and the
//! signed-in account (a valid access token on a live session).
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};
use bailleur_core::auth::session::{self, Authenticated};
use std::future::{Ready, ready};
use std::pin::Pin;

/// The client's IP address: the peer's, or the one a trusted proxy reports
/// (`client_address::TrustedProxies`).
#[derive(Debug, Clone)]
pub struct ClientAddress(pub String);

impl FromRequest for ClientAddress {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(request: &HttpRequest, _: &mut Payload) -> Self::Future {
        let Some(peer) = request.peer_addr().map(|peer| peer.ip()) else {
            return ready(Ok(Self("unknown".to_owned())));
        };
        let client = match request.app_data::<web::Data<AppState>>() {
            Some(state) => {
                let proxies = &state.trusted_proxies;
                let lines = request
                    .headers()
                    .get_all(proxies.header.name())
                    .filter_map(|value| value.to_str().ok());
                proxies.client(peer, lines)
            }
            None => peer,
        };
        ready(Ok(Self(client.to_string())))
    }
}

/// The account of a valid `Authorization: Bearer` access token whose session is still live.
#[derive(Debug, Clone, Copy)]
pub struct SignedIn(pub Authenticated);

fn bearer(request: &HttpRequest) -> Option<String> {
    let value = request.headers().get("Authorization")?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_owned())
}

impl FromRequest for SignedIn {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(request: &HttpRequest, _: &mut Payload) -> Self::Future {
        let token = bearer(request);
        let state = request.app_data::<web::Data<AppState>>().cloned();
        Box::pin(async move {
            let (Some(token), Some(state)) = (token, state) else {
                return Err(ApiError::Unauthenticated);
            };
            let now = state.clock.now();
            let who = session::authenticate(&state.auth, &state.read, now, &token).await?;
            Ok(SignedIn(who))
        })
    }
}

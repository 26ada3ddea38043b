//! Request extractors: the client's address (for throttling and the audit log) and the
//! signed-in account (a valid access token on a live session).
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};
use bailleur_api_types::software::Scope;
use bailleur_core::auth::principal::Principal;
use bailleur_core::auth::session::{self, Authenticated};
use bailleur_core::idempotency::IdempotencyKey;
use bailleur_core::software;
use std::future::{Ready, ready};
use std::marker::PhantomData;
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

/// The account of a valid `Authorization: Bearer` session access token whose session is still
/// live: the endpoints that only make sense for a person (Mon profil, switching, the partner's
/// users and API clients). Software's tokens get 403 there.
#[derive(Debug, Clone, Copy)]
pub struct SignedIn(pub Authenticated);

fn bearer(request: &HttpRequest) -> Option<String> {
    let value = request.headers().get("Authorization")?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_owned())
}

/// A person's session or software's client token, whichever the request carries.
async fn principal(request: &HttpRequest) -> Result<Principal, ApiError> {
    let token = bearer(request);
    let state = request.app_data::<web::Data<AppState>>().cloned();
    let (Some(token), Some(state)) = (token, state) else {
        return Err(ApiError::Unauthenticated);
    };
    let now = state.clock.now();
    if software::grant::is_client_token(&token) {
        let software = software::authenticate(&state.auth, &state.read, now, &token).await?;
        state
            .rate_limits
            .take(software.client_id, now)
            .map_err(|retry_after_seconds| ApiError::TooManyRequests {
                kind: "rate-limited",
                title: "Trop de requêtes pour cet accès API : ralentissez",
                retry_after_seconds,
            })?;
        return Ok(Principal::Software(software));
    }
    let who = session::authenticate(&state.auth, &state.read, now, &token).await?;
    Ok(Principal::Person(who))
}

impl FromRequest for SignedIn {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(request: &HttpRequest, _: &mut Payload) -> Self::Future {
        let request = request.clone();
        Box::pin(async move {
            match principal(&request).await? {
                Principal::Person(who) => Ok(SignedIn(who)),
                Principal::Software(_) => Err(ApiError::PersonOnly),
            }
        })
    }
}

/// The scope an endpoint needs from software.
pub trait Needs {
    const SCOPE: Scope;
}

macro_rules! scope_markers {
    ($($(#[$doc:meta])* $name:ident => $scope:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy)]
        pub struct $name;

        impl Needs for $name {
            const SCOPE: Scope = Scope::$scope;
        }
    )*};
}

scope_markers!(
    TenantsRead => TenantsRead,
    DeclarationsRead => DeclarationsRead,
    DeclarationsWrite => DeclarationsWrite,
    PaymentsRead => PaymentsRead,
    PartnerRead => PartnerRead,
);

/// A person's session, or a client token granted `S`'s scope: the landlord-space endpoints
/// both may call (R-API-2). A token without the scope gets 403 `insufficient_scope`.
#[derive(Debug, Clone, Copy)]
pub struct Acting<S>(pub Principal, pub PhantomData<S>);

impl<S: Needs + 'static> FromRequest for Acting<S> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(request: &HttpRequest, _: &mut Payload) -> Self::Future {
        let request = request.clone();
        Box::pin(async move {
            let who = principal(&request).await?;
            if !who.may(S::SCOPE) {
                return Err(ApiError::InsufficientScope(S::SCOPE));
            }
            Ok(Acting(who, PhantomData))
        })
    }
}

/// The request's `Idempotency-Key`, if it sent one (R-API-2).
#[derive(Debug, Clone)]
pub struct IdempotencyKeyHeader(pub Option<IdempotencyKey>);

impl FromRequest for IdempotencyKeyHeader {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(request: &HttpRequest, _: &mut Payload) -> Self::Future {
        let mut values = request.headers().get_all("Idempotency-Key");
        let key = match (values.next(), values.next()) {
            (None, _) => Ok(None),
            (Some(value), None) => IdempotencyKey::parse(value.as_bytes())
                .map(Some)
                .map_err(ApiError::from),
            (Some(_), Some(_)) => Err(ApiError::from(bailleur_core::idempotency::MalformedKey)),
        };
        ready(key.map(IdempotencyKeyHeader))
    }
}

//! The client-credentials grant (RFC 6749 §4.4) and the check of its tokens. A token is a JWT
//! signed with its own key (`Keys::client_jwt`, header `kid: client`), living
//! `TOKEN_LIFETIME`; each request also finds its client live (remembered a second, as
//! sessions), so a revoked client's tokens stop at once on this process and within a second on
//! the others. Failed client authentications are throttled like sign-ins, one counter per
//! client id and client address.
use super::assertion::{self, AssertionError};
use super::{TOKEN_LIFETIME, clients::scopes_of, same, secret_hash};
use crate::audit::{self, AuditKind};
use crate::auth::Auth;
use crate::auth::principal::Software;
use crate::auth::session::{AUDIENCE, ISSUER, SessionError};
use crate::auth::throttle::{self, Softlock};
use crate::random;
use bailleur_api_types::software::Scopes;
use bailleur_api_types::{AccountRole, ApiClientId, PartnerId, UserStatus};
use bailleur_entity::{account, api_client};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, Set, TransactionTrait,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use time::OffsetDateTime;

/// The `kid` of client tokens: which key a token is checked with is decided by it.
pub const CLIENT_TOKEN_KID: &str = "client";
const CLIENT_ACCESS: &str = "client_access";
/// `ebc_` and 22 base62 characters: anything else is refused before it is counted or audited
/// (a secret pasted as the id never reaches the log).
fn well_formed(client_id: &str) -> bool {
    client_id
        .strip_prefix(super::CLIENT_ID_PREFIX)
        .is_some_and(|rest| {
            rest.len() == 22 && rest.bytes().all(|byte| byte.is_ascii_alphanumeric())
        })
}

/// How the client proved who it is.
#[derive(Debug, Clone)]
pub enum ClientAuthentication {
    /// HTTP Basic or `client_secret_post`.
    Secret { client_id: String, secret: String },
    /// `private_key_jwt`; the client id is the assertion's `sub` when not sent beside it.
    Assertion {
        client_id: Option<String>,
        assertion: String,
    },
}

#[derive(Debug, thiserror::Error)]
pub enum GrantError {
    #[error("the client is unknown, revoked, or its secret or assertion is wrong")]
    InvalidClient,
    #[error("the client may not have the scope {0:?}")]
    InvalidScope(String),
    #[error("too many failed authentications of this client")]
    Throttled { retry_after_seconds: i64 },
    #[error("signing the token failed: {0}")]
    Signing(#[from] jsonwebtoken::errors::Error),
    #[error(transparent)]
    Database(#[from] DbErr),
}

/// A token given.
#[derive(Debug, Clone)]
pub struct Granted {
    pub access_token: String,
    pub expires_in: u32,
    pub scopes: Scopes,
}

#[derive(Debug, Serialize, Deserialize)]
struct ClientClaims {
    iss: String,
    aud: String,
    /// The client's public id.
    sub: String,
    cid: ApiClientId,
    /// The partner the token acts for.
    pid: PartnerId,
    scope: String,
    typ: String,
    iat: i64,
    exp: i64,
    jti: String,
}

#[derive(Debug, Deserialize)]
struct Subject {
    sub: String,
}

/// RFC 6749 §4.4.2: the client authenticated, a token for `scope` (all the client's scopes
/// when absent).
pub async fn grant(
    auth: &Auth,
    db: &DatabaseConnection,
    now: OffsetDateTime,
    authentication: &ClientAuthentication,
    scope: Option<&str>,
    token_endpoint: &str,
    client_address: Option<&str>,
) -> Result<Granted, GrantError> {
    let client_id = match authentication {
        ClientAuthentication::Secret { client_id, .. } => client_id.clone(),
        ClientAuthentication::Assertion {
            client_id: Some(client_id),
            ..
        } => client_id.clone(),
        ClientAuthentication::Assertion { assertion, .. } => {
            jsonwebtoken::dangerous::insecure_decode::<Subject>(assertion)
                .map(|data| data.claims.sub)
                .map_err(|_| GrantError::InvalidClient)?
        }
    };
    if !well_formed(&client_id) {
        return Err(GrantError::InvalidClient);
    }
    // Per client id and client address: guesses are slowed where they come from, and nobody
    // can lock a client out from elsewhere by failing on purpose with its public id (a secret
    // of 256 random bits needs no lock of its own against guessing).
    let key = format!(
        "client:{client_id}@{}",
        throttle::address_key(client_address.unwrap_or("unknown"))
    );
    let policy = Softlock::CREDENTIAL;
    // Refused while locked. Unlike a password, a proof of 256 random bits (or a signature)
    // cannot be guessed, so proofs are checked side by side and only failures are counted:
    // no place to wait for, whatever the client's concurrency.
    if let Some(until) = throttle::locked_until(db, &key, now).await? {
        return Err(GrantError::Throttled {
            retry_after_seconds: (until - now).whole_seconds().max(1),
        });
    }
    let client = api_client::Entity::find()
        .filter(api_client::Column::PublicId.eq(&client_id))
        .filter(api_client::Column::RevokedAt.is_null())
        .one(db)
        .await?;
    let creator_live = match &client {
        Some(client) => creator_may_act(db, client).await?,
        None => false,
    };
    let refusal = match &client {
        None => Some("unknown or revoked client".to_owned()),
        Some(_) if !creator_live => Some("its administrator is no longer one".to_owned()),
        Some(client) => authenticated(db, client, authentication, token_endpoint, now)
            .await?
            .err(),
    };
    let (Some(client), None) = (client, refusal.as_ref()) else {
        throttle::count_failure(db, &policy, &key, now).await?;
        audit::record(
            db,
            now,
            AuditKind::ApiTokenRefused,
            None,
            client_address,
            json!({"api_client": client_id, "reason": refusal}),
        )
        .await?;
        return Err(GrantError::InvalidClient);
    };
    let allowed = scopes_of(&client);
    let granted = match scope {
        None => allowed,
        Some(requested) => match Scopes::parse_space_separated(requested) {
            Ok(requested) if requested.is_subset(allowed) && !requested.is_empty() => requested,
            Ok(_) => {
                // The client proved who it is: its failures are forgotten all the same.
                throttle::forget_failures(db, &key).await?;
                return Err(GrantError::InvalidScope(requested.to_owned()));
            }
            Err(unknown) => {
                throttle::forget_failures(db, &key).await?;
                return Err(GrantError::InvalidScope(unknown));
            }
        },
    };
    let claims = ClientClaims {
        iss: ISSUER.to_owned(),
        aud: AUDIENCE.to_owned(),
        sub: client.public_id.clone(),
        cid: client.id,
        pid: client.partner_id,
        scope: granted.to_space_separated(),
        typ: CLIENT_ACCESS.to_owned(),
        iat: now.unix_timestamp(),
        exp: (now + TOKEN_LIFETIME).unix_timestamp(),
        jti: random::token(),
    };
    let mut header = Header::new(Algorithm::HS256);
    header.kid = Some(CLIENT_TOKEN_KID.to_owned());
    let access_token = jsonwebtoken::encode(
        &header,
        &claims,
        &EncodingKey::from_secret(auth.keys().client_jwt()),
    )?;
    let txn = db.begin().await?;
    throttle::forget_failures(&txn, &key).await?;
    let partner_id = client.partner_id;
    let public_id = client.public_id.clone();
    let mut used: api_client::ActiveModel = client.into();
    used.last_used_at = Set(Some(now));
    used.update(&txn).await?;
    audit::record(
        &txn,
        now,
        AuditKind::ApiTokenIssued,
        None,
        client_address,
        json!({"api_client": public_id, "partner_id": partner_id, "scope": claims.scope}),
    )
    .await?;
    txn.commit().await?;
    Ok(Granted {
        access_token,
        expires_in: u32::try_from(TOKEN_LIFETIME.whole_seconds()).unwrap_or(u32::MAX),
        scopes: granted,
    })
}

/// `Ok(Err(reason))` when the client's proof is wrong.
async fn authenticated(
    db: &impl ConnectionTrait,
    client: &api_client::Model,
    authentication: &ClientAuthentication,
    token_endpoint: &str,
    now: OffsetDateTime,
) -> Result<Result<(), String>, DbErr> {
    match authentication {
        // A client that registered a key authenticates with it, never with a secret.
        ClientAuthentication::Secret { .. } if client.public_key.is_some() => {
            Ok(Err("a secret sent for a key-only client".to_owned()))
        }
        ClientAuthentication::Secret { secret, .. } => {
            let hash = secret_hash(secret);
            let current = same(&hash, &client.secret_hash);
            let previous = client
                .previous_secret_hash
                .as_deref()
                .is_some_and(|previous| same(&hash, previous))
                && client
                    .previous_secret_expires_at
                    .is_some_and(|until| now < until);
            Ok((current || previous)
                .then_some(())
                .ok_or_else(|| "wrong secret".to_owned()))
        }
        ClientAuthentication::Assertion { assertion, .. } => {
            match assertion::verify(db, client, assertion, token_endpoint, now).await {
                Ok(()) => Ok(Ok(())),
                Err(AssertionError::Database(error)) => Err(error),
                Err(refused) => Ok(Err(refused.to_string())),
            }
        }
    }
}

/// Whether `token` is a client token (by its header), before checking it.
pub fn is_client_token(token: &str) -> bool {
    jsonwebtoken::decode_header(token)
        .is_ok_and(|header| header.kid.as_deref() == Some(CLIENT_TOKEN_KID))
}

/// The software a client token speaks for, if the token is valid and its client live.
pub async fn authenticate(
    auth: &Auth,
    db: &impl ConnectionTrait,
    now: OffsetDateTime,
    token: &str,
) -> Result<Software, SessionError> {
    let mut validation = Validation::new(Algorithm::HS256);
    validation.set_audience(&[AUDIENCE]);
    validation.set_issuer(&[ISSUER]);
    validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
    validation.validate_exp = false;
    let claims = jsonwebtoken::decode::<ClientClaims>(
        token,
        &DecodingKey::from_secret(auth.keys().client_jwt()),
        &validation,
    )
    .map_err(|_| SessionError::Unauthenticated)?
    .claims;
    if claims.typ != CLIENT_ACCESS || claims.exp <= now.unix_timestamp() {
        return Err(SessionError::Unauthenticated);
    }
    if let Some(software) = auth.clients.get(&claims.jti, now) {
        return Ok(software);
    }
    let generation = auth.clients.generation();
    let client = api_client::Entity::find_by_id(claims.cid)
        .filter(api_client::Column::RevokedAt.is_null())
        .one(db)
        .await?
        .filter(|client| client.public_id == claims.sub && client.partner_id == claims.pid)
        .ok_or(SessionError::Unauthenticated)?;
    if !creator_may_act(db, &client).await? {
        return Err(SessionError::Unauthenticated);
    }
    let granted = Scopes::parse_space_separated(&claims.scope).unwrap_or_default();
    let allowed = scopes_of(&client);
    let software = Software {
        client_id: client.id,
        partner_id: client.partner_id,
        created_by: client.created_by,
        scopes: granted
            .iter()
            .filter(|scope| allowed.contains(*scope))
            .collect(),
        expires_at: OffsetDateTime::from_unix_timestamp(claims.exp)
            .map_err(|_| SessionError::Unauthenticated)?,
    };
    auth.clients
        .remember(&claims.jti, software, now, generation);
    Ok(software)
}

/// A client acts for the administrator who created it: once that account is disabled or no
/// longer an administrator, the client stops (until another administrator creates one).
async fn creator_may_act(
    db: &impl ConnectionTrait,
    client: &api_client::Model,
) -> Result<bool, DbErr> {
    Ok(account::Entity::find_by_id(client.created_by)
        .one(db)
        .await?
        .is_some_and(|creator| {
            creator.status == UserStatus::Active
                && creator.role == AccountRole::Administrator
                && creator.partner_id == client.partner_id
        }))
}

#[cfg(test)]
mod tests {
    #[test]
    fn r_api_2_only_well_formed_client_ids_are_counted() {
        assert!(super::well_formed("ebc_0123456789ABCDEFGHIJkl"));
        for refused in [
            "",
            "ebc_",
            "ebc_short",
            "eb_live_0123456789ABCDEFGHIJ",
            "ebc_0123456789ABCDEFGHIJk-",
        ] {
            assert!(!super::well_formed(refused), "{refused}");
        }
    }
}

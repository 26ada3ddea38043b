//! `private_key_jwt` (RFC 7523 §2.2, OpenID Connect Core §9): the client signs a short JWT with
//! its private key; the server checks it with the public key registered for the client. Only
//! ES256 (P-256) and RS256 (2048 bits at least) keys are taken; the algorithm is the key's,
//! never the token header's choice.
use super::{ASSERTION_MAX_LIFETIME, same};
use bailleur_api_types::software::PublicJwk;
use bailleur_entity::{api_client, used_assertion};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, Set};
use serde::Deserialize;
use time::OffsetDateTime;

/// Why an assertion was refused: each is `invalid_client` to the client, told apart in the log.
#[derive(Debug, thiserror::Error)]
pub enum AssertionError {
    #[error("the client has no public key")]
    NoKey,
    #[error("the assertion is malformed or its signature is wrong")]
    Signature,
    #[error("iss and sub must both be the client id")]
    Subject,
    #[error("aud must be the token endpoint")]
    Audience,
    #[error("the assertion is expired or lives more than five minutes")]
    Lifetime,
    #[error("the assertion's jti was used already")]
    Replayed,
    #[error(transparent)]
    Database(#[from] DbErr),
}

/// The algorithm a registered key will be checked with, or why it is refused (in French, for
/// the administrator).
pub fn accepted_key(jwk: &PublicJwk) -> Result<&'static str, &'static str> {
    let (_, algorithm) = decoding_key(jwk)?;
    Ok(match algorithm {
        Algorithm::RS256 => "RS256",
        _ => "ES256",
    })
}

fn decoding_key(jwk: &PublicJwk) -> Result<(DecodingKey, Algorithm), &'static str> {
    match (jwk.kty.as_str(), jwk.alg.as_deref()) {
        ("EC", None | Some("ES256")) => {
            let (Some("P-256"), Some(x), Some(y)) = (jwk.crv.as_deref(), &jwk.x, &jwk.y) else {
                return Err("Une clé EC doit être sur la courbe P-256, avec x et y.");
            };
            let sized = |coordinate: &str| {
                URL_SAFE_NO_PAD
                    .decode(coordinate)
                    .is_ok_and(|bytes| bytes.len() == 32)
            };
            if !sized(x) || !sized(y) {
                return Err("Les coordonnées x et y d'une clé P-256 font 32 octets.");
            }
            DecodingKey::from_ec_components(x, y)
                .map(|key| (key, Algorithm::ES256))
                .map_err(|_| "Cette clé EC n'est pas lisible.")
        }
        ("RSA", None | Some("RS256")) => {
            let (Some(n), Some(e)) = (&jwk.n, &jwk.e) else {
                return Err("Une clé RSA doit avoir n et e.");
            };
            let bits = URL_SAFE_NO_PAD
                .decode(n)
                .map(|bytes| bytes.iter().skip_while(|byte| **byte == 0).count() * 8)
                .unwrap_or(0);
            if bits < 2048 {
                return Err("Une clé RSA doit faire au moins 2048 bits.");
            }
            DecodingKey::from_rsa_components(n, e)
                .map(|key| (key, Algorithm::RS256))
                .map_err(|_| "Cette clé RSA n'est pas lisible.")
        }
        _ => Err("Seules les clés EC P-256 (ES256) et RSA (RS256) sont acceptées."),
    }
}

#[derive(Debug, Deserialize)]
struct AssertionClaims {
    iss: String,
    sub: String,
    exp: i64,
    jti: String,
}

/// Checks `assertion` for `client` and burns its `jti` (kept until it expires: a second use
/// is refused by the unique index, whichever process sees it).
pub async fn verify(
    db: &impl ConnectionTrait,
    client: &api_client::Model,
    assertion: &str,
    token_endpoint: &str,
    now: OffsetDateTime,
) -> Result<(), AssertionError> {
    let jwk: PublicJwk = client
        .public_key
        .as_deref()
        .and_then(|stored| serde_json::from_str(stored).ok())
        .ok_or(AssertionError::NoKey)?;
    let (key, algorithm) = decoding_key(&jwk).map_err(|_| AssertionError::NoKey)?;
    let mut validation = Validation::new(algorithm);
    validation.set_audience(&[token_endpoint]);
    validation.set_required_spec_claims(&["exp", "iss", "sub", "aud", "jti"]);
    // The expiry is checked below against the injected clock.
    validation.validate_exp = false;
    let claims = jsonwebtoken::decode::<AssertionClaims>(assertion, &key, &validation)
        .map_err(|error| match error.kind() {
            jsonwebtoken::errors::ErrorKind::InvalidAudience => AssertionError::Audience,
            _ => AssertionError::Signature,
        })?
        .claims;
    if !same(&claims.iss, &client.public_id) || !same(&claims.sub, &client.public_id) {
        return Err(AssertionError::Subject);
    }
    let expires = claims.exp;
    let now_s = now.unix_timestamp();
    if expires <= now_s || expires - now_s > ASSERTION_MAX_LIFETIME.whole_seconds() {
        return Err(AssertionError::Lifetime);
    }
    if claims.jti.is_empty() || claims.jti.len() > 255 {
        return Err(AssertionError::Signature);
    }
    let expires_at =
        OffsetDateTime::from_unix_timestamp(expires).map_err(|_| AssertionError::Lifetime)?;
    let inserted = used_assertion::Entity::insert(used_assertion::ActiveModel {
        api_client_id: Set(client.id),
        jti: Set(claims.jti),
        expires_at: Set(expires_at),
        ..Default::default()
    })
    .on_conflict(
        sea_orm::sea_query::OnConflict::columns([
            used_assertion::Column::ApiClientId,
            used_assertion::Column::Jti,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    if inserted == 0 {
        return Err(AssertionError::Replayed);
    }
    Ok(())
}

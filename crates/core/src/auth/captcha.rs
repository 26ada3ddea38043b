//! The "vérification de sécurité" of the forgotten-password form (R-RESET-1): a proof of work
//! rather than a picture. The server hands out a signed, dated token; the app finds a nonce such
//! that SHA-256(token ":" nonce) starts with `difficulty` zero bits (about 2^18 hashes, a
//! fraction of a second in the browser, nothing to read or to click, so nothing to make
//! accessible), and each token serves once. Scripts pay that work for every try.
use super::Keys;
use crate::random;
use bailleur_api_types::auth::CaptchaChallenge;
use bailleur_entity::used_captcha;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, Set};
use sha2::Sha256;
use time::{Duration, OffsetDateTime};

pub const DIFFICULTY: u32 = 18;
const LIFETIME: Duration = Duration::minutes(10);

#[derive(Debug, thiserror::Error)]
pub enum CaptchaError {
    #[error("the security check is missing, forged, expired or already used")]
    Invalid,
    #[error("the proof of work does not meet the difficulty")]
    NotSolved,
    #[error(transparent)]
    Database(#[from] DbErr),
}

fn mac(keys: &Keys, body: &[u8]) -> Hmac<Sha256> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&keys.captcha)
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    mac.update(body);
    mac
}

pub fn issue(keys: &Keys, now: OffsetDateTime) -> CaptchaChallenge {
    let expires_at = now + LIFETIME;
    let mut body = [0u8; 24];
    body[..16].copy_from_slice(&random::bytes::<16>());
    body[16..].copy_from_slice(&expires_at.unix_timestamp().to_be_bytes());
    let tag = mac(keys, &body).finalize().into_bytes();
    let mut token = body.to_vec();
    token.extend_from_slice(&tag[..16]);
    CaptchaChallenge {
        token: URL_SAFE_NO_PAD.encode(token),
        difficulty: DIFFICULTY,
        expires_at,
    }
}

pub use bailleur_api_types::auth::captcha_work as work;

/// Accepts a solved, genuine, unexpired token once.
pub async fn check(
    db: &impl ConnectionTrait,
    keys: &Keys,
    now: OffsetDateTime,
    token: &str,
    nonce: u64,
) -> Result<(), CaptchaError> {
    let bytes = URL_SAFE_NO_PAD
        .decode(token)
        .map_err(|_| CaptchaError::Invalid)?;
    if bytes.len() != 40 {
        return Err(CaptchaError::Invalid);
    }
    let (body, tag) = bytes.split_at(24);
    mac(keys, body)
        .verify_truncated_left(tag)
        .map_err(|_| CaptchaError::Invalid)?;
    let mut expiry = [0u8; 8];
    expiry.copy_from_slice(&body[16..]);
    if i64::from_be_bytes(expiry) <= now.unix_timestamp() {
        return Err(CaptchaError::Invalid);
    }
    if work(token, nonce) < DIFFICULTY {
        return Err(CaptchaError::NotSolved);
    }
    // The unique index makes a second use fail, even from two requests at once.
    used_captcha::Entity::insert(used_captcha::ActiveModel {
        token: Set(token.to_owned()),
        used_at: Set(now),
        ..Default::default()
    })
    .exec_without_returning(db)
    .await
    .map_err(|error| match error.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => CaptchaError::Invalid,
        _ => CaptchaError::Database(error),
    })?;
    Ok(())
}

/// Finds a nonce (what the app does); used by tests.
pub fn solve(token: &str, difficulty: u32) -> u64 {
    (0..u64::MAX)
        .find(|nonce| work(token, *nonce) >= difficulty)
        .unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn r_reset_1_work_counts_leading_zero_bits() {
        let token = "essai";
        let nonce = solve(token, 12);
        assert!(work(token, nonce) >= 12);
        assert!((0..nonce).all(|n| work(token, n) < 12));
    }

    #[test]
    fn r_reset_1_tokens_are_signed_and_dated() {
        let keys = Keys::derive(b"secret");
        let now = datetime!(2026-07-01 09:00 UTC);
        let challenge = issue(&keys, now);
        assert_eq!(challenge.difficulty, DIFFICULTY);
        assert_eq!(challenge.expires_at, now + LIFETIME);
        assert_ne!(issue(&keys, now).token, challenge.token);
    }
}

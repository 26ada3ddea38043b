//! `Idempotency-Key` (R-API-2): what makes a retried POST safe.
use reqwest::header::HeaderMap;

/// The header a POST carries its key in.
pub(crate) const IDEMPOTENCY_KEY: &str = "Idempotency-Key";
/// The header of an answer the server replayed from an earlier call with the same key.
pub(crate) const IDEMPOTENT_REPLAYED: &str = "Idempotent-Replayed";

/// A fresh key (a random uuid), for a caller that stores it before the call so that it can
/// retry with the same key after a restart
/// ([`Client::submit_batch_with_key`](crate::Client::submit_batch_with_key)).
// The client runs in other people's programs, far from the server's `bailleur_core::random`:
// this is its one draw from the generator.
#[allow(
    clippy::disallowed_methods,
    reason = "the client crate's only source of randomness"
)]
pub fn new_idempotency_key() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// Whether the answer is the one the server stored for this key the first time (`Yes`: the
/// declarations were recorded by an earlier call, not by this one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replayed {
    No,
    Yes,
}

impl Replayed {
    pub(crate) fn of(headers: &HeaderMap) -> Self {
        let replayed = headers
            .get(IDEMPOTENT_REPLAYED)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|value| value.trim().eq_ignore_ascii_case("true"));
        if replayed { Self::Yes } else { Self::No }
    }
}

/// A key the server would refuse or read otherwise: it must be 1 to 255 printable ASCII
/// characters (a header value cannot carry others), with no space at either end (HTTP strips
/// them) and no leading `"` (the server reads a quoted key as a structured-field string).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "an Idempotency-Key is 1 to 255 printable ASCII characters, no space at either end, no \
     leading quote"
)]
pub struct InvalidIdempotencyKey;

pub(crate) fn check(key: &str) -> Result<&str, InvalidIdempotencyKey> {
    let printable = key.bytes().all(|byte| (b' '..=b'~').contains(&byte));
    if (1..=255).contains(&key.len()) && printable && key.trim() == key && !key.starts_with('"') {
        Ok(key)
    } else {
        Err(InvalidIdempotencyKey)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_api_2_keys_are_fresh_and_acceptable() {
        let (first, second) = (new_idempotency_key(), new_idempotency_key());
        assert_ne!(first, second);
        assert_eq!(check(&first), Ok(first.as_str()));
    }

    #[test]
    fn r_api_2_keys_the_server_would_refuse_are_refused_here() {
        assert!(check("").is_err());
        assert!(check(&"k".repeat(256)).is_err());
        assert!(check(&"k".repeat(255)).is_ok());
        assert!(check("clé").is_err());
        assert!(check("a\nb").is_err());
        assert!(check(" padded").is_err());
        assert!(check("\"quoted\"").is_err());
        assert!(check("order 2026-07/42").is_ok());
    }
}

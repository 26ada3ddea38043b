//! Random codes and tokens from the operating system's CSPRNG, and how they are stored: never in
//! clear (R-OTP-4, R-AUTH-8).
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};

/// A 6-digit code, uniform over 000000–999999 (rejection sampling: no modulo bias).
pub fn six_digit_code() -> String {
    const LIMIT: u32 = u32::MAX - (u32::MAX % 1_000_000);
    loop {
        let draw = OsRng.next_u32();
        if draw < LIMIT {
            return format!("{:06}", draw % 1_000_000);
        }
    }
}

/// `length` characters drawn uniformly from `alphabet` (at most 256 symbols): draws past the
/// largest multiple of its size are rejected, so no symbol comes up more often (no modulo bias).
pub fn random_from(alphabet: &[u8], length: usize) -> String {
    let size = alphabet.len().clamp(1, 256) as u32;
    let limit = 256 - 256 % size;
    (0..length)
        .map(|_| {
            loop {
                let draw = OsRng.next_u32() & 0xff;
                if draw < limit {
                    break char::from(alphabet[(draw % size) as usize]);
                }
            }
        })
        .collect()
}

/// 256 random bits, URL-safe: refresh tokens and public ids of flows and sessions.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Refresh tokens carry 256 bits: a plain SHA-256 is enough to store them.
pub fn token_hash(token: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(token.as_bytes()))
}

/// A code has only 10^6 values: it is keyed with the server's secret and bound to its flow, so a
/// copy of the database alone does not reveal it and it is worthless in another flow.
pub fn code_hash(key: &[u8], flow_public_id: &str, code: &str) -> String {
    URL_SAFE_NO_PAD.encode(code_mac(key, flow_public_id, code).finalize().into_bytes())
}

/// Compares in constant time.
pub fn code_matches(key: &[u8], flow_public_id: &str, code: &str, stored: &str) -> bool {
    URL_SAFE_NO_PAD.decode(stored).is_ok_and(|tag| {
        code_mac(key, flow_public_id, code)
            .verify_slice(&tag)
            .is_ok()
    })
}

fn code_mac(key: &[u8], flow_public_id: &str, code: &str) -> Hmac<Sha256> {
    // HMAC accepts keys of any length: this cannot fail.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key)
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    mac.update(flow_public_id.as_bytes());
    mac.update(b":");
    mac.update(code.as_bytes());
    mac
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_otp_4_codes_are_six_digits() {
        for _ in 0..1000 {
            let code = six_digit_code();
            assert_eq!(code.len(), 6);
            assert!(code.chars().all(|c| c.is_ascii_digit()));
        }
    }

    #[test]
    fn r_otp_4_code_hash_is_bound_to_key_and_flow() {
        let stored = code_hash(b"key", "flow-a", "123456");
        assert!(!stored.contains("123456"));
        assert!(code_matches(b"key", "flow-a", "123456", &stored));
        assert!(!code_matches(b"key", "flow-b", "123456", &stored));
        assert!(!code_matches(b"other", "flow-a", "123456", &stored));
        assert!(!code_matches(b"key", "flow-a", "123457", &stored));
    }

    #[test]
    fn random_strings_are_unbiased() {
        // 30 symbols: with `byte % 30`, the first 16 came up 9/8 as often as the others.
        let alphabet = b"23456789ABCDEFGHJKMNPQRSTVWXYZ";
        let drawn = random_from(alphabet, 300_000);
        let mut counts = std::collections::HashMap::new();
        for c in drawn.chars() {
            *counts.entry(c).or_insert(0u32) += 1;
        }
        assert_eq!(counts.len(), 30);
        let (low, high) = (
            counts.values().min().unwrap(),
            counts.values().max().unwrap(),
        );
        // Each symbol is expected 10,000 times (σ ≈ 98): a 9/8 bias would put some near 11,000.
        assert!(*high < 10_500 && *low > 9_500, "{low}..{high}");
    }

    #[test]
    fn tokens_are_distinct_and_hashed() {
        let (a, b) = (random_token(), random_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_ne!(token_hash(&a), a);
        assert_eq!(token_hash(&a), token_hash(&a));
    }
}

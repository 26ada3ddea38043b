//! The one home of randomness: the only module that touches the operating system's CSPRNG
//! (`rand`'s `OsRng`, unbuffered: every draw is fresh from the kernel). Codes, tokens, provisional
//! passwords, declaration references, captcha nonces and password salts all come from here;
//! `clippy.toml` forbids `OsRng`, `thread_rng`, `rand::random` and `Uuid::new_v4` everywhere
//! else.
//!
//! Picking from an alphabet goes through `rand`'s uniform distributions, which reject the draws
//! that would favour some symbols: no modulo bias (R-OTP-4).
// The only place allowed to name the OS generator (clippy.toml's `disallowed-types`).
#![allow(clippy::disallowed_types)]

use argon2::password_hash::SaltString;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::distributions::{Distribution, Slice, Uniform};
use rand::rngs::OsRng;
use rand::{CryptoRng, RngCore};

/// The generator everything here draws from, for the libraries that take one (argon2's salts).
pub fn rng() -> impl RngCore + CryptoRng {
    OsRng
}

/// `length` characters drawn uniformly and independently from `alphabet` (ASCII symbols).
/// An empty alphabet gives an empty string.
pub fn string_from(alphabet: &[u8], length: usize) -> String {
    debug_assert!(!alphabet.is_empty(), "an alphabet has symbols");
    Slice::new(alphabet).map_or_else(
        |_| String::new(),
        |symbols| {
            symbols
                .sample_iter(rng())
                .take(length)
                .map(|&symbol| char::from(symbol))
                .collect()
        },
    )
}

/// A 6-digit code, uniform over 000000–999999.
pub fn six_digit_code() -> String {
    format!(
        "{:06}",
        Uniform::new_inclusive(0u32, 999_999).sample(&mut rng())
    )
}

/// `N` random bytes.
pub fn bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    rng().fill_bytes(&mut bytes);
    bytes
}

/// A version 4 uuid, drawn here (the public ids of flows, decoys and sessions).
pub fn uuid() -> uuid::Uuid {
    uuid::Builder::from_random_bytes(bytes::<16>()).into_uuid()
}

/// 256 random bits, URL-safe (43 characters): refresh tokens, public ids, generated secrets.
pub fn token() -> String {
    URL_SAFE_NO_PAD.encode(bytes::<32>())
}

/// A fresh salt for an argon2 hash (16 bytes, the recommended length).
pub fn salt() -> SaltString {
    SaltString::generate(rng())
}

/// A provisional password meeting every rule of R-AUTH-6 (16 characters, unambiguous letters).
pub fn provisional_password() -> String {
    format!(
        "{}{}-{}!",
        string_from(b"ABCDEFGHJKLMNPQRSTUVWXYZ", 3),
        string_from(b"abcdefghijkmnopqrstuvwxyz", 7),
        string_from(b"0123456789", 4)
    )
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
    fn random_strings_are_unbiased() {
        // 30 symbols: with `byte % 30`, the first 16 came up 9/8 as often as the others.
        let alphabet = b"23456789ABCDEFGHJKMNPQRSTVWXYZ";
        let drawn = string_from(alphabet, 300_000);
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
    fn random_strings_have_their_length_and_alphabet() {
        let drawn = string_from(b"AB", 64);
        assert_eq!(drawn.len(), 64);
        assert!(drawn.chars().all(|c| c == 'A' || c == 'B'));
    }

    #[test]
    fn tokens_are_distinct_and_url_safe() {
        let (a, b) = (token(), token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert!(
            a.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        );
    }

    #[test]
    fn bytes_and_salts_differ_between_draws() {
        assert_ne!(bytes::<16>(), bytes::<16>());
        assert_ne!(salt().as_str(), salt().as_str());
        assert_eq!(salt().as_str().len(), 22);
    }
}

//! Password hashing: argon2id with the OWASP parameters (m = 19456 KiB, t = 2, p = 1).
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rand_core::OsRng;

#[derive(Debug, thiserror::Error)]
pub enum HashError {
    #[error("password hashing failed: {0}")]
    Hashing(argon2::password_hash::Error),
}

fn hasher() -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::default())
}

/// Hashes with a fresh random salt; CPU-bound (~16 ms): call it off the async executor.
pub fn hash_password(password: &str) -> Result<String, HashError> {
    let salt = SaltString::generate(&mut OsRng);
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(HashError::Hashing)
}

/// True when `password` matches `stored`; a malformed stored hash never matches.
pub fn verify_password(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .is_ok_and(|hash| hasher().verify_password(password.as_bytes(), &hash).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owasp_parameters_and_round_trip() -> Result<(), HashError> {
        let hash = hash_password("Bailleur-Demo-2026!")?;
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify_password("Bailleur-Demo-2026!", &hash));
        assert!(!verify_password("bailleur-demo-2026!", &hash));
        assert!(!verify_password("Bailleur-Demo-2026!", "not a hash"));
        Ok(())
    }
}

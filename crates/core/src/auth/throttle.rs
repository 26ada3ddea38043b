//! Slowing down then locking repeated sign-in failures (R-AUTH-7), kanidm-style: the lock is a
//! pure function of the failure history and the time, so tests move a clock instead of waiting.
//! One counter per credential (shared by the identifier, the email and their case variants, and
//! by linked accounts, who share the password) and one per client address.
use bailleur_entity::throttle_counter;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use time::{Duration, OffsetDateTime};

/// How fast failures lock: the first `free_failures` cost nothing, then each one doubles the
/// wait from `base` up to `max`; failures older than `forget_after` are forgotten.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Softlock {
    pub free_failures: u32,
    pub base: Duration,
    pub max: Duration,
    pub forget_after: Duration,
}

impl Softlock {
    /// How many tries of a key can be under way at once: the free ones and one more.
    pub fn places(&self) -> usize {
        usize::try_from(self.free_failures).map_or(usize::MAX, |free| free.saturating_add(1))
    }

    /// Per credential: three mistypes are free, then 2 s, 4 s, 8 s … up to a 15-minute lock.
    pub const CREDENTIAL: Softlock = Softlock {
        free_failures: 3,
        base: Duration::seconds(2),
        max: Duration::minutes(15),
        forget_after: Duration::hours(24),
    };
    /// Per client address: generous (offices share one address), then the same doubling.
    pub const CLIENT_ADDRESS: Softlock = Softlock {
        free_failures: 30,
        base: Duration::seconds(1),
        max: Duration::minutes(15),
        forget_after: Duration::hours(1),
    };

    /// How long sign-in stays closed after the `failures`-th failure.
    pub fn delay_after(&self, failures: u32) -> Duration {
        let Some(over) = failures.checked_sub(self.free_failures + 1) else {
            return Duration::ZERO;
        };
        // 2^20 × base already exceeds any sensible max: cap the exponent to stay in range.
        let factor = 1i32 << Ord::min(over, 20);
        (self.base * factor).min(self.max)
    }

    /// Until when sign-in is closed, given the stored history; `None` when open.
    pub fn locked_until(
        &self,
        failures: u32,
        last_failure_at: OffsetDateTime,
        now: OffsetDateTime,
    ) -> Option<OffsetDateTime> {
        if now - last_failure_at > self.forget_after {
            return None;
        }
        let until = last_failure_at + self.delay_after(failures);
        (until > now).then_some(until)
    }

    /// The failure count that still matters at `now`.
    pub fn live_failures(
        &self,
        failures: u32,
        last_failure_at: OffsetDateTime,
        now: OffsetDateTime,
    ) -> u32 {
        if now - last_failure_at > self.forget_after {
            0
        } else {
            failures
        }
    }
}

pub fn credential_key(credential_id: i32) -> String {
    format!("credential:{credential_id}")
}

/// The counter of a client address. An IPv6 client is counted per /64: one line of a provider
/// gets a whole /64 and could otherwise walk through its addresses (R-AUTH-7).
pub fn address_key(address: &str) -> String {
    match address.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V6(v6)) if v6.to_ipv4_mapped().is_none() => {
            let prefix = u128::from(v6) & !((1u128 << 64) - 1);
            format!("address:{}/64", std::net::Ipv6Addr::from(prefix))
        }
        Ok(std::net::IpAddr::V6(v6)) => format!("address:{}", v6.to_canonical()),
        _ => format!("address:{address}"),
    }
}

/// How long an attempt being checked counts as such: a process that died mid-check frees its
/// place after this.
pub const HOLD: Duration = Duration::seconds(30);

/// What [`reserve`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reservation {
    /// A place among the tries left: the password may be checked.
    Taken,
    /// The key is locked: nothing is counted.
    Locked,
    /// Every try left is being checked right now: wait for one of them to end.
    Busy,
}

/// Takes one of the tries left on `key` before its password is checked, by one statement. The
/// attempts being checked count against the tries left as if they were failures: of a burst of
/// simultaneous guesses no more are checked than the free tries plus one (R-AUTH-7); once a
/// lock has passed, one at a time.
pub async fn reserve(
    db: &impl ConnectionTrait,
    policy: &Softlock,
    key: &str,
    now: OffsetDateTime,
) -> Result<Reservation, DbErr> {
    let free = i32::try_from(policy.free_failures).unwrap_or(i32::MAX);
    let row = db
        .query_one_raw(crate::database::statement(
            db.get_database_backend(),
            "INSERT INTO throttle_counter \
               (key, failures, last_failure_at, locked_until, in_flight, in_flight_since) \
             VALUES ($1, 0, $2, NULL, 1, $2) \
             ON CONFLICT (key) DO UPDATE SET \
               failures = CASE WHEN throttle_counter.last_failure_at < $3 THEN 0 \
                               ELSE throttle_counter.failures END, \
               in_flight = CASE WHEN throttle_counter.in_flight_since IS NULL \
                                  OR throttle_counter.in_flight_since < $4 THEN 1 \
                                ELSE throttle_counter.in_flight + 1 END, \
               in_flight_since = $2 \
             WHERE (throttle_counter.locked_until IS NULL OR throttle_counter.locked_until <= $2 \
                    OR throttle_counter.last_failure_at < $3) \
               AND (CASE WHEN throttle_counter.in_flight_since IS NULL \
                           OR throttle_counter.in_flight_since < $4 THEN 0 \
                         ELSE throttle_counter.in_flight END) \
                 < (CASE WHEN throttle_counter.last_failure_at < $3 THEN $5 + 1 \
                         WHEN throttle_counter.failures >= $5 THEN 1 \
                         ELSE $5 + 1 - throttle_counter.failures END) \
             RETURNING in_flight",
            [
                key.into(),
                now.into(),
                (now - policy.forget_after).into(),
                (now - HOLD).into(),
                free.into(),
            ],
        ))
        .await?;
    if row.is_some() {
        return Ok(Reservation::Taken);
    }
    Ok(match locked_until(db, key, now).await? {
        Some(_) => Reservation::Locked,
        None => Reservation::Busy,
    })
}

/// [`reserve`], waiting while every try left is being checked (honest sign-ins at the same
/// moment on one shared password: each check takes milliseconds). After `HOLD`, busy is locked.
pub async fn reserve_waiting(
    db: &impl ConnectionTrait,
    policy: &Softlock,
    key: &str,
    now: OffsetDateTime,
) -> Result<Reservation, DbErr> {
    let started = std::time::Instant::now();
    // Other processes hold the places: asked again less and less often.
    let mut pause = std::time::Duration::from_millis(5);
    loop {
        match reserve(db, policy, key, now).await? {
            Reservation::Busy if started.elapsed() < WAIT => {
                tokio::time::sleep(pause).await;
                pause = Ord::min(pause * 2, std::time::Duration::from_millis(100));
            }
            Reservation::Busy => return Ok(Reservation::Locked),
            other => return Ok(other),
        }
    }
}

/// How long an attempt waits for a place among the tries left.
const WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// The attempt taken failed: one more failure and the lock it brings, in one statement (a
/// request cut short cannot leave a failure without its lock, which `reserve` would not see).
/// Returns that lock.
pub async fn settle_failure(
    db: &impl ConnectionTrait,
    policy: &Softlock,
    key: &str,
    now: OffsetDateTime,
) -> Result<Option<OffsetDateTime>, DbErr> {
    // The lock of each failure count past the free ones, up to the first that reaches the
    // longest lock: a short table, bound as values.
    let mut sql = String::from(
        "UPDATE throttle_counter SET failures = failures + 1, last_failure_at = $2, \
           in_flight = CASE WHEN in_flight > 0 THEN in_flight - 1 ELSE 0 END, \
           locked_until = CASE",
    );
    let mut values: Vec<sea_orm::Value> = vec![key.into(), now.into()];
    let mut failures = policy.free_failures.saturating_add(1);
    loop {
        let delay = policy.delay_after(failures);
        values.push(i32::try_from(failures).unwrap_or(i32::MAX).into());
        let count = values.len();
        values.push((now + delay).into());
        let until = values.len();
        if delay >= policy.max || failures == u32::MAX {
            sql.push_str(&format!(" WHEN failures + 1 >= ${count} THEN ${until}"));
            break;
        }
        sql.push_str(&format!(" WHEN failures + 1 = ${count} THEN ${until}"));
        failures += 1;
    }
    sql.push_str(" ELSE locked_until END WHERE key = $1 RETURNING failures");
    let row = db
        .query_one_raw(crate::database::statement(
            db.get_database_backend(),
            &sql,
            values,
        ))
        .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let failures = u32::try_from(row.try_get::<i32>("", "failures")?).unwrap_or(u32::MAX);
    Ok(policy.locked_until(failures, now, now))
}

/// The attempt taken succeeded: its place is given back; `forget` wipes the failures too (a
/// credential's, not a client address's: a valid account must not clear its address's record).
pub async fn settle_success(
    db: &impl ConnectionTrait,
    key: &str,
    forget: bool,
) -> Result<(), DbErr> {
    let mut update = throttle_counter::Entity::update_many()
        .col_expr(
            throttle_counter::Column::InFlight,
            Expr::cust("CASE WHEN in_flight > 0 THEN in_flight - 1 ELSE 0 END"),
        )
        .filter(throttle_counter::Column::Key.eq(key));
    if forget {
        update = update
            .col_expr(throttle_counter::Column::Failures, Expr::value(0))
            .col_expr(
                throttle_counter::Column::LockedUntil,
                Expr::value(Option::<OffsetDateTime>::None),
            );
    }
    update.exec(db).await?;
    Ok(())
}

/// One more failure on `key` and the lock it brings, without a reserved place: for proofs that
/// cannot be guessed (API client secrets and signatures), checked side by side.
pub async fn count_failure(
    db: &impl ConnectionTrait,
    policy: &Softlock,
    key: &str,
    now: OffsetDateTime,
) -> Result<Option<OffsetDateTime>, DbErr> {
    db.execute_raw(crate::database::statement(
        db.get_database_backend(),
        "INSERT INTO throttle_counter \
           (key, failures, last_failure_at, locked_until, in_flight, in_flight_since) \
         VALUES ($1, 0, $2, NULL, 0, NULL) \
         ON CONFLICT (key) DO UPDATE SET failures = CASE \
           WHEN throttle_counter.last_failure_at < $3 THEN 0 ELSE throttle_counter.failures END",
        [key.into(), now.into(), (now - policy.forget_after).into()],
    ))
    .await?;
    settle_failure(db, policy, key, now).await
}

/// A success wipes `key`'s failures, writing only when there are some.
pub async fn forget_failures(db: &impl ConnectionTrait, key: &str) -> Result<(), DbErr> {
    throttle_counter::Entity::update_many()
        .col_expr(throttle_counter::Column::Failures, Expr::value(0))
        .col_expr(
            throttle_counter::Column::LockedUntil,
            Expr::value(Option::<OffsetDateTime>::None),
        )
        .filter(throttle_counter::Column::Key.eq(key))
        .filter(throttle_counter::Column::Failures.gt(0))
        .exec(db)
        .await?;
    Ok(())
}

/// Until when `key` is locked at `now`, if it is.
pub async fn locked_until(
    db: &impl ConnectionTrait,
    key: &str,
    now: OffsetDateTime,
) -> Result<Option<OffsetDateTime>, DbErr> {
    Ok(throttle_counter::Entity::find()
        .filter(throttle_counter::Column::Key.eq(key))
        .one(db)
        .await?
        .and_then(|row| row.locked_until)
        .filter(|until| *until > now))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const T: OffsetDateTime = datetime!(2026-07-01 09:00 UTC);

    #[test]
    fn r_auth_7_ipv6_clients_are_counted_per_64() {
        assert_eq!(
            address_key("2001:db8:1:2:aaaa::1"),
            address_key("2001:db8:1:2:ffff:ffff:ffff:ffff")
        );
        assert_eq!(address_key("2001:db8:1:2::9"), "address:2001:db8:1:2::/64");
        assert_ne!(
            address_key("2001:db8:1:3::1"),
            address_key("2001:db8:1:2::1")
        );
        assert_eq!(address_key("203.0.113.7"), "address:203.0.113.7");
        assert_eq!(address_key("::ffff:203.0.113.7"), "address:203.0.113.7");
    }

    #[test]
    fn r_auth_7_delays_grow_then_cap() {
        // The policies' delay tables stay short (settle_failure binds one per failure count).
        for policy in [Softlock::CREDENTIAL, Softlock::CLIENT_ADDRESS] {
            let steps = (policy.free_failures + 1..)
                .take_while(|n| policy.delay_after(*n) < policy.max)
                .count();
            assert!(steps < 12, "{steps}");
        }
        let policy = Softlock::CREDENTIAL;
        let delays: Vec<i64> = (1..=14)
            .map(|n| policy.delay_after(n).whole_seconds())
            .collect();
        assert_eq!(
            delays,
            vec![0, 0, 0, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900]
        );
        assert_eq!(policy.delay_after(u32::MAX), Duration::minutes(15));
    }

    #[test]
    fn r_auth_7_lock_ends_and_history_is_forgotten() {
        let policy = Softlock::CREDENTIAL;
        assert_eq!(policy.locked_until(3, T, T), None);
        assert_eq!(policy.locked_until(4, T, T), Some(T + Duration::seconds(2)));
        assert_eq!(policy.locked_until(4, T, T + Duration::seconds(2)), None);
        assert_eq!(
            policy.locked_until(20, T, T + Duration::minutes(14)),
            Some(T + Duration::minutes(15))
        );
        assert_eq!(policy.locked_until(20, T, T + Duration::hours(25)), None);
        assert_eq!(policy.live_failures(20, T, T + Duration::hours(25)), 0);
    }
}

//! Slowing down then locking repeated sign-in failures (R-AUTH-7), kanidm-style: the lock is a
//! pure function of the failure history and the time, so tests move a clock instead of waiting.
//! One counter per credential (shared by the identifier, the email and their case variants, and
//! by linked accounts, who share the password) and one per client address.
use bailleur_entity::throttle_counter;
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};
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

pub fn address_key(address: &str) -> String {
    format!("address:{address}")
}

/// The stored failures of `key`, if any.
pub async fn history(
    db: &impl ConnectionTrait,
    key: &str,
) -> Result<Option<throttle_counter::Model>, DbErr> {
    throttle_counter::Entity::find()
        .filter(throttle_counter::Column::Key.eq(key))
        .one(db)
        .await
}

/// Until when a stored history keeps sign-in closed at `now`.
pub fn lock_of(
    policy: &Softlock,
    row: &throttle_counter::Model,
    now: OffsetDateTime,
) -> Option<OffsetDateTime> {
    policy.locked_until(
        u32::try_from(row.failures).unwrap_or(u32::MAX),
        row.last_failure_at,
        now,
    )
}

/// Until when `key` is locked at `now`, if it is.
pub async fn locked_until(
    db: &impl ConnectionTrait,
    policy: &Softlock,
    key: &str,
    now: OffsetDateTime,
) -> Result<Option<OffsetDateTime>, DbErr> {
    Ok(history(db, key)
        .await?
        .and_then(|row| lock_of(policy, &row, now)))
}

/// Counts one failure atomically (concurrent failures are all counted) and returns the lock.
pub async fn record_failure(
    db: &impl ConnectionTrait,
    policy: &Softlock,
    key: &str,
    now: OffsetDateTime,
) -> Result<Option<OffsetDateTime>, DbErr> {
    // A history older than the policy's memory starts again from zero.
    throttle_counter::Entity::delete_many()
        .filter(throttle_counter::Column::Key.eq(key))
        .filter(throttle_counter::Column::LastFailureAt.lt(now - policy.forget_after))
        .exec(db)
        .await?;
    throttle_counter::Entity::insert(throttle_counter::ActiveModel {
        key: Set(key.to_owned()),
        failures: Set(1),
        last_failure_at: Set(now),
        locked_until: Set(None),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::column(throttle_counter::Column::Key)
            .value(
                throttle_counter::Column::Failures,
                Expr::col((throttle_counter::Entity, throttle_counter::Column::Failures)).add(1),
            )
            .value(throttle_counter::Column::LastFailureAt, now)
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    let until = locked_until(db, policy, key, now).await?;
    if let Some(until) = until {
        throttle_counter::Entity::update_many()
            .col_expr(throttle_counter::Column::LockedUntil, Expr::value(until))
            .filter(throttle_counter::Column::Key.eq(key))
            .exec(db)
            .await?;
    }
    Ok(until)
}

/// A success wipes the history of `key`.
pub async fn forget(db: &impl ConnectionTrait, key: &str) -> Result<(), DbErr> {
    throttle_counter::Entity::delete_many()
        .filter(throttle_counter::Column::Key.eq(key))
        .exec(db)
        .await
        .map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const T: OffsetDateTime = datetime!(2026-07-01 09:00 UTC);

    #[test]
    fn r_auth_7_delays_grow_then_cap() {
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

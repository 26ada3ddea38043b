//! The session check of every request, remembered for one second: a page of the web app sends
//! its requests in a burst, and the session row they all read changes only when the session is
//! revoked. Every revocation made by this process forgets every remembered check at once (only a
//! request whose read races the revocation's commit may still pass, within `RECHECK_AFTER`); one
//! made by another process (another server behind the same PostgreSQL, the command line) is seen
//! within `RECHECK_AFTER`.
use super::principal::{Authenticated, Software};
use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use time::{Duration, OffsetDateTime};

/// How long a session found live is taken as still live without reading it again.
pub const RECHECK_AFTER: Duration = Duration::seconds(1);

/// Enough for every session active within a second on one server; past it, checks are simply not
/// remembered until the stale ones are dropped.
const CAPACITY: usize = 100_000;

/// A principal that stops being valid at a known time whatever the database says.
pub trait Expiring: Copy {
    fn expires_at(&self) -> OffsetDateTime;
}

impl Expiring for Authenticated {
    fn expires_at(&self) -> OffsetDateTime {
        self.session_expires_at
    }
}

/// API clients are checked the same way: a revoked client's tokens stop within a second.
impl Expiring for Software {
    fn expires_at(&self) -> OffsetDateTime {
        self.expires_at
    }
}

#[derive(Debug, Clone, Copy)]
struct Check<T> {
    who: T,
    at: OffsetDateTime,
    generation: u64,
}

impl<T: Expiring> Check<T> {
    fn valid(&self, now: OffsetDateTime, generation: u64) -> bool {
        self.generation == generation
            && now >= self.at
            && now - self.at < RECHECK_AFTER
            && now < self.who.expires_at()
    }
}

/// Live sessions (or API clients) by public id, as last read from the database.
#[derive(Debug)]
pub struct RecentChecks<T = Authenticated> {
    checks: Mutex<HashMap<String, Check<T>>>,
    /// Revocations made by this process so far. A check remembers the count it was made under
    /// and is worthless once it moved.
    revocations: AtomicU64,
}

impl<T> Default for RecentChecks<T> {
    fn default() -> Self {
        Self {
            checks: Mutex::default(),
            revocations: AtomicU64::default(),
        }
    }
}

impl<T: Expiring> RecentChecks<T> {
    /// Called by `session::revoke`, the one function that revokes sessions.
    pub(crate) fn revoked(&self) {
        self.revocations.fetch_add(1, Ordering::SeqCst);
    }

    /// Taken before reading the session: a revocation that lands during the read voids the
    /// check.
    pub(crate) fn generation(&self) -> u64 {
        self.revocations.load(Ordering::SeqCst)
    }

    /// The session `public_id`, if it was found live less than `RECHECK_AFTER` ago and nothing
    /// was revoked since.
    pub(crate) fn get(&self, public_id: &str, now: OffsetDateTime) -> Option<T> {
        let checks = self.checks.lock().ok()?;
        let check = checks.get(public_id)?;
        check.valid(now, self.generation()).then_some(check.who)
    }

    /// Remembers a session found live at `now` by a read started under `generation`.
    pub(crate) fn remember(&self, public_id: &str, who: T, now: OffsetDateTime, generation: u64) {
        let Ok(mut checks) = self.checks.lock() else {
            return;
        };
        if checks.len() >= CAPACITY {
            let current = self.generation();
            checks.retain(|_, check| check.valid(now, current));
        }
        if checks.len() < CAPACITY {
            let check = Check {
                who,
                at: now,
                generation,
            };
            checks.insert(public_id.to_owned(), check);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bailleur_api_types::{AccountId, PartnerId, SessionId};
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-07-01 10:00 UTC);

    fn who() -> Authenticated {
        Authenticated {
            account_id: AccountId(1),
            partner_id: PartnerId(2),
            session_id: SessionId(3),
            session_expires_at: NOW + Duration::hours(12),
        }
    }

    #[test]
    fn r_auth_8_a_live_session_is_read_again_after_a_second() {
        let recent = RecentChecks::<Authenticated>::default();
        recent.remember("s", who(), NOW, recent.generation());
        assert_eq!(
            recent.get("s", NOW + Duration::milliseconds(999)),
            Some(who())
        );
        assert_eq!(recent.get("s", NOW + RECHECK_AFTER), None);
        assert_eq!(recent.get("other", NOW), None);
    }

    #[test]
    fn r_auth_8_a_revocation_forgets_every_remembered_session() {
        let recent = RecentChecks::<Authenticated>::default();
        recent.remember("s", who(), NOW, recent.generation());
        recent.revoked();
        assert_eq!(recent.get("s", NOW), None);
    }

    #[test]
    fn r_auth_8_a_check_read_before_a_revocation_is_not_remembered() {
        let recent = RecentChecks::<Authenticated>::default();
        let before = recent.generation();
        recent.revoked();
        recent.remember("s", who(), NOW, before);
        assert_eq!(recent.get("s", NOW), None);
    }

    #[test]
    fn r_auth_8_a_remembered_session_still_ends_at_its_end() {
        let recent = RecentChecks::<Authenticated>::default();
        let ending = Authenticated {
            session_expires_at: NOW + Duration::milliseconds(500),
            ..who()
        };
        recent.remember("s", ending, NOW, recent.generation());
        assert_eq!(recent.get("s", NOW + Duration::milliseconds(500)), None);
    }
}

//! `Idempotency-Key` (R-API-2, the IETF httpapi draft, Stripe's practice): a POST sent again
//! with the same key replays the first answer instead of doing the work twice. The key is
//! stored with its owner (an account or an API client), a fingerprint of the request and the
//! answer, in the same transaction as what the request writes: an answer is stored if and only
//! if its writes are committed, so a request cut short (the process killed) leaves nothing and
//! its retry does the work once. While the first request runs, a duplicate is told so (409):
//! this process knows its own requests, and on PostgreSQL a transaction-scoped advisory lock
//! tells the other processes (a dead process's lock dies with its connection).
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr,
    EntityTrait, QueryFilter, Set, TransactionTrait,
};
use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use time::{Duration, OffsetDateTime};

use bailleur_entity::idempotency_key;

/// How long an answer is replayed.
pub const REPLAY_WINDOW: Duration = Duration::hours(24);
pub const MAX_KEY_LENGTH: usize = 255;

/// A key as sent: 1 to 255 printable ASCII characters, bare or as a structured-field string
/// (`"…"`, with `\"` and `\\` escapes, RFC 9651 §3.3.3).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IdempotencyKey(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("an Idempotency-Key holds 1 to 255 printable ASCII characters")]
pub struct MalformedKey;

impl IdempotencyKey {
    pub fn parse(value: &[u8]) -> Result<Self, MalformedKey> {
        let text = std::str::from_utf8(value).map_err(|_| MalformedKey)?.trim();
        if !text.bytes().all(|byte| (0x20..=0x7e).contains(&byte)) {
            return Err(MalformedKey);
        }
        let key = match text.strip_prefix('"') {
            Some(quoted) => {
                let inner = quoted.strip_suffix('"').ok_or(MalformedKey)?;
                let mut key = String::with_capacity(inner.len());
                let mut chars = inner.chars();
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => match chars.next() {
                            Some(escaped @ ('"' | '\\')) => key.push(escaped),
                            _ => return Err(MalformedKey),
                        },
                        '"' => return Err(MalformedKey),
                        other => key.push(other),
                    }
                }
                key
            }
            None => text.to_owned(),
        };
        if key.is_empty() || key.len() > MAX_KEY_LENGTH {
            return Err(MalformedKey);
        }
        Ok(Self(key))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An answer kept for replay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub status: u16,
    pub body: String,
}

/// What a keyed request came to.
#[derive(Debug)]
pub enum Outcome<T> {
    /// The work was done now (and its answer stored, if a key was sent).
    Done(T),
    /// The key was seen with this request: its first answer.
    Replayed(Stored),
}

impl<T> Outcome<T> {
    pub fn map_done<U>(self, f: impl FnOnce(T) -> U) -> Outcome<U> {
        match self {
            Outcome::Done(done) => Outcome::Done(f(done)),
            Outcome::Replayed(stored) => Outcome::Replayed(stored),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum IdempotencyError<E> {
    #[error("this Idempotency-Key was used with another request")]
    Reused,
    #[error("a request with this Idempotency-Key is still running")]
    InFlight,
    #[error(transparent)]
    Work(E),
    #[error(transparent)]
    Database(DbErr),
}

/// The keys of the requests this process is running.
#[derive(Debug, Default, Clone)]
pub struct Running(Arc<Mutex<HashSet<(String, String)>>>);

struct Claim {
    running: Running,
    entry: (String, String),
}

impl Drop for Claim {
    fn drop(&mut self) {
        if let Ok(mut running) = self.running.0.lock() {
            running.remove(&self.entry);
        }
    }
}

impl Running {
    fn claim(&self, owner: &str, key: &IdempotencyKey) -> Option<Claim> {
        let entry = (owner.to_owned(), key.as_str().to_owned());
        let mut running = self.0.lock().ok()?;
        running.insert(entry.clone()).then(|| Claim {
            running: self.clone(),
            entry,
        })
    }
}

/// SHA-256 of what makes two requests the same: method and path, and the body as parsed.
pub fn fingerprint(route: &str, body: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    hasher.update(route.as_bytes());
    hasher.update([0]);
    hasher.update(body);
    crate::software::hex_encode(&hasher.finalize())
}

/// Runs `work` in one transaction; with a key, first replays or refuses, and stores
/// `answer(&result)` beside the work's writes. Errors of `work` are not stored: the client
/// fixes its request and sends it again under the same key.
#[allow(clippy::too_many_arguments)]
pub async fn run<T, E>(
    db: &DatabaseConnection,
    running: &Running,
    owner: &str,
    key: Option<&IdempotencyKey>,
    fingerprint: &str,
    now: OffsetDateTime,
    work: impl AsyncFnOnce(&DatabaseTransaction) -> Result<T, E>,
    answer: impl FnOnce(&T) -> Stored,
) -> Result<Outcome<T>, IdempotencyError<E>> {
    let database = IdempotencyError::Database;
    let Some(key) = key else {
        let txn = db.begin().await.map_err(database)?;
        let done = work(&txn).await.map_err(IdempotencyError::Work)?;
        txn.commit().await.map_err(database)?;
        return Ok(Outcome::Done(done));
    };
    let _claim = running
        .claim(owner, key)
        .ok_or(IdempotencyError::InFlight)?;
    let txn = db.begin().await.map_err(database)?;
    if !try_lock(&txn, owner, key).await.map_err(database)? {
        return Err(IdempotencyError::InFlight);
    }
    let previous = idempotency_key::Entity::find()
        .filter(idempotency_key::Column::Principal.eq(owner))
        .filter(idempotency_key::Column::Key.eq(key.as_str()))
        .one(&txn)
        .await
        .map_err(database)?;
    if let Some(previous) = previous {
        if previous.expires_at > now {
            if !crate::software::same(&previous.fingerprint, fingerprint) {
                return Err(IdempotencyError::Reused);
            }
            return Ok(Outcome::Replayed(Stored {
                status: u16::try_from(previous.response_status).unwrap_or(200),
                body: previous.response_body,
            }));
        }
        idempotency_key::Entity::delete_by_id(previous.id)
            .exec(&txn)
            .await
            .map_err(database)?;
    }
    let done = work(&txn).await.map_err(IdempotencyError::Work)?;
    let stored = answer(&done);
    idempotency_key::Entity::insert(idempotency_key::ActiveModel {
        principal: Set(owner.to_owned()),
        key: Set(key.as_str().to_owned()),
        fingerprint: Set(fingerprint.to_owned()),
        response_status: Set(i32::from(stored.status)),
        response_body: Set(stored.body),
        created_at: Set(now),
        expires_at: Set(now + REPLAY_WINDOW),
        ..Default::default()
    })
    .exec_without_returning(&txn)
    .await
    .map_err(database)?;
    txn.commit().await.map_err(database)?;
    Ok(Outcome::Done(done))
}

/// On PostgreSQL, whether no other transaction holds this key's lock (then this one does until
/// it ends). SQLite runs in one process, whose own requests `Running` knows.
async fn try_lock(
    txn: &impl ConnectionTrait,
    owner: &str,
    key: &IdempotencyKey,
) -> Result<bool, DbErr> {
    if txn.get_database_backend() != DbBackend::Postgres {
        return Ok(true);
    }
    let row = txn
        .query_one_raw(crate::database::statement(
            DbBackend::Postgres,
            "SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS taken",
            [format!("idempotency:{owner}:{}", key.as_str()).into()],
        ))
        .await?;
    row.map_or(Ok(false), |row| row.try_get::<bool>("", "taken"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_api_2_idempotency_keys_are_1_to_255_printable_characters_bare_or_quoted() {
        let parse = |text: &str| IdempotencyKey::parse(text.as_bytes()).map(|key| key.0);
        assert_eq!(parse("a1b2"), Ok("a1b2".to_owned()));
        assert_eq!(parse("\"a1b2\""), Ok("a1b2".to_owned()));
        assert_eq!(
            parse(r#""say \"hi\" \\ ok""#),
            Ok(r#"say "hi" \ ok"#.to_owned())
        );
        assert_eq!(parse(&"k".repeat(255)).map(|key| key.len()), Ok(255));
        for refused in ["", "\"\"", "\"open", "a\u{7f}b", "é", r#""bad \x""#] {
            assert_eq!(parse(refused), Err(MalformedKey), "{refused:?}");
        }
        assert_eq!(parse(&"k".repeat(256)), Err(MalformedKey));
        assert!(IdempotencyKey::parse(b"\xff").is_err());
    }
}

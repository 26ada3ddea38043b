//! One-time codes by mail (R-OTP-1, R-OTP-4): 6 digits, stored keyed-hashed, bound to their
//! flow, single use, valid 10 minutes, dead after 5 wrong tries, at most 5 sends per hour per
//! address, and a new code kills the previous one.
//!
//! What a caller sees is counted per *target*, across every flow that has one: an account's own
//! address, an address typed in as new, or the login typed for a forgotten password (five
//! recovery flows opened side by side share one live code and its five tries), and a new code
//! inherits the failures of the one it replaces. A decoy (R-RESET-4) holds codes in the same
//! table, counted on the same recovery target, by the same statements: it cannot answer
//! differently from a real flow. Beneath that, hidden limits per address (mails, tries) bound
//! what several targets of one address add up to, without ever changing an answer. A try is
//! reserved by one conditional `UPDATE … RETURNING` before the code is compared, so
//! simultaneous tries are never more than the ones left.
mod code_hash;
mod send;
mod targets;

use super::Auth;
use super::throttle::{self, Reservation};
use crate::audit::{self, AuditKind};
use crate::database::statement;
use crate::mail::{MailError, OtpPurpose};
use bailleur_api_types::AccountId;
use bailleur_api_types::Email;
use bailleur_api_types::auth::OtpStatus;
use bailleur_entity::otp_challenge;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Value};
pub use send::send;
use targets::{CODE_ADDRESS, address_counter, address_of};
pub use targets::{address_target, recovery_target};
use time::{Duration, OffsetDateTime};

#[derive(Debug, thiserror::Error)]
pub enum OtpError {
    #[error("the code must be 6 digits")]
    Malformed,
    #[error("wrong code, {attempts_left} tries left")]
    Wrong { attempts_left: u8 },
    #[error("the code has expired or was replaced")]
    Expired,
    #[error("too many wrong codes: this code is dead")]
    Exhausted,
    #[error("too many codes sent to this address; next one possible in {retry_after}")]
    TooManySends { retry_after: Duration },
    #[error("the code could not be mailed: {0}")]
    Mail(#[from] MailError),
    #[error(transparent)]
    Database(#[from] DbErr),
}

/// Whose code it is: a real flow's, or a decoy's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    Flow(i32),
    Decoy(i32),
}

impl Holder {
    fn column(self) -> (otp_challenge::Column, i32) {
        match self {
            Holder::Flow(id) => (otp_challenge::Column::FlowId, id),
            Holder::Decoy(id) => (otp_challenge::Column::DecoyId, id),
        }
    }
}

/// Where a real code goes and what its mail says.
#[derive(Debug, Clone, Copy)]
pub struct Recipient<'a> {
    pub email: &'a Email,
    pub purpose: OtpPurpose,
    pub account_id: AccountId,
    /// The flow's public id: the code's hash is bound to it.
    pub flow: &'a str,
    /// Mailed after the answer (recovery: the time of a request must not tell a real account
    /// from an unknown login, R-RESET-4).
    pub background: bool,
    /// The account's own address, in a flow its password opened (`address_target`).
    pub own: bool,
}

/// `c•••••@rdport.example`: enough to recognise one's address, not to learn someone else's.
pub fn mask(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}•••••@{domain}")
        }
        None => "•••••".to_owned(),
    }
}

/// The target `holder`'s codes are counted on (that of its latest code).
pub async fn target_of(db: &impl ConnectionTrait, holder: Holder) -> Result<Option<String>, DbErr> {
    let (column, id) = holder.column();
    Ok(otp_challenge::Entity::find()
        .filter(column.eq(id))
        .order_by_desc(otp_challenge::Column::Id)
        .one(db)
        .await?
        .map(|challenge| challenge.email))
}

async fn live_code(
    db: &impl ConnectionTrait,
    holder: Holder,
) -> Result<Option<otp_challenge::Model>, DbErr> {
    let (column, id) = holder.column();
    otp_challenge::Entity::find()
        .filter(column.eq(id))
        .filter(otp_challenge::Column::ConsumedAt.is_null())
        .order_by_desc(otp_challenge::Column::Id)
        .one(db)
        .await
}

/// What the code page shows: where the code went, until when, how many tries are left.
pub async fn status(
    auth: &Auth,
    db: &impl ConnectionTrait,
    now: OffsetDateTime,
    holder: Holder,
) -> Result<Option<OtpStatus>, DbErr> {
    Ok(live_code(db, holder).await?.and_then(|challenge| {
        (challenge.expires_at > now).then(|| OtpStatus {
            sent_to: mask(
                challenge
                    .address
                    .as_deref()
                    .unwrap_or(address_of(&challenge.email)),
            ),
            expires_at: challenge.expires_at,
            attempts_left: attempts_left(auth, challenge.failed_attempts),
        })
    }))
}

fn attempts_left(auth: &Auth, failed: i32) -> u8 {
    let failed = u8::try_from(Ord::max(failed, 0)).unwrap_or(u8::MAX);
    auth.settings.code_attempts.saturating_sub(failed)
}

/// Takes one try of a live code, or says why there is none: the only way to compare a code.
async fn reserve_try(
    auth: &Auth,
    db: &impl ConnectionTrait,
    now: OffsetDateTime,
    challenge: &otp_challenge::Model,
) -> Result<i32, OtpError> {
    let reserved = db
        .query_one_raw(statement(
            db.get_database_backend(),
            "UPDATE otp_challenge SET failed_attempts = failed_attempts + 1 \
             WHERE id = $1 AND consumed_at IS NULL AND expires_at > $2 AND failed_attempts < $3 \
             AND NOT EXISTS (SELECT 1 FROM otp_challenge AS newer \
                 WHERE newer.email = otp_challenge.email AND newer.id > otp_challenge.id) \
             RETURNING failed_attempts",
            [
                Value::from(challenge.id),
                Value::from(now),
                Value::from(i32::from(auth.settings.code_attempts)),
            ],
        ))
        .await?;
    match reserved {
        Some(row) => Ok(row.try_get::<i32>("", "failed_attempts")?),
        None => {
            let current = otp_challenge::Entity::find_by_id(challenge.id)
                .one(db)
                .await?;
            match current {
                Some(row)
                    if row.consumed_at.is_none()
                        && row.expires_at > now
                        && attempts_left(auth, row.failed_attempts) == 0 =>
                {
                    Err(OtpError::Exhausted)
                }
                _ => Err(OtpError::Expired),
            }
        }
    }
}

/// The code a try is made on: its holder, the public id its hash is bound to, its account.
#[derive(Debug, Clone, Copy)]
pub struct Tried<'a> {
    pub holder: Holder,
    pub bound_to: &'a str,
    pub account_id: Option<AccountId>,
}

/// Checks `code` against the live code of `tried.holder`; on success the code is consumed and
/// its address is returned.
pub async fn verify(
    auth: &Auth,
    db: &impl ConnectionTrait,
    now: OffsetDateTime,
    tried: Tried<'_>,
    code: &str,
    client_address: Option<&str>,
) -> Result<String, OtpError> {
    let Tried {
        holder,
        bound_to,
        account_id,
    } = tried;
    let code = code.trim();
    if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
        return Err(OtpError::Malformed);
    }
    let challenge = live_code(db, holder)
        .await?
        .filter(|challenge| challenge.expires_at > now)
        .ok_or(OtpError::Expired)?;
    let failed = reserve_try(auth, db, now, &challenge).await?;
    let audit_detail = serde_json::json!({ "flow": bound_to });
    // The hidden limit of the address: past it, no code to it is compared (told as wrong).
    let counter = address_counter(&challenge);
    let compared = match &counter {
        Some(key) => throttle::reserve(db, &CODE_ADDRESS, key, now).await? == Reservation::Taken,
        None => true,
    };
    let right =
        compared && code_hash::code_matches(&auth.keys.code, bound_to, code, &challenge.code_hash);
    if let (Some(key), true) = (&counter, compared) {
        if right {
            throttle::settle_success(db, key, true).await?;
        } else {
            throttle::settle_failure(db, &CODE_ADDRESS, key, now).await?;
        }
    }
    if right {
        // Consumed only if still live: the same code cannot be spent twice concurrently.
        let consumed = otp_challenge::Entity::update_many()
            .col_expr(otp_challenge::Column::ConsumedAt, Expr::value(now))
            .col_expr(otp_challenge::Column::FailedAttempts, Expr::value(0))
            .filter(otp_challenge::Column::Id.eq(challenge.id))
            .filter(otp_challenge::Column::ConsumedAt.is_null())
            .exec(db)
            .await?
            .rows_affected;
        if consumed != 1 {
            return Err(OtpError::Expired);
        }
        audit::record(
            db,
            now,
            AuditKind::OtpValidated,
            account_id,
            client_address,
            audit_detail,
        )
        .await?;
        return challenge.address.ok_or(OtpError::Expired);
    }
    audit::record(
        db,
        now,
        AuditKind::OtpFailed,
        account_id,
        client_address,
        audit_detail,
    )
    .await?;
    match attempts_left(auth, failed) {
        0 => Err(OtpError::Exhausted),
        attempts_left => Err(OtpError::Wrong { attempts_left }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_otp_1_address_is_masked() {
        assert_eq!(mask("contact@rdport.example"), "c•••••@rdport.example");
        assert_eq!(mask("broken"), "•••••");
    }
}

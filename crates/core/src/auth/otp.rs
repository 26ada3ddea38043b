//! One-time codes by mail (R-OTP-1, R-OTP-4): 6 digits, stored keyed-hashed, bound to their
//! flow, single use, valid 10 minutes, dead after 5 wrong tries, at most 5 sends per hour per
//! address, and a new code kills the previous one.
//!
//! Everything is counted per *target*: the address a code goes to, across every flow that sends
//! to it (five recovery flows opened side by side share one live code and its five tries), and a
//! new code inherits the failures of the one it replaces. A decoy (R-RESET-4) holds codes in the
//! same table, counted on a keyed hash of the login, by the same statements: it cannot answer
//! differently from a real flow. A try is reserved by one conditional `UPDATE … RETURNING`
//! before the code is compared, so simultaneous tries are never more than the ones left.
use super::{Auth, secrets};
use crate::audit::{self, AuditKind};
use crate::database::statement;
use crate::mail::{MailError, OtpPurpose, otp_mail};
use bailleur_api_types::Email;
use bailleur_api_types::auth::OtpStatus;
use bailleur_entity::otp_challenge;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, Set, Value,
};
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
    pub account_id: i32,
    /// The flow's public id: the code's hash is bound to it.
    pub flow: &'a str,
    /// Mailed after the answer (recovery: the time of a request must not tell a real account
    /// from an unknown login, R-RESET-4).
    pub background: bool,
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

/// What the codes to `email` are counted on. Codes to an account's own address in a flow its
/// password opened (a sign-in, a change from Mon profil) are counted apart from the codes anyone
/// can have sent there (a recovery, an address typed in as new): a stranger burning the tries
/// and sends of the second kind cannot keep the owner from signing in. Within each kind, one
/// code is live at a time and five tries an hour are all there is.
pub fn address_target(email: &Email, own_after_password: bool) -> String {
    let kind = if own_after_password { "own" } else { "any" };
    format!("{kind}:{}", email.as_str())
}

/// The address part of a target (what a code page shows, masked).
fn address_of(target: &str) -> &str {
    target
        .split_once(':')
        .map_or(target, |(_, address)| address)
}

/// What a decoy's codes are counted on: the login, keyed so the table does not list who asked.
pub fn decoy_target(auth: &Auth, login: &str) -> String {
    format!(
        "decoy:{}",
        secrets::code_hash(&auth.keys.code, "decoy", login)
    )
}

/// A new code for `holder`, counted on `target`, mailed to `recipient` (a decoy has none). The
/// previous code of the target dies; its failures carry over to the new one.
pub async fn send(
    auth: &Auth,
    db: &DatabaseConnection,
    now: OffsetDateTime,
    holder: Holder,
    target: &str,
    recipient: Option<Recipient<'_>>,
    client_address: Option<&str>,
) -> Result<(), OtpError> {
    let window_start = now - Duration::hours(1);
    let recent = otp_challenge::Entity::find()
        .filter(otp_challenge::Column::Email.eq(target))
        .filter(otp_challenge::Column::CreatedAt.gt(window_start))
        .order_by_asc(otp_challenge::Column::Id)
        .all(db)
        .await?;
    if recent.len() as u64 >= auth.settings.codes_per_hour {
        let oldest = recent.first().map_or(now, |row| row.created_at);
        return Err(OtpError::TooManySends {
            retry_after: oldest + Duration::hours(1) - now,
        });
    }
    let carried = recent.last().map_or(0, |row| row.failed_attempts);
    let code = secrets::six_digit_code();
    let code_hash = match recipient {
        Some(to) => secrets::code_hash(&auth.keys.code, to.flow, &code),
        // A tag no code's hash can equal: a decoy's code is never right.
        None => secrets::random_token(),
    };
    let (flow_id, decoy_id) = match holder {
        Holder::Flow(id) => (Some(id), None),
        Holder::Decoy(id) => (None, Some(id)),
    };
    let challenge = otp_challenge::ActiveModel {
        flow_id: Set(flow_id),
        decoy_id: Set(decoy_id),
        email: Set(target.to_owned()),
        code_hash: Set(code_hash),
        failed_attempts: Set(carried),
        created_at: Set(now),
        expires_at: Set(now + auth.settings.code_lifetime),
        consumed_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    otp_challenge::Entity::update_many()
        .col_expr(otp_challenge::Column::ConsumedAt, Expr::value(now))
        .filter(otp_challenge::Column::Email.eq(target))
        .filter(otp_challenge::Column::ConsumedAt.is_null())
        .filter(otp_challenge::Column::Id.ne(challenge.id))
        .exec(db)
        .await?;
    let Some(to) = recipient else {
        return Ok(());
    };
    let mail = otp_mail(
        to.email,
        &code,
        auth.settings.code_lifetime.whole_minutes(),
        to.purpose,
    )?;
    audit::record(
        db,
        now,
        AuditKind::OtpSent,
        Some(to.account_id),
        client_address,
        serde_json::json!({ "flow": to.flow, "to": mask(to.email.as_str()) }),
    )
    .await?;
    if to.background {
        let (mailer, db) = (auth.mailer.clone(), db.clone());
        tokio::spawn(async move {
            if let Err(error) = mailer.send(mail).await {
                tracing::warn!(%error, "a code could not be mailed");
                forget_unsent(&db, challenge.id).await;
            }
        });
        return Ok(());
    }
    if let Err(error) = auth.mailer.send(mail).await {
        forget_unsent(db, challenge.id).await;
        return Err(error.into());
    }
    Ok(())
}

/// A code nobody received must not count against the user nor stay usable.
async fn forget_unsent(db: &DatabaseConnection, challenge_id: i32) {
    if let Err(error) = otp_challenge::Entity::delete_by_id(challenge_id)
        .exec(db)
        .await
    {
        tracing::warn!(%error, "an unsent code could not be removed");
    }
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
            sent_to: mask(address_of(&challenge.email)),
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
    pub account_id: Option<i32>,
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
    if secrets::code_matches(&auth.keys.code, bound_to, code, &challenge.code_hash) {
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
        return Ok(address_of(&challenge.email).to_owned());
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

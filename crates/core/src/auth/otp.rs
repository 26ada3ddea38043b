//! One-time codes by mail (R-OTP-1, R-OTP-4): 6 digits, stored keyed-hashed, bound to their
//! flow, single use, valid 10 minutes, dead after 5 wrong tries, at most 5 sends per hour per
//! email, and a new code kills the previous one.
use super::{Auth, secrets};
use crate::audit::{self, AuditKind};
use crate::mail::{MailError, OtpPurpose, otp_mail};
use bailleur_api_types::Email;
use bailleur_api_types::auth::OtpStatus;
use bailleur_entity::{auth_flow, otp_challenge};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, Set,
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
    #[error("too many codes sent to this address; next one possible at {retry_at}")]
    TooManySends { retry_at: OffsetDateTime },
    #[error("the code could not be mailed: {0}")]
    Mail(#[from] MailError),
    #[error(transparent)]
    Database(#[from] DbErr),
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

/// Mails a new code for `flow` to `email`, killing the flow's previous code.
pub async fn send(
    auth: &Auth,
    db: &impl ConnectionTrait,
    now: OffsetDateTime,
    flow: &auth_flow::Model,
    email: &Email,
    purpose: OtpPurpose,
    client_address: Option<&str>,
) -> Result<(), OtpError> {
    let window_start = now - Duration::hours(1);
    let recent = otp_challenge::Entity::find()
        .filter(otp_challenge::Column::Email.eq(email.as_str()))
        .filter(otp_challenge::Column::CreatedAt.gt(window_start))
        .order_by_asc(otp_challenge::Column::CreatedAt);
    if recent.clone().count(db).await? >= auth.settings.codes_per_hour {
        let oldest = recent.one(db).await?.map_or(now, |row| row.created_at);
        return Err(OtpError::TooManySends {
            retry_at: oldest + Duration::hours(1),
        });
    }
    kill_live_codes(db, now, flow.id).await?;
    let code = secrets::six_digit_code();
    let challenge = otp_challenge::ActiveModel {
        flow_id: Set(flow.id),
        email: Set(email.as_str().to_owned()),
        code_hash: Set(secrets::code_hash(&auth.keys.code, &flow.public_id, &code)),
        failed_attempts: Set(0),
        created_at: Set(now),
        expires_at: Set(now + auth.settings.code_lifetime),
        consumed_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let mail = otp_mail(
        email,
        &code,
        auth.settings.code_lifetime.whole_minutes(),
        purpose,
    )?;
    if let Err(error) = auth.mailer.send(mail).await {
        // A code nobody received must not count against the user nor stay usable.
        otp_challenge::Entity::delete_by_id(challenge.id)
            .exec(db)
            .await?;
        return Err(error.into());
    }
    audit::record(
        db,
        now,
        AuditKind::OtpSent,
        Some(flow.account_id),
        client_address,
        serde_json::json!({ "flow": flow.public_id, "to": mask(email.as_str()) }),
    )
    .await?;
    Ok(())
}

async fn kill_live_codes(
    db: &impl ConnectionTrait,
    now: OffsetDateTime,
    flow_id: i32,
) -> Result<(), DbErr> {
    otp_challenge::Entity::update_many()
        .col_expr(otp_challenge::Column::ConsumedAt, Expr::value(now))
        .filter(otp_challenge::Column::FlowId.eq(flow_id))
        .filter(otp_challenge::Column::ConsumedAt.is_null())
        .exec(db)
        .await
        .map(|_| ())
}

async fn live_code(
    db: &impl ConnectionTrait,
    flow_id: i32,
) -> Result<Option<otp_challenge::Model>, DbErr> {
    otp_challenge::Entity::find()
        .filter(otp_challenge::Column::FlowId.eq(flow_id))
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
    flow_id: i32,
) -> Result<Option<OtpStatus>, DbErr> {
    Ok(live_code(db, flow_id).await?.and_then(|challenge| {
        (challenge.expires_at > now).then(|| OtpStatus {
            sent_to: mask(&challenge.email),
            expires_at: challenge.expires_at,
            attempts_left: attempts_left(auth, challenge.failed_attempts),
        })
    }))
}

fn attempts_left(auth: &Auth, failed: i32) -> u8 {
    let failed = u8::try_from(Ord::max(failed, 0)).unwrap_or(u8::MAX);
    auth.settings.code_attempts.saturating_sub(failed)
}

/// Checks `code` against the flow's live code; on success the code is consumed and the email it
/// was sent to is returned.
pub async fn verify(
    auth: &Auth,
    db: &impl ConnectionTrait,
    now: OffsetDateTime,
    flow: &auth_flow::Model,
    code: &str,
    client_address: Option<&str>,
) -> Result<Email, OtpError> {
    let code = code.trim();
    if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
        return Err(OtpError::Malformed);
    }
    let challenge = live_code(db, flow.id)
        .await?
        .filter(|challenge| challenge.expires_at > now)
        .ok_or(OtpError::Expired)?;
    if attempts_left(auth, challenge.failed_attempts) == 0 {
        return Err(OtpError::Exhausted);
    }
    let audit_detail = serde_json::json!({ "flow": flow.public_id });
    if secrets::code_matches(&auth.keys.code, &flow.public_id, code, &challenge.code_hash) {
        // Consumed only if still live: the same code cannot be spent twice concurrently.
        let consumed = otp_challenge::Entity::update_many()
            .col_expr(otp_challenge::Column::ConsumedAt, Expr::value(now))
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
            Some(flow.account_id),
            client_address,
            audit_detail,
        )
        .await?;
        return Email::parse(&challenge.email).map_err(|_| OtpError::Expired);
    }
    otp_challenge::Entity::update_many()
        .col_expr(
            otp_challenge::Column::FailedAttempts,
            Expr::col(otp_challenge::Column::FailedAttempts).add(1),
        )
        .filter(otp_challenge::Column::Id.eq(challenge.id))
        .exec(db)
        .await?;
    audit::record(
        db,
        now,
        AuditKind::OtpFailed,
        Some(flow.account_id),
        client_address,
        audit_detail,
    )
    .await?;
    match attempts_left(auth, challenge.failed_attempts + 1) {
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

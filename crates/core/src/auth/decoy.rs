//! R-RESET-4: a forgotten-password request for a login that has no account (or no email) gets a
//! decoy flow. It answers every later call exactly as a real recovery flow whose code the caller
//! does not know: same steps, same validity, tries counted down, resends limited.
use super::Auth;
use super::otp::OtpError;
use bailleur_api_types::auth::{Flow, OtpStatus, Step};
use bailleur_entity::recovery_decoy;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};
use time::OffsetDateTime;

/// How a recovery flow names where its code went: never the address itself.
pub const SENT_TO: &str = "l'adresse mail du compte";

pub const STEPS: [Step; 2] = [Step::Otp, Step::NewPassword];

pub async fn create(
    auth: &Auth,
    db: &impl ConnectionTrait,
    now: OffsetDateTime,
) -> Result<Flow, DbErr> {
    let decoy = recovery_decoy::ActiveModel {
        public_id: Set(uuid::Uuid::new_v4().to_string()),
        failed_attempts: Set(0),
        sends: Set(1),
        code_expires_at: Set(now + auth.settings.code_lifetime),
        expires_at: Set(now + auth.settings.flow_lifetime),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(view(auth, &decoy, now))
}

pub async fn find(
    db: &impl ConnectionTrait,
    public_id: &str,
    now: OffsetDateTime,
) -> Result<Option<recovery_decoy::Model>, DbErr> {
    Ok(recovery_decoy::Entity::find()
        .filter(recovery_decoy::Column::PublicId.eq(public_id))
        .one(db)
        .await?
        .filter(|decoy| decoy.expires_at > now))
}

fn attempts_left(auth: &Auth, decoy: &recovery_decoy::Model) -> u8 {
    let failed = u8::try_from(Ord::max(decoy.failed_attempts, 0)).unwrap_or(u8::MAX);
    auth.settings.code_attempts.saturating_sub(failed)
}

pub fn view(auth: &Auth, decoy: &recovery_decoy::Model, now: OffsetDateTime) -> Flow {
    Flow {
        id: decoy.public_id.clone(),
        next_step: Step::Otp,
        steps_due: STEPS.to_vec(),
        expires_at: decoy.expires_at,
        otp: (decoy.code_expires_at > now).then(|| OtpStatus {
            sent_to: SENT_TO.to_owned(),
            expires_at: decoy.code_expires_at,
            attempts_left: attempts_left(auth, decoy),
        }),
        linking_accounts: None,
    }
}

/// Any code is wrong, counted as a real flow counts it.
pub async fn submit(
    auth: &Auth,
    db: &impl ConnectionTrait,
    now: OffsetDateTime,
    decoy: recovery_decoy::Model,
    code: &str,
) -> Result<(), OtpError> {
    let code = code.trim();
    if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
        return Err(OtpError::Malformed);
    }
    if decoy.code_expires_at <= now {
        return Err(OtpError::Expired);
    }
    if attempts_left(auth, &decoy) == 0 {
        return Err(OtpError::Exhausted);
    }
    let failed = decoy.failed_attempts + 1;
    let mut row: recovery_decoy::ActiveModel = decoy.into();
    row.failed_attempts = Set(failed);
    let decoy = row.update(db).await?;
    match attempts_left(auth, &decoy) {
        0 => Err(OtpError::Exhausted),
        attempts_left => Err(OtpError::Wrong { attempts_left }),
    }
}

/// A "new code": the same limits as real sends.
pub async fn resend(
    auth: &Auth,
    db: &impl ConnectionTrait,
    now: OffsetDateTime,
    decoy: recovery_decoy::Model,
) -> Result<Flow, OtpError> {
    if u64::try_from(decoy.sends).unwrap_or(u64::MAX) >= auth.settings.codes_per_hour {
        return Err(OtpError::TooManySends {
            retry_at: now + time::Duration::hours(1),
        });
    }
    let sends = decoy.sends + 1;
    let mut row: recovery_decoy::ActiveModel = decoy.into();
    row.sends = Set(sends);
    row.failed_attempts = Set(0);
    row.code_expires_at = Set(now + auth.settings.code_lifetime);
    let decoy = row.update(db).await?;
    Ok(view(auth, &decoy, now))
}

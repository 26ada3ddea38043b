//! Forgotten password (R-RESET-1 … R-RESET-4): the identifier or the email and a solved captcha;
//! then a code by mail and a new password set directly (the shared one for linked accounts); or,
//! for an account without email, a provisional password by post. The answer is the same flow
//! whether or not the login exists, whatever way the account is reached: a real flow or a decoy
//! whose codes are counted by the same statements, every path costing one argon2 run, and the
//! real code mailed after the answer.
use super::captcha::{self, CaptchaError};
use super::flow::{self, FlowError};
use super::otp::{self, OtpError};
use super::{Auth, decoy};
use crate::accounts::{self, Login};
use crate::audit::{self, AuditKind};
use crate::hashing::PasswordServiceError;
use crate::letters::{self, LetterError};
use bailleur_api_types::auth::{CaptchaAnswer, Flow};
use bailleur_api_types::{Email, UserStatus};
use bailleur_entity::email_address;
use sea_orm::{DatabaseConnection, DbErr, EntityTrait};
use time::OffsetDateTime;

#[derive(Debug, thiserror::Error)]
pub enum RecoveryError {
    #[error(transparent)]
    Captcha(#[from] CaptchaError),
    #[error(transparent)]
    Flow(#[from] FlowError),
    #[error(transparent)]
    Otp(#[from] OtpError),
    #[error(transparent)]
    Letter(#[from] LetterError),
    #[error(transparent)]
    Password(#[from] PasswordServiceError),
    #[error(transparent)]
    Database(#[from] DbErr),
}

/// The login as the decoy counts it: the way two spellings of one login are the same one.
fn normalized(login: &str) -> String {
    match Login::parse(login) {
        Some(Login::Identifier(identifier)) => identifier.as_str().to_owned(),
        Some(Login::Email(email)) => email.as_str().to_owned(),
        None => login.trim().to_lowercase(),
    }
}

pub async fn start(
    auth: &Auth,
    db: &DatabaseConnection,
    now: OffsetDateTime,
    login: &str,
    answer: &CaptchaAnswer,
    client_address: Option<&str>,
) -> Result<Flow, RecoveryError> {
    captcha::check(db, auth.keys(), now, &answer.token, answer.nonce).await?;
    let account = match Login::parse(login) {
        Some(login) => accounts::find_by_login(db, &login).await?,
        None => None,
    };
    let account = account.filter(|account| account.status != UserStatus::Disabled);
    // Every path costs one argon2 run, so that time does not tell them apart.
    auth.passwords.verify(login, None).await?;
    // A real flow and a decoy count their codes on the login typed, alike.
    let target = otp::recovery_target(auth, &normalized(login));
    let Some(account) = account else {
        return Ok(decoy::create(auth, db, now, &target).await?);
    };
    audit::record(
        db,
        now,
        AuditKind::PasswordResetRequested,
        Some(account.id),
        client_address,
        serde_json::json!({ "by_post": account.email_id.is_none() }),
    )
    .await?;
    let email = match account.email_id {
        Some(id) => email_address::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    match email.and_then(|row| Email::parse(&row.address).ok()) {
        Some(_) => Ok(flow::open_recovery(auth, db, now, &account, &target, client_address).await?),
        None => {
            letters::provisional_password_letter(db, now, &account, client_address).await?;
            Ok(decoy::create(auth, db, now, &target).await?)
        }
    }
}

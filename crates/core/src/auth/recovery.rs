//! Forgotten password (R-RESET-1 … R-RESET-4): the identifier or the email and a solved captcha;
//! then a code by mail and a new password set directly (the shared one for linked accounts); or,
//! for an account without email, a provisional password by post. The answer is the same flow
//! whether or not the login exists, whatever way the account is reached.
use super::captcha::{self, CaptchaError};
use super::flow::{self, FlowError};
use super::{Auth, decoy};
use crate::accounts::{self, Login};
use crate::audit::{self, AuditKind};
use crate::letters::{self, LetterError};
use crate::passwords::PasswordServiceError;
use bailleur_api_types::auth::{CaptchaAnswer, Flow};
use sea_orm::{DatabaseConnection, DbErr};
use time::OffsetDateTime;

#[derive(Debug, thiserror::Error)]
pub enum RecoveryError {
    #[error(transparent)]
    Captcha(#[from] CaptchaError),
    #[error(transparent)]
    Flow(#[from] FlowError),
    #[error(transparent)]
    Letter(#[from] LetterError),
    #[error(transparent)]
    Password(#[from] PasswordServiceError),
    #[error(transparent)]
    Database(#[from] DbErr),
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
    let account = account.filter(|account| account.status != "disabled");
    if let Some(account) = &account {
        audit::record(
            db,
            now,
            AuditKind::PasswordResetRequested,
            Some(account.id),
            client_address,
            serde_json::json!({ "by_post": account.email_id.is_none() }),
        )
        .await?;
    }
    match account {
        Some(account) if account.email_id.is_some() => {
            // Every path costs one argon2 run, so that time does not tell them apart.
            auth.passwords.verify(login, None).await?;
            Ok(flow::open_recovery(auth, db, now, &account, client_address).await?)
        }
        Some(account) => {
            letters::provisional_password_letter(
                &auth.passwords,
                db,
                now,
                &account,
                client_address,
            )
            .await?;
            Ok(decoy::create(auth, db, now).await?)
        }
        None => {
            auth.passwords.verify(login, None).await?;
            Ok(decoy::create(auth, db, now).await?)
        }
    }
}

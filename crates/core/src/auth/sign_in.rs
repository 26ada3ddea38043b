//! `POST /auth/sign-in` (R-AUTH-1, R-AUTH-7): the identifier or the email and the password, with
//! no way to tell an unknown login, a wrong password and a locked account apart.
use super::flow::{self, FlowError, Progress};
use super::steps::{self, AccountFacts};
use super::throttle::{self, Softlock};
use super::{Auth, terms};
use crate::accounts::{self, Login};
use crate::audit::{self, AuditKind};
use crate::passwords::PasswordServiceError;
use bailleur_entity::{account, credential, email_address};
use sea_orm::{DatabaseConnection, DbErr, EntityTrait};
use time::OffsetDateTime;

#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    /// Unknown login, wrong password, locked credential or disabled account: one answer.
    #[error("the login or the password is not right")]
    InvalidCredentials,
    /// Too many failures from this client address (says nothing about any account).
    #[error("too many failed sign-ins from this address until {retry_at}")]
    AddressThrottled { retry_at: OffsetDateTime },
    #[error(transparent)]
    Flow(#[from] FlowError),
    #[error(transparent)]
    Password(#[from] PasswordServiceError),
    #[error(transparent)]
    Database(#[from] DbErr),
}

/// An account that may sign in, with its credential.
struct Candidate {
    account: account::Model,
    credential: credential::Model,
}

async fn candidate(db: &DatabaseConnection, login: &str) -> Result<Option<Candidate>, DbErr> {
    let Some(login) = Login::parse(login) else {
        return Ok(None);
    };
    let Some(account) = accounts::find_by_login(db, &login).await? else {
        return Ok(None);
    };
    let credential = credential::Entity::find_by_id(account.credential_id)
        .one(db)
        .await?;
    Ok(credential.map(|credential| Candidate {
        account,
        credential,
    }))
}

pub async fn sign_in(
    auth: &Auth,
    db: &DatabaseConnection,
    now: OffsetDateTime,
    login: &str,
    password: &str,
    client_address: &str,
) -> Result<Progress, SignInError> {
    let address_key = throttle::address_key(client_address);
    if let Some(retry_at) =
        throttle::locked_until(db, &Softlock::CLIENT_ADDRESS, &address_key, now).await?
    {
        return Err(SignInError::AddressThrottled { retry_at });
    }
    let candidate = candidate(db, login).await?;
    let history = match &candidate {
        Some(found) => {
            throttle::history(db, &throttle::credential_key(found.credential.id)).await?
        }
        None => None,
    };
    let locked = history
        .as_ref()
        .is_some_and(|row| throttle::lock_of(&Softlock::CREDENTIAL, row, now).is_some());
    // Always one argon2 verification, whatever the case: the time says nothing either.
    let known = candidate.is_some();
    let stored = candidate
        .as_ref()
        .map(|found| found.credential.password_hash.as_str());
    let password_ok = auth.passwords.verify(password, stored).await?;
    let accepted =
        candidate.filter(|found| password_ok && !locked && found.account.status != "disabled");
    let Some(found) = accepted else {
        return Err(failure(db, now, login, known, client_address).await);
    };
    if history.is_some() {
        throttle::forget(db, &throttle::credential_key(found.credential.id)).await?;
    }
    let facts = facts(db, &found).await?;
    let due = steps::plan(&facts, now, auth.settings.otp_login_interval);
    Ok(flow::open(auth, db, now, &found.account, due, Some(client_address)).await?)
}

/// Counts the failure and always answers `InvalidCredentials` (unless the database fails).
async fn failure(
    db: &DatabaseConnection,
    now: OffsetDateTime,
    login: &str,
    known: bool,
    client_address: &str,
) -> SignInError {
    let recorded = async {
        throttle::record_failure(
            db,
            &Softlock::CLIENT_ADDRESS,
            &throttle::address_key(client_address),
            now,
        )
        .await?;
        let found = match Login::parse(login) {
            Some(login) if known => accounts::find_by_login(db, &login).await?,
            _ => None,
        };
        let account_id = found.as_ref().map(|account| account.id);
        audit::record(
            db,
            now,
            AuditKind::SignInFailed,
            account_id,
            Some(client_address),
            serde_json::json!({ "known_login": known }),
        )
        .await?;
        if let Some(account) = found {
            let key = throttle::credential_key(account.credential_id);
            let was_locked = throttle::locked_until(db, &Softlock::CREDENTIAL, &key, now)
                .await?
                .is_some();
            // Tries during a lock are refused without lengthening it.
            let lock = if was_locked {
                None
            } else {
                throttle::record_failure(db, &Softlock::CREDENTIAL, &key, now).await?
            };
            if let Some(until) = lock {
                audit::record(
                    db,
                    now,
                    AuditKind::SignInLocked,
                    Some(account.id),
                    Some(client_address),
                    serde_json::json!({ "until": until.unix_timestamp() }),
                )
                .await?;
            }
        }
        Ok::<_, DbErr>(())
    };
    match recorded.await {
        Ok(()) => SignInError::InvalidCredentials,
        Err(error) => SignInError::Database(error),
    }
}

async fn facts(db: &DatabaseConnection, found: &Candidate) -> Result<AccountFacts, DbErr> {
    let email = match found.account.email_id {
        Some(id) => email_address::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    let shares_email = match &email {
        Some(email) => accounts::sharing_email(db, email.id).await? > 1,
        None => false,
    };
    Ok(AccountFacts {
        has_email: email.is_some(),
        email_validated_at: email.and_then(|email| email.last_otp_validated_at),
        provisional_password: found.credential.provisional,
        terms_accepted: terms::all_accepted(db, found.account.id).await?,
        shares_email,
    })
}

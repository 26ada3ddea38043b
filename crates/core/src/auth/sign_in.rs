//! `POST /auth/sign-in` (R-AUTH-1, R-AUTH-7): the identifier or the email and the password, with
//! no way to tell an unknown login, a wrong password and a locked account apart.
use super::flow::{self, FlowError, Progress};
use super::steps::{self, AccountFacts};
use super::throttle::{self, Softlock};
use super::{Auth, session, terms};
use crate::accounts::{self, Login};
use crate::audit::{self, AuditKind};
use crate::hashing::PasswordServiceError;
use crate::letters;
use crate::linking::Group;
use bailleur_api_types::UserStatus;
use bailleur_entity::{account, credential, email_address};
use sea_orm::{DatabaseConnection, DbErr, EntityTrait, TransactionTrait};
use time::{Duration, OffsetDateTime};

#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    /// Unknown login, wrong password, locked credential or disabled account: one answer.
    #[error("the login or the password is not right")]
    InvalidCredentials,
    /// Too many failures from this client address (says nothing about any account).
    #[error("too many failed sign-ins from this address for {retry_after}")]
    AddressThrottled { retry_after: time::Duration },
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

/// What the credential's counter said of this attempt, before its password was checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CredentialAttempt {
    /// Unknown login: only the client address counts.
    NoCredential,
    Taken,
    Locked,
}

pub async fn sign_in(
    auth: &Auth,
    db: &DatabaseConnection,
    now: OffsetDateTime,
    login: &str,
    password: &str,
    client_address: &str,
) -> Result<Progress, SignInError> {
    // A place in the hashing queue first: a full queue answers "busy" with nothing counted.
    let slot = auth.passwords.slot()?;
    let address_key = throttle::address_key(client_address);
    let candidate = candidate(db, login).await?;
    let credential_key = candidate
        .as_ref()
        .map(|found| throttle::credential_key(found.credential.id));
    // Simultaneous sign-ins on one key wait their turn here, in memory.
    let address_place = auth
        .places
        .take(&address_key, Softlock::CLIENT_ADDRESS.places())
        .await;
    let credential_place = match &credential_key {
        Some(key) => Some(auth.places.take(key, Softlock::CREDENTIAL.places()).await),
        None => None,
    };
    // The tries are taken while argon2 runs: its answer is looked at only if the credential's
    // try was taken (R-AUTH-7), so no password is checked beyond the tries left, and the
    // commit's wait costs no time. The time of the answer is the same either way.
    let stored = candidate
        .as_ref()
        .map(|found| found.credential.password_hash.as_str());
    // What the account's steps depend on is read meanwhile too.
    let known_facts = async {
        match &candidate {
            Some(found) => facts(db, found).await.map(Some),
            None => Ok(None),
        }
    };
    let (tries, verified, known_facts) = tokio::join!(
        take_tries(db, &address_key, credential_key.as_deref(), now),
        auth.passwords.verify_in(&slot, password, stored),
        known_facts,
    );
    let (address, credential) = tries?;
    let verified = verified?;
    let known_facts = known_facts?;
    if address != throttle::Reservation::Taken {
        let retry_at = throttle::locked_until(db, &address_key, now)
            .await?
            .unwrap_or(now + Duration::seconds(1));
        return Err(SignInError::AddressThrottled {
            retry_after: retry_at - now,
        });
    }
    let attempt = match credential {
        None => CredentialAttempt::NoCredential,
        Some(throttle::Reservation::Taken) => CredentialAttempt::Taken,
        Some(_) => CredentialAttempt::Locked,
    };
    let checked = attempt == CredentialAttempt::Taken;
    let mut password_ok = checked && verified;
    let mut by_letter = false;
    if let (false, true, Some(found)) = (password_ok, checked, &candidate) {
        // R-RESET-3: the provisional password of a letter works beside the current one.
        if let Some(hash) = letters::usable_password(db, now, found.account.id).await? {
            // In the place already taken: a full queue cannot cut this attempt short.
            password_ok = auth
                .passwords
                .verify_in(&slot, password, Some(&hash))
                .await?;
            by_letter = password_ok;
        }
    }
    let accepted =
        candidate.filter(|found| password_ok && found.account.status != UserStatus::Disabled);
    let Some(found) = accepted else {
        return Err(failure(
            db,
            now,
            login,
            &credential_key,
            attempt,
            checked,
            client_address,
        )
        .await);
    };
    let Some(mut facts) = known_facts else {
        return Err(SignInError::InvalidCredentials);
    };
    facts.provisional_password |= by_letter;
    let due = steps::plan(&facts, now, auth.settings.otp_login_interval);
    // The tries are given back in the transaction that starts the session, when no step is due:
    // one commit.
    let txn = db.begin().await?;
    throttle::settle_success(&txn, &address_key, false).await?;
    if let Some(key) = &credential_key {
        throttle::settle_success(&txn, key, true).await?;
    }
    if due.is_empty() {
        let issued = session::start(auth, &txn, now, found.account.id, Some(client_address))
            .await
            .map_err(FlowError::from)?;
        txn.commit().await?;
        return Ok(Progress::SignedIn(issued));
    }
    txn.commit().await?;
    // The tries are settled: the places go back before the code is mailed.
    drop((address_place, credential_place));
    Ok(flow::open(auth, db, now, &found.account, due, Some(client_address)).await?)
}

/// Takes a try on the client address and on the credential (if the login has one): in one
/// transaction when neither has to wait (one commit, the common case), else one after the
/// other, waiting for a place.
async fn take_tries(
    db: &DatabaseConnection,
    address_key: &str,
    credential_key: Option<&str>,
    now: OffsetDateTime,
) -> Result<(throttle::Reservation, Option<throttle::Reservation>), DbErr> {
    use throttle::Reservation::{Busy, Taken};
    let txn = db.begin().await?;
    let address = throttle::reserve(&txn, &Softlock::CLIENT_ADDRESS, address_key, now).await?;
    if address == Taken {
        let credential = match credential_key {
            Some(key) => Some(throttle::reserve(&txn, &Softlock::CREDENTIAL, key, now).await?),
            None => None,
        };
        if credential != Some(Busy) {
            txn.commit().await?;
            return Ok((address, credential));
        }
    }
    drop(txn);
    let address =
        throttle::reserve_waiting(db, &Softlock::CLIENT_ADDRESS, address_key, now).await?;
    if address != Taken {
        return Ok((address, None));
    }
    let credential = match credential_key {
        Some(key) => Some(throttle::reserve_waiting(db, &Softlock::CREDENTIAL, key, now).await?),
        None => None,
    };
    Ok((address, credential))
}

/// Settles the failed attempt and always answers `InvalidCredentials` (unless the database
/// fails).
async fn failure(
    db: &DatabaseConnection,
    now: OffsetDateTime,
    login: &str,
    credential_key: &Option<String>,
    attempt: CredentialAttempt,
    checked: bool,
    client_address: &str,
) -> SignInError {
    let recorded = async {
        let txn = db.begin().await?;
        throttle::settle_failure(
            &txn,
            &Softlock::CLIENT_ADDRESS,
            &throttle::address_key(client_address),
            now,
        )
        .await?;
        let found = match Login::parse(login) {
            Some(login) if credential_key.is_some() => {
                accounts::find_by_login(&txn, &login).await?
            }
            _ => None,
        };
        let account_id = found.as_ref().map(|account| account.id);
        audit::record(
            &txn,
            now,
            AuditKind::SignInFailed,
            account_id,
            Some(client_address),
            // `checked`: the password was compared with the account's (not refused by a lock).
            serde_json::json!({ "known_login": credential_key.is_some(), "checked": checked }),
        )
        .await?;
        // Tries during a lock were refused without lengthening it.
        if let (Some(key), CredentialAttempt::Taken) = (credential_key, attempt) {
            let lock = throttle::settle_failure(&txn, &Softlock::CREDENTIAL, key, now).await?;
            if let Some(until) = lock {
                audit::record(
                    &txn,
                    now,
                    AuditKind::SignInLocked,
                    account_id,
                    Some(client_address),
                    serde_json::json!({ "until": until.unix_timestamp() }),
                )
                .await?;
            }
        }
        txn.commit().await?;
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
        Some(email) => {
            let group = Group {
                email_id: email.id,
                credential_id: found.credential.id,
            };
            group.size(db).await? > 1
        }
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

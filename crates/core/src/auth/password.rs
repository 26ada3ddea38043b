//! Setting a password (R-AUTH-5, R-AUTH-6, R-LINK-4): the policy with every failed rule, one
//! UPDATE of the credential row whatever the number of accounts sharing it, and the other
//! sessions of all those accounts revoked (R-AUTH-8).
use crate::passwords::{PasswordService, PasswordServiceError};
use bailleur_api_types::{PasswordRule, check_password_policy};
use bailleur_entity::{auth_flow, auth_session, credential};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use time::OffsetDateTime;

#[derive(Debug, thiserror::Error)]
pub enum PasswordChangeError {
    #[error("the password breaks rules {0:?}")]
    Policy(Vec<PasswordRule>),
    #[error("the confirmation differs from the password")]
    Mismatch,
    #[error(transparent)]
    Hashing(#[from] PasswordServiceError),
    #[error(transparent)]
    Database(#[from] DbErr),
}

/// Checks the new password and its confirmation, then hashes it (off the executor).
pub async fn prepare(
    passwords: &PasswordService,
    new_password: &str,
    confirmation: &str,
) -> Result<String, PasswordChangeError> {
    let failed = check_password_policy(new_password);
    if !failed.is_empty() {
        return Err(PasswordChangeError::Policy(failed));
    }
    if new_password != confirmation {
        return Err(PasswordChangeError::Mismatch);
    }
    Ok(passwords.hash(new_password).await?)
}

/// Stores `hash` on the credential and revokes every session of the accounts sharing it, except
/// `keep_session` (the one making the change, if any); their flows in progress end too, but
/// `keep_flow`, and so do the provisional passwords of their letters.
pub async fn store(
    db: &impl ConnectionTrait,
    now: OffsetDateTime,
    credential_id: i32,
    hash: String,
    keep_session: Option<i32>,
    keep_flow: Option<i32>,
) -> Result<(), DbErr> {
    credential::Entity::update_many()
        .col_expr(credential::Column::PasswordHash, Expr::value(hash))
        .col_expr(credential::Column::Provisional, Expr::value(false))
        .col_expr(
            credential::Column::Version,
            Expr::col(credential::Column::Version).add(1),
        )
        .col_expr(credential::Column::ChangedAt, Expr::value(now))
        .filter(credential::Column::Id.eq(credential_id))
        .exec(db)
        .await?;
    // Only live sessions are looked at (an index on their end), each checked against the
    // credential by its account's primary key: the cost follows the sessions of the last hours,
    // not the size of the group (R-LINK-4 benchmark).
    let of_this_credential = crate::accounts::of_credential(
        (auth_session::Entity, auth_session::Column::AccountId),
        credential_id,
    );
    super::recent_checks::revoked();
    let mut revoke = auth_session::Entity::update_many()
        .col_expr(auth_session::Column::RevokedAt, Expr::value(now))
        .filter(auth_session::Column::AbsoluteExpiresAt.gt(now))
        .filter(auth_session::Column::RevokedAt.is_null())
        .filter(Expr::exists(of_this_credential));
    if let Some(keep) = keep_session {
        revoke = revoke.filter(auth_session::Column::Id.ne(keep));
    }
    revoke.exec(db).await?;
    let flow_of_this_credential = crate::accounts::of_credential(
        (auth_flow::Entity, auth_flow::Column::AccountId),
        credential_id,
    );
    // A flow opened before the change (a recovery, a second sign-in) cannot finish after it. A
    // recovery becomes a decoy: to whoever holds its id it answers as before, leading nowhere.
    let mut recoveries = auth_flow::Entity::find()
        .filter(auth_flow::Column::Purpose.eq(super::flow::RECOVERY))
        .filter(auth_flow::Column::ExpiresAt.gt(now))
        .filter(auth_flow::Column::CompletedAt.is_null())
        .filter(Expr::exists(flow_of_this_credential.clone()));
    if let Some(keep) = keep_flow {
        recoveries = recoveries.filter(auth_flow::Column::Id.ne(keep));
    }
    for recovery in recoveries.all(db).await? {
        super::decoy::take_over(db, &recovery).await?;
    }
    let mut end_flows = auth_flow::Entity::update_many()
        .col_expr(auth_flow::Column::ExpiresAt, Expr::value(now))
        .filter(auth_flow::Column::ExpiresAt.gt(now))
        .filter(auth_flow::Column::CompletedAt.is_null())
        .filter(Expr::exists(flow_of_this_credential));
    if let Some(keep) = keep_flow {
        end_flows = end_flows.filter(auth_flow::Column::Id.ne(keep));
    }
    end_flows.exec(db).await?;
    crate::letters::retire_passwords(db, now, credential_id).await
}

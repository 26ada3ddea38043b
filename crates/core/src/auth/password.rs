//! Setting a password (R-AUTH-5, R-AUTH-6, R-LINK-4): the policy with every failed rule, one
//! UPDATE of the credential row whatever the number of accounts sharing it, and the other
//! sessions of all those accounts revoked (R-AUTH-8).
use super::intent::Intent;
use super::recent_checks::RecentChecks;
use super::session::{self, Revoke};
use crate::hashing::{PasswordService, PasswordServiceError};
use bailleur_api_types::SessionId;
use bailleur_api_types::{PasswordRule, check_password_policy};
use bailleur_entity::{auth_flow, credential};
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

/// What a password change leaves running: the session making it, the flow it is made in.
#[derive(Debug, Clone, Copy, Default)]
pub struct Keep {
    pub session: Option<SessionId>,
    pub flow: Option<i32>,
}

/// Stores `hash` on the credential and revokes every session of the accounts sharing it, except
/// the one kept; their flows in progress end too, but the one kept, and so do the provisional
/// passwords of their letters.
pub async fn store(
    recent: &RecentChecks,
    db: &impl ConnectionTrait,
    now: OffsetDateTime,
    credential_id: i32,
    hash: String,
    keep: Keep,
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
    session::revoke(
        recent,
        db,
        now,
        Revoke::Credential {
            credential_id,
            except: keep.session,
        },
    )
    .await?;
    // Only live flows are looked at, each checked against the credential by its account's
    // primary key: the cost follows the flows of the last minutes, not the size of the group.
    let mut live = auth_flow::Entity::find()
        .filter(auth_flow::Column::ExpiresAt.gt(now))
        .filter(auth_flow::Column::CompletedAt.is_null())
        .filter(Expr::exists(crate::accounts::of_credential(
            (auth_flow::Entity, auth_flow::Column::AccountId),
            credential_id,
        )));
    if let Some(keep) = keep.flow {
        live = live.filter(auth_flow::Column::Id.ne(keep));
    }
    // A flow opened before the change (a recovery, a second sign-in) cannot finish after it. A
    // recovery becomes a decoy: to whoever holds its id it answers as before, leading nowhere.
    let mut ended = Vec::new();
    for flow in live.all(db).await? {
        if Intent::decode(&flow.intent).is_some_and(|intent| intent.is_recovery()) {
            super::decoy::take_over(db, &flow).await?;
        }
        ended.push(flow.id);
    }
    if !ended.is_empty() {
        auth_flow::Entity::update_many()
            .col_expr(auth_flow::Column::ExpiresAt, Expr::value(now))
            .filter(auth_flow::Column::Id.is_in(ended))
            .filter(auth_flow::Column::CompletedAt.is_null())
            .exec(db)
            .await?;
    }
    crate::letters::retire_passwords(db, now, credential_id).await
}

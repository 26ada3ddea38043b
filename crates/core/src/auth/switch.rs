//! R-AUTH-3: moving the session to another account of the same email group, as often as
//! wished, without signing in again. The old session's tokens die; new ones are issued.
use super::Auth;
use super::session::{self, Authenticated, Issued, SessionError};
use crate::accounts;
use crate::audit::{self, AuditKind};
use bailleur_api_types::auth::AccountPage;
use bailleur_entity::account;
use sea_orm::{DatabaseConnection, DbErr, EntityTrait, TransactionTrait};
use time::OffsetDateTime;

#[derive(Debug, thiserror::Error)]
pub enum SwitchError {
    #[error("the account does not share the email of the session's account")]
    NotInGroup,
    #[error(transparent)]
    Session(#[from] SessionError),
    #[error(transparent)]
    Database(#[from] DbErr),
}

/// The email row and the credential of `account_id`: what its group is made of.
async fn group_of(db: &DatabaseConnection, account_id: i32) -> Result<Option<(i32, i32)>, DbErr> {
    Ok(account::Entity::find_by_id(account_id)
        .one(db)
        .await?
        .and_then(|account| account.email_id.map(|email| (email, account.credential_id))))
}

/// The accounts the session may switch to (its own included), searchable and paginated.
pub async fn accounts(
    db: &DatabaseConnection,
    who: &Authenticated,
    query: Option<&str>,
    page: u64,
) -> Result<AccountPage, SwitchError> {
    match group_of(db, who.account_id).await? {
        Some((email_id, credential_id)) => {
            Ok(accounts::group_page(db, email_id, credential_id, query, page).await?)
        }
        None => Ok(AccountPage {
            items: vec![],
            total: 0,
            page: 1,
            page_size: accounts::PAGE_SIZE,
        }),
    }
}

pub async fn switch(
    auth: &Auth,
    db: &DatabaseConnection,
    now: OffsetDateTime,
    who: &Authenticated,
    target_id: i32,
    client_address: Option<&str>,
) -> Result<Issued, SwitchError> {
    let (email_id, credential_id) = group_of(db, who.account_id)
        .await?
        .ok_or(SwitchError::NotInGroup)?;
    // Linked means the same address and the same password (R-LINK-4): an account that only
    // uses the address is not reachable from here.
    let target = account::Entity::find_by_id(target_id)
        .one(db)
        .await?
        .filter(|account| {
            account.email_id == Some(email_id)
                && account.credential_id == credential_id
                && account.status == "active"
        })
        .ok_or(SwitchError::NotInGroup)?;
    let txn = db.begin().await?;
    session::revoke(&txn, now, who.session_id).await?;
    audit::record(
        &txn,
        now,
        AuditKind::AccountSwitched,
        Some(target.id),
        client_address,
        serde_json::json!({ "from": who.account_id }),
    )
    .await?;
    let issued = session::continue_on(auth, &txn, now, target.id, who.session_expires_at).await?;
    txn.commit().await?;
    Ok(issued)
}

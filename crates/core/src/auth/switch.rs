//! R-AUTH-3: moving the session to another account of the same email group, as often as
//! wished, without signing in again. The old session's tokens die; new ones are issued.
use super::Auth;
use super::session::{self, Authenticated, Issued, Revoke, SessionError};
use crate::accounts;
use crate::audit::{self, AuditKind};
use crate::linking::Group;
use bailleur_api_types::AccountId;
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

/// The group `account_id` stands in.
async fn group_of(db: &DatabaseConnection, account_id: AccountId) -> Result<Option<Group>, DbErr> {
    Ok(account::Entity::find_by_id(account_id)
        .one(db)
        .await?
        .as_ref()
        .and_then(Group::of))
}

/// The accounts the session may switch to (its own included), searchable and paginated.
pub async fn accounts(
    db: &DatabaseConnection,
    who: &Authenticated,
    query: Option<&str>,
    page: u64,
) -> Result<AccountPage, SwitchError> {
    match group_of(db, who.account_id).await? {
        Some(group) => Ok(accounts::group_page(db, group.members(), query, page).await?),
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
    target_id: AccountId,
    client_address: Option<&str>,
) -> Result<Issued, SwitchError> {
    let group = group_of(db, who.account_id)
        .await?
        .ok_or(SwitchError::NotInGroup)?;
    // Linked means the same address and the same password (R-LINK-4): an account that only
    // uses the address is not reachable from here.
    let target = account::Entity::find_by_id(target_id)
        .one(db)
        .await?
        .filter(|account| group.holds(account))
        .ok_or(SwitchError::NotInGroup)?;
    let txn = db.begin().await?;
    session::revoke(auth.recent_checks(), &txn, now, Revoke::One(who.session_id)).await?;
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

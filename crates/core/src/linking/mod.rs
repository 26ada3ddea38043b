//! Linked accounts (R-LINK-1 … R-LINK-6) in one place: accounts of different companies that use
//! one address share one password, held by one credential row. The decisions are pure
//! (`rules`); here are the reads that feed them and the writes that join a group or leave it,
//! called by Mon profil, partner users, imports and the first connection alike.
pub mod rules;

pub use rules::{Holder, NotShareable, OneAccountOnly, may_add_account, may_share};

use bailleur_api_types::{AccountId, Email, UserStatus};
use bailleur_entity::{account, credential, email_address, partner};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QuerySelect, RelationTrait, Set,
};
use time::OffsetDateTime;

#[derive(Debug, thiserror::Error)]
pub enum LinkingError {
    #[error(transparent)]
    NotShareable(#[from] NotShareable),
    #[error(transparent)]
    Database(#[from] DbErr),
}

/// A linked group: the accounts using `email_id` with `credential_id`, active ones (R-LINK-4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Group {
    pub email_id: i32,
    pub credential_id: i32,
}

impl Group {
    /// The group `account` stands in, when it has an address (alone, it is a group of one).
    pub fn of(account: &account::Model) -> Option<Group> {
        account.email_id.map(|email_id| Group {
            email_id,
            credential_id: account.credential_id,
        })
    }

    /// Whether `account` is one of the group: the same address, the same password, and through
    /// its first connection.
    pub fn holds(&self, account: &account::Model) -> bool {
        account.email_id == Some(self.email_id)
            && account.credential_id == self.credential_id
            && account.status == UserStatus::Active
    }

    /// The group's accounts, for listing and counting.
    pub fn members(&self) -> sea_orm::Select<account::Entity> {
        account::Entity::find()
            .filter(account::Column::EmailId.eq(self.email_id))
            .filter(account::Column::CredentialId.eq(self.credential_id))
            .filter(account::Column::Status.eq(UserStatus::Active))
    }

    pub async fn size(&self, db: &impl ConnectionTrait) -> Result<u64, DbErr> {
        self.members().count(db).await
    }
}

/// Two transactions giving one address to accounts at once must not both find it free
/// (R-LINK-2): each locks the address first, until it ends.
pub async fn lock_address(db: &impl ConnectionTrait, address: &str) -> Result<(), DbErr> {
    crate::database::lock_key(db, &format!("address:{address}")).await
}

async fn address_row(
    db: &impl ConnectionTrait,
    address: &str,
) -> Result<Option<email_address::Model>, DbErr> {
    email_address::Entity::find()
        .filter(email_address::Column::Address.eq(address))
        .one(db)
        .await
}

/// The accounts other than `except` using `address`, as the rules look at them. Called in the
/// transaction that then gives the address to an account: the decision and the write are one
/// (`lock_address`).
pub async fn holders(
    db: &impl ConnectionTrait,
    address: &str,
    except: Option<AccountId>,
) -> Result<Vec<Holder>, DbErr> {
    lock_address(db, address).await?;
    let Some(row) = address_row(db, address).await? else {
        return Ok(vec![]);
    };
    let mut select = account::Entity::find()
        .select_only()
        .column(account::Column::PartnerId)
        .column(partner::Column::Kind)
        .join(
            sea_orm::JoinType::InnerJoin,
            account::Relation::Partner.def(),
        )
        .filter(account::Column::EmailId.eq(row.id));
    if let Some(except) = except {
        select = select.filter(account::Column::Id.ne(except));
    }
    Ok(select
        .into_tuple()
        .all(db)
        .await?
        .into_iter()
        .map(|(partner, kind)| Holder { partner, kind })
        .collect())
}

/// R-LINK-2, R-REF-4: may `account` take `email`, given who already uses it? Asked only once the
/// address is proven by its code (R-LINK-3): the answer tells that someone uses it.
pub async fn check_shareable(
    db: &impl ConnectionTrait,
    account: &account::Model,
    email: &Email,
) -> Result<(), LinkingError> {
    let holders = holders(db, email.as_str(), Some(account.id)).await?;
    if holders.is_empty() {
        return Ok(());
    }
    let kind = partner::Entity::find_by_id(account.partner_id)
        .select_only()
        .column(partner::Column::Kind)
        .into_tuple()
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(format!("partner {}", account.partner_id)))?;
    let own = Holder {
        partner: account.partner_id,
        kind,
    };
    Ok(may_share(own, &holders)?)
}

/// How many accounts other than `account_id` use `address` (whatever their password).
pub async fn others_using(
    db: &impl ConnectionTrait,
    address: &str,
    account_id: AccountId,
) -> Result<u64, DbErr> {
    let Some(row) = address_row(db, address).await? else {
        return Ok(0);
    };
    account::Entity::find()
        .filter(account::Column::EmailId.eq(row.id))
        .filter(account::Column::Id.ne(account_id))
        .count(db)
        .await
}

/// The group an email change of `account_id` to `address` joins (R-LINK-3), as its accounts
/// are listed: by an active one.
pub async fn group_at(
    db: &impl ConnectionTrait,
    address: &str,
    account_id: AccountId,
) -> Result<Option<Group>, DbErr> {
    on_address(db, address, account_id, Some(UserStatus::Active)).await
}

/// The credential an email change to `address` links to when applied: that of any other
/// account on the address (whoever proves the address sets the password of those using it).
pub async fn credential_at(
    db: &impl ConnectionTrait,
    address: &str,
    account_id: AccountId,
) -> Result<Option<Group>, DbErr> {
    on_address(db, address, account_id, None).await
}

async fn on_address(
    db: &impl ConnectionTrait,
    address: &str,
    account_id: AccountId,
    status: Option<UserStatus>,
) -> Result<Option<Group>, DbErr> {
    let Some(row) = address_row(db, address).await? else {
        return Ok(None);
    };
    let mut select = account::Entity::find()
        .filter(account::Column::EmailId.eq(row.id))
        .filter(account::Column::Id.ne(account_id));
    if let Some(status) = status {
        select = select.filter(account::Column::Status.eq(status));
    }
    Ok(select.one(db).await?.map(|member| Group {
        email_id: row.id,
        credential_id: member.credential_id,
    }))
}

/// R-LINK-3 at a first connection: the credential of the other accounts using this account's
/// address with another password, and how many they are.
pub async fn group_to_join(
    db: &impl ConnectionTrait,
    account: &account::Model,
) -> Result<Option<(i32, u64)>, DbErr> {
    let Some(email_id) = account.email_id else {
        return Ok(None);
    };
    let others = account::Entity::find()
        .filter(account::Column::EmailId.eq(email_id))
        .filter(account::Column::Id.ne(account.id))
        .filter(account::Column::CredentialId.ne(account.credential_id))
        .all(db)
        .await?;
    Ok(others
        .first()
        .map(|other| (other.credential_id, others.len() as u64)))
}

/// R-LINK-3, R-LINK-4: `account` joins the credential `group` and `hash` becomes the password
/// of them all. Joined first, then stored: what a change ends (other sessions and flows, the
/// provisional passwords of letters) ends for this account too. Its own credential goes.
pub async fn join(
    db: &impl ConnectionTrait,
    account: &account::Model,
    group: i32,
) -> Result<(), DbErr> {
    let own = account.credential_id;
    let mut row: account::ActiveModel = account.clone().into();
    row.credential_id = Set(group);
    row.update(db).await?;
    remove_if_unused(db, own).await
}

/// R-LINK-5: `account` leaves its group with a credential of its own holding the same password.
/// Returns the credential it has now (its old one when it was alone on it).
pub async fn detach(
    db: &impl ConnectionTrait,
    now: OffsetDateTime,
    account: &account::Model,
) -> Result<i32, DbErr> {
    let shared = accounts_on(db, account.credential_id).await? > 1;
    if !shared {
        return Ok(account.credential_id);
    }
    let current = credential::Entity::find_by_id(account.credential_id)
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(format!("credential {}", account.credential_id)))?;
    let copy = credential::ActiveModel {
        password_hash: Set(current.password_hash),
        provisional: Set(current.provisional),
        version: Set(1),
        changed_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(copy.id)
}

/// No orphan: a credential nobody uses any more is removed.
/// How many accounts sign in with this credential.
async fn accounts_on(db: &impl ConnectionTrait, credential_id: i32) -> Result<u64, DbErr> {
    account::Entity::find()
        .filter(account::Column::CredentialId.eq(credential_id))
        .count(db)
        .await
}

pub async fn remove_if_unused(db: &impl ConnectionTrait, credential_id: i32) -> Result<(), DbErr> {
    let used = accounts_on(db, credential_id).await? > 0;
    if !used {
        credential::Entity::delete_by_id(credential_id)
            .exec(db)
            .await?;
    }
    Ok(())
}

/// How many accounts are linked with `account_id` (1 when it has no address or is alone).
pub async fn linked_count(db: &impl ConnectionTrait, account_id: AccountId) -> Result<u32, DbErr> {
    let account = account::Entity::find_by_id(account_id)
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(format!("account {account_id}")))?;
    let count = match Group::of(&account) {
        Some(group) => Ord::max(group.size(db).await?, 1),
        None => 1,
    };
    Ok(u32::try_from(count).unwrap_or(u32::MAX))
}

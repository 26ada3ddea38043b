//! Reading accounts: by login (R-AUTH-1), their summary for the header, who shares an email.
use bailleur_api_types::auth::AccountSummary;
use bailleur_api_types::{Email, Identifier};
use bailleur_entity::{account, caf_office, email_address, partner};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("account {0} does not exist")]
    Missing(i32),
    #[error("account {0} refers to a missing partner or Caf")]
    Dangling(i32),
    #[error(transparent)]
    Database(#[from] DbErr),
}

/// What a person types in the login field: an email when it has an `@`, an identifier otherwise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Login {
    Identifier(Identifier),
    Email(Email),
}

impl Login {
    /// `None` when the text is neither: it is then treated as an unknown login.
    pub fn parse(text: &str) -> Option<Login> {
        if text.contains('@') {
            Email::parse(text).ok().map(Login::Email)
        } else {
            Identifier::parse(text).ok().map(Login::Identifier)
        }
    }
}

/// The account a login designates. Accounts sharing an email share one password (R-LINK-4):
/// the first of them stands for the group until the user picks one (R-AUTH-2).
pub async fn find_by_login(
    db: &impl ConnectionTrait,
    login: &Login,
) -> Result<Option<account::Model>, DbErr> {
    match login {
        Login::Identifier(identifier) => {
            account::Entity::find()
                .filter(account::Column::Identifier.eq(identifier.as_str()))
                .one(db)
                .await
        }
        Login::Email(email) => {
            let Some(address) = email_address::Entity::find()
                .filter(email_address::Column::Address.eq(email.as_str()))
                .one(db)
                .await?
            else {
                return Ok(None);
            };
            account::Entity::find()
                .filter(account::Column::EmailId.eq(address.id))
                .order_by_asc(account::Column::Id)
                .one(db)
                .await
        }
    }
}

/// How many accounts use this email row.
pub async fn sharing_email(db: &impl ConnectionTrait, email_id: i32) -> Result<u64, DbErr> {
    account::Entity::find()
        .filter(account::Column::EmailId.eq(email_id))
        .count(db)
        .await
}

pub async fn summary(
    db: &impl ConnectionTrait,
    account_id: i32,
) -> Result<AccountSummary, AccountError> {
    let account = account::Entity::find_by_id(account_id)
        .one(db)
        .await?
        .ok_or(AccountError::Missing(account_id))?;
    let partner = partner::Entity::find_by_id(account.partner_id)
        .one(db)
        .await?
        .ok_or(AccountError::Dangling(account_id))?;
    let caf = caf_office::Entity::find_by_id(partner.caf_id)
        .one(db)
        .await?
        .ok_or(AccountError::Dangling(account_id))?;
    Ok(AccountSummary {
        id: account.id,
        identifier: account.identifier,
        first_name: account.first_name,
        last_name: account.last_name,
        partner_name: partner.name,
        caf_number: caf.number,
    })
}

/// How many accounts share the email of `account_id` (1 when it has none or is alone).
pub async fn sharing_count(
    db: &impl ConnectionTrait,
    account_id: i32,
) -> Result<u32, AccountError> {
    let account = account::Entity::find_by_id(account_id)
        .one(db)
        .await?
        .ok_or(AccountError::Missing(account_id))?;
    let count = match account.email_id {
        Some(email_id) => sharing_email(db, email_id).await?,
        None => 1,
    };
    Ok(u32::try_from(count).unwrap_or(u32::MAX))
}

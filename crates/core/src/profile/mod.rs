//! "Mon profil" (R-PROF-1, R-PROF-2, R-OTP-3) and what an email change does to linked accounts:
//! linking into the group of the new email (R-LINK-3), detachment from the old group (R-LINK-5),
//! and the refusals of R-LINK-2 / R-REF-4.
use crate::accounts::{self, AccountError};
use crate::auth::Auth;
use crate::auth::flow::{self, Asker, FlowError, Intent};
use crate::auth::throttle::{self, Softlock};
use crate::linking::{self, LinkingError};
use crate::mail::MailError;
use bailleur_api_types::auth::{Flow, Step};
use bailleur_api_types::profile::{Me, UpdateMeRequest};
use bailleur_api_types::{AccountId, FieldError, FormatError, PhoneNumber};
use bailleur_entity::{account, credential, email_address, partner};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, Set,
};
use time::OffsetDateTime;

mod email_change;

pub use email_change::{EmailChange, apply_email_change, start_email_change};

#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    #[error("invalid fields: {0:?}")]
    Invalid(Vec<FieldError>),
    #[error("the current password is wrong")]
    WrongCurrentPassword,
    #[error("the account has no email to send the code to")]
    NoEmail,
    #[error("the new email is the current one")]
    SameEmail,
    /// R-LINK-2, R-REF-4: a physical landlord's email, or one used by another user of the
    /// same partner.
    #[error(transparent)]
    NotShareable(#[from] linking::NotShareable),
    /// Other accounts started using the new address while its change was under way.
    #[error("the address was taken by other accounts meanwhile")]
    TakenMeanwhile,
    #[error("a stored value is invalid: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Account(#[from] AccountError),
    #[error(transparent)]
    Flow(#[from] FlowError),
    #[error(transparent)]
    Mail(#[from] MailError),
    #[error(transparent)]
    Password(#[from] crate::hashing::PasswordServiceError),
    #[error(transparent)]
    Database(#[from] DbErr),
}

impl From<LinkingError> for ProfileError {
    fn from(error: LinkingError) -> Self {
        match error {
            LinkingError::NotShareable(refusal) => ProfileError::NotShareable(refusal),
            LinkingError::Database(error) => ProfileError::Database(error),
        }
    }
}

fn field_error(field: &str, error: FormatError) -> FieldError {
    FieldError {
        field: field.to_owned(),
        code: error.code().to_owned(),
        message: error.message_fr(),
    }
}

async fn load(
    db: &impl ConnectionTrait,
    account_id: AccountId,
) -> Result<account::Model, ProfileError> {
    account::Entity::find_by_id(account_id)
        .one(db)
        .await?
        .ok_or(ProfileError::Account(AccountError::Missing(account_id)))
}

pub async fn me(db: &impl ConnectionTrait, account_id: AccountId) -> Result<Me, ProfileError> {
    let account = load(db, account_id).await?;
    let partner = partner::Entity::find_by_id(account.partner_id)
        .one(db)
        .await?
        .ok_or(ProfileError::Account(AccountError::Dangling(account_id)))?;
    let email = match account.email_id {
        Some(id) => email_address::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    let linked_accounts = account::Entity::find()
        .filter(account::Column::CredentialId.eq(account.credential_id))
        .count(db)
        .await?;
    Ok(Me {
        account: accounts::summary(db, account_id).await?,
        user_number: account.user_number,
        phone: account.phone,
        mobile_phone: account.mobile_phone,
        email: email.map(|row| row.address),
        role: account.role,
        partner_kind: partner.kind,
        linked_accounts: u32::try_from(linked_accounts).unwrap_or(u32::MAX),
    })
}

fn name(field: &str, value: &str, errors: &mut Vec<FieldError>) -> Option<String> {
    let value = value.trim();
    let length = value.chars().count();
    if length == 0 {
        errors.push(field_error(field, FormatError::Empty));
        None
    } else if length > 80 {
        errors.push(field_error(field, FormatError::Length { min: 1, max: 80 }));
        None
    } else {
        Some(value.to_owned())
    }
}

fn phone(
    field: &str,
    value: &Option<String>,
    errors: &mut Vec<FieldError>,
) -> Option<Option<String>> {
    match value.as_deref().map(str::trim) {
        None | Some("") => Some(None),
        Some(text) => match PhoneNumber::parse(text) {
            Ok(number) => Some(Some(number.into())),
            Err(error) => {
                errors.push(field_error(field, error));
                None
            }
        },
    }
}

/// R-PROF-1: name and phones; every bad field is named and nothing is written.
pub async fn update_me(
    db: &impl ConnectionTrait,
    account_id: AccountId,
    request: &UpdateMeRequest,
) -> Result<Me, ProfileError> {
    let mut errors = Vec::new();
    let first_name = request
        .first_name
        .as_deref()
        .map(|v| name("first_name", v, &mut errors));
    let last_name = request
        .last_name
        .as_deref()
        .map(|v| name("last_name", v, &mut errors));
    let phone_value = request
        .phone
        .as_ref()
        .map(|v| phone("phone", v, &mut errors));
    let mobile = request
        .mobile_phone
        .as_ref()
        .map(|v| phone("mobile_phone", v, &mut errors));
    if !errors.is_empty() {
        return Err(ProfileError::Invalid(errors));
    }
    let mut row: account::ActiveModel = load(db, account_id).await?.into();
    if let Some(Some(value)) = first_name {
        row.first_name = Set(value);
    }
    if let Some(Some(value)) = last_name {
        row.last_name = Set(value);
    }
    if let Some(Some(value)) = phone_value {
        row.phone = Set(value);
    }
    if let Some(Some(value)) = mobile {
        row.mobile_phone = Set(value);
    }
    row.update(db).await?;
    me(db, account_id).await
}

/// R-PROF-2, R-OTP-3: the current password, then a code to the current email, then the new
/// password (one UPDATE for the whole group, R-LINK-4).
pub async fn start_password_change(
    auth: &Auth,
    db: &DatabaseConnection,
    now: OffsetDateTime,
    asker: Asker,
    current_password: &str,
    client_address: Option<&str>,
) -> Result<Flow, ProfileError> {
    let account = load(db, asker.account_id).await?;
    if account.email_id.is_none() {
        return Err(ProfileError::NoEmail);
    }
    let stored = credential::Entity::find_by_id(account.credential_id)
        .one(db)
        .await?
        .map(|row| row.password_hash);
    // The credential's counter, as at sign-in (R-AUTH-7): a stolen session cannot try the
    // group's password at argon2's speed.
    let slot = auth.passwords.slot()?;
    let key = throttle::credential_key(account.credential_id);
    let taken = throttle::reserve_waiting(db, &Softlock::CREDENTIAL, &key, now).await?
        == throttle::Reservation::Taken;
    let stored = stored.as_deref().filter(|_| taken);
    let right = auth
        .passwords
        .verify_in(&slot, current_password, stored)
        .await?;
    if taken && right {
        throttle::settle_success(db, &key, true).await?;
    } else if taken {
        throttle::settle_failure(db, &Softlock::CREDENTIAL, &key, now).await?;
    }
    if !right {
        return Err(ProfileError::WrongCurrentPassword);
    }
    let due = vec![Step::Otp, Step::NewPassword];
    let intent = Intent::ChangePassword;
    Ok(flow::open_change(auth, db, now, asker, intent, due, client_address).await?)
}

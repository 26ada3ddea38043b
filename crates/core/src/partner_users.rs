//! The partner's users (R-AUTH-5): its administrator lists them, creates them (each with a
//! personal email; the identifier and a provisional password go out in two separate mails) and
//! disables or enables them. Emails follow R-LINK-2: never one of another user of the partner,
//! never a physical landlord's.
use crate::audit::{self, AuditKind};
use crate::auth::recent_checks::RecentChecks;
use crate::auth::session::Authenticated;
use crate::auth::session::{self, Revoke};
use crate::hashing::{PasswordService, PasswordServiceError};
use crate::linking::{self, Holder, LinkingError};
use crate::mail::{MailError, OutgoingMail, account_created_mails};
use bailleur_api_types::partner::{CreateUserRequest, PartnerUser};
use bailleur_api_types::{AccountId, AccountRole, Email, FieldError, FormatError, UserStatus};
use bailleur_entity::{account, caf_office, credential, email_address, partner};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, Set, TransactionTrait,
};
use time::OffsetDateTime;

#[derive(Debug, thiserror::Error)]
pub enum PartnerUsersError {
    #[error("only the partner's administrator manages its users")]
    NotAdministrator,
    #[error("no user of this partner has this id")]
    NotFound,
    #[error("an administrator cannot disable their own account")]
    SelfDisable,
    #[error("invalid fields: {0:?}")]
    Invalid(Vec<FieldError>),
    #[error(transparent)]
    PhysicalPartner(#[from] linking::OneAccountOnly),
    #[error(transparent)]
    NotShareable(#[from] linking::NotShareable),
    #[error(transparent)]
    Mail(#[from] MailError),
    #[error(transparent)]
    Password(#[from] PasswordServiceError),
    #[error(transparent)]
    Database(#[from] DbErr),
}

impl From<LinkingError> for PartnerUsersError {
    fn from(error: LinkingError) -> Self {
        match error {
            LinkingError::NotShareable(refusal) => PartnerUsersError::NotShareable(refusal),
            LinkingError::Database(error) => PartnerUsersError::Database(error),
        }
    }
}

/// The administrator's account and partner, or `NotAdministrator`.
async fn administrator(
    db: &impl ConnectionTrait,
    who: &Authenticated,
) -> Result<(account::Model, partner::Model), PartnerUsersError> {
    let admin = account::Entity::find_by_id(who.account_id)
        .one(db)
        .await?
        .filter(|account| {
            account.role == AccountRole::Administrator && account.status == UserStatus::Active
        })
        .ok_or(PartnerUsersError::NotAdministrator)?;
    let partner = partner::Entity::find_by_id(admin.partner_id)
        .one(db)
        .await?
        .ok_or(PartnerUsersError::NotAdministrator)?;
    Ok((admin, partner))
}

async fn view(db: &impl ConnectionTrait, row: account::Model) -> Result<PartnerUser, DbErr> {
    let email = match row.email_id {
        Some(id) => email_address::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|e| e.address),
        None => None,
    };
    Ok(PartnerUser {
        id: row.id,
        identifier: row.identifier,
        user_number: row.user_number,
        first_name: row.first_name,
        last_name: row.last_name,
        email,
        role: row.role,
        status: row.status,
    })
}

pub async fn list(
    db: &DatabaseConnection,
    who: &Authenticated,
) -> Result<Vec<PartnerUser>, PartnerUsersError> {
    let (_, partner) = administrator(db, who).await?;
    let rows = account::Entity::find()
        .filter(account::Column::PartnerId.eq(partner.id))
        .order_by_asc(account::Column::Identifier)
        .all(db)
        .await?;
    let mut users = Vec::with_capacity(rows.len());
    for row in rows {
        users.push(view(db, row).await?);
    }
    Ok(users)
}

use crate::random::string_from;

const DIGITS: &[u8] = b"0123456789";

fn check_name(field: &str, value: &str, errors: &mut Vec<FieldError>) -> String {
    let value = value.trim();
    let length = value.chars().count();
    let error = if length == 0 {
        Some(FormatError::Empty)
    } else if length > 80 {
        Some(FormatError::Length { min: 1, max: 80 })
    } else {
        None
    };
    if let Some(error) = error {
        errors.push(FieldError {
            field: field.to_owned(),
            code: error.code().to_owned(),
            message: error.message_fr(),
        });
    }
    value.to_owned()
}

/// A user to create, checked and its provisional password hashed: what [`record`] writes. The
/// hashing is done before any transaction opens (it takes tens of milliseconds, and SQLite has
/// one writer).
pub struct PreparedUser {
    admin: account::Model,
    partner: partner::Model,
    first_name: String,
    last_name: String,
    email: Email,
    password: String,
    hash: String,
}

pub async fn prepare(
    passwords: &PasswordService,
    db: &impl ConnectionTrait,
    who: &Authenticated,
    request: &CreateUserRequest,
) -> Result<PreparedUser, PartnerUsersError> {
    let (admin, partner) = administrator(db, who).await?;
    // The administrator's own account is the partner's first.
    linking::may_add_account(partner.kind, 1)?;
    let mut errors = Vec::new();
    let first_name = check_name("first_name", &request.first_name, &mut errors);
    let last_name = check_name("last_name", &request.last_name, &mut errors);
    let email = match Email::parse(&request.email) {
        Ok(email) => Some(email),
        Err(error) => {
            errors.push(FieldError {
                field: "email".to_owned(),
                code: error.code().to_owned(),
                message: error.message_fr(),
            });
            None
        }
    };
    let Some(email) = email.filter(|_| errors.is_empty()) else {
        return Err(PartnerUsersError::Invalid(errors));
    };
    let password = crate::random::provisional_password();
    let hash = passwords.hash(&password).await?;
    Ok(PreparedUser {
        admin,
        partner,
        first_name,
        last_name,
        email,
        password,
        hash,
    })
}

/// Creates the prepared user in `txn`; returns it and the two mails (identifier, provisional
/// password) to send once the transaction is committed.
pub async fn record(
    txn: &impl ConnectionTrait,
    now: OffsetDateTime,
    prepared: PreparedUser,
) -> Result<(PartnerUser, Vec<OutgoingMail>), PartnerUsersError> {
    let PreparedUser {
        admin,
        partner,
        first_name,
        last_name,
        email,
        password,
        hash,
    } = prepared;
    let email_id = shareable_email(txn, &partner, &email, now).await?;
    let (row, identifier) = insert_account(
        txn,
        now,
        NewAccount {
            partner: &partner,
            email_id: Some(email_id),
            password_hash: hash,
            role: AccountRole::User,
            first_name,
            last_name,
        },
        serde_json::json!({ "by": admin.id }),
    )
    .await?;
    let user = view(txn, row).await?;
    let mails = account_created_mails(&email, &identifier, &partner.name, &password)?;
    Ok((user, mails))
}

/// What a new account is made of; its identifier and user number are drawn here.
pub(crate) struct NewAccount<'a> {
    pub partner: &'a partner::Model,
    pub email_id: Option<i32>,
    pub password_hash: String,
    pub role: AccountRole,
    pub first_name: String,
    pub last_name: String,
}

/// A new account waiting for its first connection, with its own provisional credential and
/// the audit event (`by` says who created it); returns it and its identifier.
pub(crate) async fn insert_account(
    db: &impl ConnectionTrait,
    now: OffsetDateTime,
    new: NewAccount<'_>,
    by: serde_json::Value,
) -> Result<(account::Model, String), DbErr> {
    let caf = caf_office::Entity::find_by_id(new.partner.caf_id)
        .one(db)
        .await?
        .map_or_else(|| "000".to_owned(), |caf| caf.number);
    let credential = credential::ActiveModel {
        password_hash: Set(new.password_hash),
        provisional: Set(true),
        version: Set(1),
        changed_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let (identifier, user_number) = unique_numbers(db, &caf).await?;
    let row = account::ActiveModel {
        partner_id: Set(new.partner.id),
        identifier: Set(identifier.clone()),
        user_number: Set(user_number),
        email_id: Set(new.email_id),
        credential_id: Set(credential.id),
        role: Set(new.role),
        status: Set(UserStatus::PendingFirstConnection),
        first_name: Set(new.first_name),
        last_name: Set(new.last_name),
        phone: Set(None),
        mobile_phone: Set(None),
        created_at: Set(now),
        last_sign_in_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    audit::record(db, now, AuditKind::UserCreated, Some(row.id), None, by).await?;
    Ok((row, identifier))
}

/// The email row for a new user of `partner`, refusing R-LINK-2's cases.
async fn shareable_email(
    db: &impl ConnectionTrait,
    partner: &partner::Model,
    email: &Email,
    now: OffsetDateTime,
) -> Result<i32, PartnerUsersError> {
    linking::lock_address(db, email.as_str()).await?;
    let existing = email_address::Entity::find()
        .filter(email_address::Column::Address.eq(email.as_str()))
        .one(db)
        .await?;
    let Some(existing) = existing else {
        let row = email_address::ActiveModel {
            address: Set(email.as_str().to_owned()),
            last_otp_validated_at: Set(None),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        return Ok(row.id);
    };
    let own = Holder {
        partner: partner.id,
        kind: partner.kind,
    };
    linking::may_share(own, &linking::holders(db, email.as_str(), None).await?)?;
    Ok(existing.id)
}

/// A new identifier and user number (the Caf's number, then 11 digits), both unused.
async fn unique_numbers(db: &impl ConnectionTrait, caf: &str) -> Result<(String, String), DbErr> {
    loop {
        let identifier = string_from(b"ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", 10);
        let user_number = format!("{caf}{}", string_from(DIGITS, 11));
        let taken = account::Entity::find()
            .filter(
                sea_orm::Condition::any()
                    .add(account::Column::Identifier.eq(&identifier))
                    .add(account::Column::UserNumber.eq(&user_number)),
            )
            .one(db)
            .await?
            .is_some();
        if !taken {
            return Ok((identifier, user_number));
        }
    }
}

/// Disables (every session of the user ends at once) or enables a user of the partner.
pub async fn set_disabled(
    recent: &RecentChecks,
    db: &DatabaseConnection,
    now: OffsetDateTime,
    who: &Authenticated,
    user_id: AccountId,
    disabled: bool,
) -> Result<PartnerUser, PartnerUsersError> {
    let (admin, partner) = administrator(db, who).await?;
    if user_id == admin.id && disabled {
        return Err(PartnerUsersError::SelfDisable);
    }
    let txn = db.begin().await?;
    let user = account::Entity::find_by_id(user_id)
        .one(&txn)
        .await?
        .filter(|user| user.partner_id == partner.id)
        .ok_or(PartnerUsersError::NotFound)?;
    let status = match (
        disabled,
        user.last_sign_in_at.is_some() || user.status == UserStatus::Active,
    ) {
        (true, _) => UserStatus::Disabled,
        (false, true) => UserStatus::Active,
        (false, false) => UserStatus::PendingFirstConnection,
    };
    let mut row: account::ActiveModel = user.into();
    row.status = Set(status);
    let user = row.update(&txn).await?;
    if disabled {
        session::revoke(recent, &txn, now, Revoke::AllOf(user.id)).await?;
    }
    audit::record(
        &txn,
        now,
        if disabled {
            AuditKind::UserDisabled
        } else {
            AuditKind::UserEnabled
        },
        Some(user.id),
        None,
        serde_json::json!({ "by": admin.id }),
    )
    .await?;
    let view = view(&txn, user).await?;
    txn.commit().await?;
    Ok(view)
}

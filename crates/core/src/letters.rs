//! Postal letters (R-RESET-3, R-AUTH-5): an account without email that forgets its password, or
//! is created without one, gets a provisional password by post, to the partner's postal address.
//!
//! A letter is stored for dispatch *without* its password. The password is drawn when the
//! letter is dispatched (printed), only its hash is kept, on the letter: it exists in clear only
//! on paper. Until it is used, the account's current password keeps working, so a stranger's
//! request locks nobody out; a sign-in with it must replace it at once. One letter per account
//! per 7 days; a provisional password is valid 30 days after dispatch and dies as soon as the
//! account's password changes.
use crate::audit::{self, AuditKind};
use crate::hashing::{HashError, hash_password};
use crate::random::provisional_password;
use bailleur_api_types::AccountId;
use bailleur_entity::{account, partner, postal_letter};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use time::{Duration, OffsetDateTime};

pub const PROVISIONAL_PASSWORD: &str = "provisional_password";
/// Where a letter's text holds the password, filled in only on the printed copy.
pub const PASSWORD_SLOT: &str = "{mot_de_passe_provisoire}";
/// What the stored text shows in its place.
const NOT_STORED: &str = "[imprimé sur le courrier, jamais conservé]";
/// At most one letter per account in this time (R-RESET-3).
pub const LETTER_INTERVAL: Duration = Duration::days(7);
/// How long a dispatched provisional password can be used.
pub const PASSWORD_VALIDITY: Duration = Duration::days(30);

#[derive(Debug, thiserror::Error)]
pub enum LetterError {
    #[error(transparent)]
    Hash(#[from] HashError),
    #[error("account {0} has no partner")]
    Dangling(AccountId),
    #[error(transparent)]
    Database(#[from] DbErr),
}

/// The partner's postal address, as printed on the envelope.
pub fn recipient(partner: &partner::Model) -> String {
    [
        Some(partner.name.clone()),
        Some(partner.address_line1.clone()),
        partner.address_line2.clone(),
        Some(format!("{} {}", partner.postal_code, partner.city)),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join("\n")
}

/// A letter waiting for dispatch (its text holds [`PASSWORD_SLOT`]), with its audit event.
pub async fn store(
    db: &impl ConnectionTrait,
    now: OffsetDateTime,
    account_id: AccountId,
    recipient: String,
    body: String,
    client_address: Option<&str>,
) -> Result<(), DbErr> {
    let letter = postal_letter::ActiveModel {
        account_id: Set(account_id),
        kind: Set(PROVISIONAL_PASSWORD.to_owned()),
        recipient_address: Set(recipient),
        body: Set(body),
        created_at: Set(now),
        dispatched_at: Set(None),
        password_hash: Set(None),
        password_used_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    audit::record(
        db,
        now,
        AuditKind::LetterIssued,
        Some(account_id),
        client_address,
        serde_json::json!({ "letter": letter.id, "kind": PROVISIONAL_PASSWORD }),
    )
    .await
}

/// R-RESET-3: a letter with a new provisional password for `account`, unless one was issued in
/// the last 7 days. Nothing about the account changes now. Returns whether a letter was issued.
pub async fn provisional_password_letter(
    db: &DatabaseConnection,
    now: OffsetDateTime,
    account: &account::Model,
    client_address: Option<&str>,
) -> Result<bool, LetterError> {
    // Counted and stored in one transaction, serialised per account: simultaneous requests
    // give one letter.
    let txn = db.begin().await?;
    crate::database::lock_key(&txn, &format!("letter:{}", account.id)).await?;
    let recent = postal_letter::Entity::find()
        .filter(postal_letter::Column::AccountId.eq(account.id))
        .filter(postal_letter::Column::CreatedAt.gt(now - LETTER_INTERVAL))
        .count(&txn)
        .await?;
    if recent > 0 {
        return Ok(false);
    }
    let partner = partner::Entity::find_by_id(account.partner_id)
        .one(&txn)
        .await?
        .ok_or(LetterError::Dangling(account.id))?;
    let body = format!(
        "Objet : votre mot de passe provisoire de l'Espace Bailleur\n\n\
         Madame, Monsieur,\n\n\
         Vous avez demandé un nouveau mot de passe pour le compte {identifier} de l'Espace \
         Bailleur. Aucune adresse mail n'étant connue pour ce compte, nous vous l'adressons \
         par courrier.\n\n\
         Identifiant : {identifier}\n\
         Mot de passe provisoire : {PASSWORD_SLOT}\n\n\
         Ce mot de passe est valable {days} jours. Votre mot de passe actuel reste valable \
         tant que vous ne l'avez pas utilisé. À votre prochaine connexion avec lui, vous \
         indiquerez une adresse mail et choisirez un mot de passe personnel. Si vous n'êtes \
         pas à l'origine de cette demande, ignorez ce courrier et contactez votre Caf.\n\n\
         Votre Caf",
        identifier = account.identifier,
        days = PASSWORD_VALIDITY.whole_days(),
    );
    store(
        &txn,
        now,
        account.id,
        recipient(&partner),
        body,
        client_address,
    )
    .await?;
    txn.commit().await?;
    Ok(true)
}

/// The letters waiting for dispatch, oldest first (their text without any password).
pub async fn pending(db: &DatabaseConnection) -> Result<Vec<postal_letter::Model>, DbErr> {
    postal_letter::Entity::find()
        .filter(postal_letter::Column::DispatchedAt.is_null())
        .order_by_asc(postal_letter::Column::Id)
        .all(db)
        .await
}

/// Dispatches a letter: draws its provisional password, keeps only the hash, marks it sent.
/// Returns the text to print, the only place the password is ever written.
pub async fn dispatch(
    db: &DatabaseConnection,
    now: OffsetDateTime,
    letter: postal_letter::Model,
) -> Result<String, LetterError> {
    let password = provisional_password();
    let hash = hash_password(&password)?;
    let printed = letter.body.replace(PASSWORD_SLOT, &password);
    let kept = letter.body.replace(PASSWORD_SLOT, NOT_STORED);
    let mut row: postal_letter::ActiveModel = letter.into();
    row.body = Set(kept);
    row.password_hash = Set(Some(hash));
    row.dispatched_at = Set(Some(now));
    row.update(db).await?;
    Ok(printed)
}

/// The text of a pending letter as shown before dispatch.
pub fn preview(letter: &postal_letter::Model) -> String {
    letter
        .body
        .replace(PASSWORD_SLOT, "[tiré et imprimé à l'envoi]")
}

/// The hash of the provisional password a letter gave `account_id`, while it can be used.
pub async fn usable_password(
    db: &impl ConnectionTrait,
    now: OffsetDateTime,
    account_id: AccountId,
) -> Result<Option<String>, DbErr> {
    Ok(postal_letter::Entity::find()
        .filter(postal_letter::Column::AccountId.eq(account_id))
        .filter(postal_letter::Column::PasswordUsedAt.is_null())
        .filter(postal_letter::Column::DispatchedAt.gt(now - PASSWORD_VALIDITY))
        .order_by_desc(postal_letter::Column::Id)
        .one(db)
        .await?
        .and_then(|letter| letter.password_hash))
}

/// The letters' passwords of the accounts using `credential_id` die: their password changed.
pub async fn retire_passwords(
    db: &impl ConnectionTrait,
    now: OffsetDateTime,
    credential_id: i32,
) -> Result<(), DbErr> {
    // Correlated on the letters (few), not listing the accounts (a group can hold thousands).
    let of_this_credential = crate::accounts::of_credential(
        (postal_letter::Entity, postal_letter::Column::AccountId),
        credential_id,
    );
    postal_letter::Entity::update_many()
        .col_expr(postal_letter::Column::PasswordUsedAt, Expr::value(now))
        .filter(postal_letter::Column::PasswordUsedAt.is_null())
        .filter(postal_letter::Column::PasswordHash.is_not_null())
        .filter(Expr::exists(of_this_credential))
        .exec(db)
        .await?;
    Ok(())
}

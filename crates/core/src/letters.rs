//! Postal letters (R-RESET-3): an account without email that forgets its password gets a new
//! provisional one by post, to the partner's postal address. The letter is stored for dispatch;
//! the next sign-in must replace the password (it is provisional).
use crate::audit::{self, AuditKind};
use crate::partner_users::provisional_password;
use crate::passwords::{PasswordService, PasswordServiceError};
use bailleur_entity::{account, credential, partner, postal_letter};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, Set, TransactionTrait,
};
use time::OffsetDateTime;

pub const PROVISIONAL_PASSWORD: &str = "provisional_password";
/// What replaces the password in a letter once it is dispatched: it leaves the database.
const REDACTED: &str = "[mot de passe retiré après envoi]";

#[derive(Debug, thiserror::Error)]
pub enum LetterError {
    #[error(transparent)]
    Password(#[from] PasswordServiceError),
    #[error("account {0} has no partner")]
    Dangling(i32),
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

/// A provisional-password letter waiting for dispatch, with its audit event.
pub async fn store(
    db: &impl ConnectionTrait,
    now: OffsetDateTime,
    account_id: i32,
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

/// A new provisional password for `account`, set now and written in a letter for dispatch.
pub async fn provisional_password_letter(
    passwords: &PasswordService,
    db: &DatabaseConnection,
    now: OffsetDateTime,
    account: &account::Model,
    client_address: Option<&str>,
) -> Result<(), LetterError> {
    let password = provisional_password();
    let hash = passwords.hash(&password).await?;
    let partner = partner::Entity::find_by_id(account.partner_id)
        .one(db)
        .await?
        .ok_or(LetterError::Dangling(account.id))?;
    let recipient = recipient(&partner);
    let body = format!(
        "Objet : votre mot de passe provisoire de l'Espace Bailleur\n\n\
         Madame, Monsieur,\n\n\
         Vous avez demandé un nouveau mot de passe pour le compte {identifier} de l'Espace \
         Bailleur. Aucune adresse mail n'étant connue pour ce compte, nous vous l'adressons \
         par courrier.\n\n\
         Identifiant : {identifier}\n\
         Mot de passe provisoire : {password}\n\n\
         À votre prochaine connexion, vous indiquerez une adresse mail et choisirez un mot de \
         passe personnel. Si vous n'êtes pas à l'origine de cette demande, contactez votre Caf.\n\n\
         Votre Caf",
        identifier = account.identifier,
    );
    let txn = db.begin().await?;
    credential::Entity::update_many()
        .col_expr(credential::Column::PasswordHash, Expr::value(hash))
        .col_expr(credential::Column::Provisional, Expr::value(true))
        .col_expr(
            credential::Column::Version,
            Expr::col(credential::Column::Version).add(1),
        )
        .col_expr(credential::Column::ChangedAt, Expr::value(now))
        .filter(credential::Column::Id.eq(account.credential_id))
        .exec(&txn)
        .await?;
    crate::auth::session::revoke_all(&txn, now, account.id).await?;
    store(&txn, now, account.id, recipient, body, client_address).await?;
    txn.commit().await?;
    Ok(())
}

/// The letters waiting for dispatch, oldest first.
pub async fn pending(db: &DatabaseConnection) -> Result<Vec<postal_letter::Model>, DbErr> {
    postal_letter::Entity::find()
        .filter(postal_letter::Column::DispatchedAt.is_null())
        .order_by_asc(postal_letter::Column::Id)
        .all(db)
        .await
}

/// Marks a letter dispatched and removes the password from what the database keeps.
pub async fn mark_dispatched(
    db: &DatabaseConnection,
    now: OffsetDateTime,
    letter: postal_letter::Model,
) -> Result<(), DbErr> {
    let redacted = letter
        .body
        .lines()
        .map(|line| match line.split_once("Mot de passe provisoire : ") {
            Some((head, _)) => format!("{head}Mot de passe provisoire : {REDACTED}"),
            None => line.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut row: postal_letter::ActiveModel = letter.into();
    row.body = Set(redacted);
    row.dispatched_at = Set(Some(now));
    row.update(db).await?;
    Ok(())
}

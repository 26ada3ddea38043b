//! Accounts of partners with their provisional credentials (R-OPS-1, R-AUTH-5): an account
//! with an email gets its identifier and its provisional password in two mails, sent once the
//! import is committed; one without gets a letter for dispatch (`bailleur letters`). Either way
//! the first sign-in replaces the password.
use super::tenants::{partner_keys, partner_of};
use super::{ImportError, Imported, Progress, Sheet, check_all};
use crate::hashing::PasswordService;
use crate::linking;
use crate::mail::{OutgoingMail, account_created_mails};
use crate::partner_users::{NewAccount, insert_account};
use crate::random::provisional_password;
use bailleur_api_types::{AccountRole, Email, PartnerId};
use bailleur_entity::{account, email_address, partner};
use sea_orm::{
    ActiveModelTrait, DatabaseConnection, EntityTrait, QuerySelect, Set, TransactionTrait,
};
use std::collections::{HashMap, HashSet};
use std::io::Read;
use time::OffsetDateTime;

pub const COLUMNS: &[&str] = &["bailleur", "prenom", "nom", "role"];

struct Checked {
    partner_id: PartnerId,
    first_name: String,
    last_name: String,
    email: Option<Email>,
    role: AccountRole,
}

/// The letter's text; its password is drawn and printed at dispatch (`letters::dispatch`).
fn letter_body(identifier: &str) -> String {
    let password = crate::letters::PASSWORD_SLOT;
    format!(
        "Objet : votre accès à l'Espace Bailleur\n\n\
         Madame, Monsieur,\n\n\
         Votre compte de l'Espace Bailleur de la Caf est ouvert. Aucune adresse mail n'étant \
         connue pour ce compte, nous vous adressons ses codes d'accès par courrier.\n\n\
         Identifiant : {identifier}\n\
         Mot de passe provisoire : {password}\n\n\
         À votre première connexion, vous indiquerez une adresse mail et choisirez un mot de \
         passe personnel.\n\n\
         Votre Caf"
    )
}

/// Checks and imports the accounts; returns the mails to send once committed.
pub async fn import(
    db: &DatabaseConnection,
    passwords: &PasswordService,
    input: impl Read,
    progress: &dyn Progress,
    now: OffsetDateTime,
) -> Result<(Imported, Vec<OutgoingMail>), ImportError> {
    let sheet = Sheet::read(input, COLUMNS)?;
    let keys = partner_keys(db).await?;
    let partners: HashMap<PartnerId, partner::Model> = partner::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.id, row))
        .collect();
    let used_emails: HashSet<String> = email_address::Entity::find()
        .select_only()
        .column(email_address::Column::Address)
        .into_tuple::<String>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let with_account: HashSet<PartnerId> = account::Entity::find()
        .select_only()
        .column(account::Column::PartnerId)
        .into_tuple::<PartnerId>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let mut seen_emails = HashMap::new();
    let mut first_row_of = HashMap::new();
    let rows = check_all(&sheet, progress, |row, errors| {
        let partner = partner_of(row, errors, &keys);
        // The French words of the agency's files, or the stored names.
        let role = match row.raw("role").to_lowercase().as_str() {
            "administrateur" => AccountRole::Administrator,
            "utilisateur" => AccountRole::User,
            stored => stored.parse().unwrap_or_else(|_| {
                row.refuse(
                    errors,
                    "role",
                    "Saisissez « administrateur » ou « utilisateur ».",
                );
                AccountRole::User
            }),
        };
        let email = Some(row.raw("email"))
            .filter(|raw| !raw.is_empty())
            .and_then(|_| row.parsed(errors, "email", Email::parse));
        if let Some(email) = &email {
            // Linking an address to an existing group is done in the app, where its owner
            // confirms it (R-LINK-3).
            if used_emails.contains(email.as_str()) {
                row.refuse(errors, "email", "cette adresse est déjà celle d'un compte");
            } else if let Some(first) = seen_emails.insert(email.as_str().to_owned(), row.line) {
                row.refuse(
                    errors,
                    "email",
                    format!("cette adresse figure déjà ligne {first}"),
                );
            }
        }
        let first_name = row.text(errors, "prenom", 80);
        let last_name = row.text(errors, "nom", 80);
        let (partner_id, _) = partner?;
        if let Some(owner) = partners.get(&partner_id) {
            // R-REF-4: a physical landlord has one account (per département).
            let has_one = with_account.contains(&partner_id);
            let earlier = first_row_of.get(&partner_id).copied();
            let existing = u64::from(has_one) + u64::from(earlier.is_some());
            match (linking::may_add_account(owner.kind, existing), earlier) {
                (Ok(()), _) => {}
                (Err(_), Some(first)) if !has_one => row.refuse(
                    errors,
                    "bailleur",
                    format!("ce bailleur physique a déjà un compte ligne {first}"),
                ),
                (Err(_), _) => {
                    row.refuse(errors, "bailleur", "ce bailleur physique a déjà son compte");
                }
            }
            first_row_of.entry(partner_id).or_insert(row.line);
        }
        Some(Checked {
            partner_id,
            first_name,
            last_name,
            email,
            role,
        })
    })?;
    let total = rows.len() as u64;
    // Hashing is the slow part (argon2, on every core): done before the transaction. An account
    // told by post gets its password at dispatch: until then no password opens it.
    let mut secrets = Vec::with_capacity(rows.len());
    for (index, row) in rows.iter().enumerate() {
        let secret = match row.email {
            Some(_) => {
                let password = provisional_password();
                let hash = passwords.hash(&password).await?;
                (password, hash)
            }
            None => (String::new(), crate::hashing::UNUSABLE.to_owned()),
        };
        secrets.push(secret);
        progress.advance("mots de passe", index as u64 + 1, total);
    }
    let txn = db.begin().await?;
    let mut mails = Vec::new();
    for (index, (row, (password, hash))) in rows.iter().zip(secrets).enumerate() {
        let Some(owner) = partners.get(&row.partner_id) else {
            continue;
        };
        let email_id = match &row.email {
            Some(email) => Some(
                email_address::ActiveModel {
                    address: Set(email.as_str().to_owned()),
                    last_otp_validated_at: Set(None),
                    created_at: Set(now),
                    ..Default::default()
                }
                .insert(&txn)
                .await?
                .id,
            ),
            None => None,
        };
        let (created, identifier) = insert_account(
            &txn,
            now,
            NewAccount {
                partner: owner,
                email_id,
                password_hash: hash,
                role: row.role,
                first_name: row.first_name.clone(),
                last_name: row.last_name.clone(),
            },
            serde_json::json!({ "by": "import" }),
        )
        .await?;
        match &row.email {
            Some(email) => mails.extend(account_created_mails(
                email,
                &identifier,
                &owner.name,
                &password,
            )?),
            None => {
                crate::letters::store(
                    &txn,
                    now,
                    created.id,
                    crate::letters::recipient(owner),
                    letter_body(&identifier),
                    None,
                )
                .await?;
            }
        }
        progress.advance("import", index as u64 + 1, total);
    }
    txn.commit().await?;
    Ok((Imported { rows: total }, mails))
}

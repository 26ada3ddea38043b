//! The landlord's own data (R-PROF-3): postal address and direct payment change at once; new
//! bank details wait behind a code mailed to the account, are audited, and confirmed by mail.
use crate::audit::{self, AuditKind};
use crate::auth::Auth;
use crate::auth::flow::{self, Asker, BankDetails, FlowError, Intent};
use crate::auth::session::Authenticated;
use crate::mail::{OutgoingMail, bank_details_changed_mail, partner_changed_mail};
use bailleur_api_types::auth::{Flow, Step};
use bailleur_api_types::partner::{
    BankDetailsRequest, MaskedBankDetails, PartnerData, PostalAddress, UpdatePartnerRequest,
};
use bailleur_api_types::{
    AccountId, AccountRole, Bic, Email, FieldError, FormatError, Iban, PartnerId, PartnerKind,
    PostalCode, UserStatus,
};
use bailleur_entity::{account, caf_office, email_address, partner};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, Set, TransactionTrait,
};
use time::OffsetDateTime;

#[derive(Debug, thiserror::Error)]
pub enum PartnerDataError {
    #[error("the account or its partner is missing")]
    NotFound,
    /// R-SEC-2: the partner's address, payment and bank details are its administrator's.
    #[error("only the partner's administrator changes its data")]
    NotAdministrator,
    #[error("invalid fields: {0:?}")]
    Invalid(Vec<FieldError>),
    #[error("the account has no email to send the code to")]
    NoEmail,
    #[error("a stored value is invalid: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Flow(#[from] FlowError),
    #[error(transparent)]
    Mail(#[from] crate::mail::MailError),
    #[error(transparent)]
    Database(#[from] DbErr),
}

async fn partner_by_id(
    db: &impl ConnectionTrait,
    partner_id: PartnerId,
) -> Result<partner::Model, PartnerDataError> {
    crate::partners::by_id(db, partner_id)
        .await?
        .ok_or(PartnerDataError::NotFound)
}

/// `FR76 •••• •••• •••• •••• •••0 189`: enough to recognise one's account, not to use it.
pub fn mask_iban(iban: &str) -> String {
    let visible_tail = 4;
    let masked: String = iban
        .chars()
        .enumerate()
        .map(|(index, c)| {
            if index < 4 || index + visible_tail >= iban.len() {
                c
            } else {
                '•'
            }
        })
        .collect();
    masked
        .chars()
        .collect::<Vec<_>>()
        .chunks(4)
        .map(|chunk| chunk.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

fn field_error(field: &str, error: FormatError) -> FieldError {
    FieldError {
        field: field.to_owned(),
        code: error.code().to_owned(),
        message: error.message_fr(),
    }
}

fn text(errors: &mut Vec<FieldError>, field: &str, value: &str, max: usize) -> String {
    let value = value.trim();
    if value.is_empty() {
        errors.push(field_error(field, FormatError::Empty));
    } else if value.chars().count() > max {
        errors.push(field_error(field, FormatError::Length { min: 1, max }));
    }
    value.to_owned()
}

/// The address checked field by field (`address.postal_code`...).
fn checked_address(address: &PostalAddress) -> Result<PostalAddress, Vec<FieldError>> {
    let mut errors = Vec::new();
    let line1 = text(&mut errors, "address.line1", &address.line1, 100);
    let line2 = address
        .line2
        .as_deref()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(|line| text(&mut errors, "address.line2", line, 100));
    let postal_code = PostalCode::parse(&address.postal_code)
        .map_err(|error| errors.push(field_error("address.postal_code", error)))
        .map(String::from)
        .unwrap_or_default();
    let city = text(&mut errors, "address.city", &address.city, 60).to_uppercase();
    if errors.is_empty() {
        Ok(PostalAddress {
            line1,
            line2,
            postal_code,
            city,
        })
    } else {
        Err(errors)
    }
}

async fn data(db: &impl ConnectionTrait, row: partner::Model) -> Result<PartnerData, DbErr> {
    let caf_number = caf_office::Entity::find_by_id(row.caf_id)
        .one(db)
        .await?
        .map(|office| office.number)
        .unwrap_or_default();
    Ok(PartnerData {
        name: row.name,
        kind: row.kind,
        siret: row.siret,
        tiers_number: row.tiers_number,
        caf_number,
        address: PostalAddress {
            line1: row.address_line1,
            line2: row.address_line2,
            postal_code: row.postal_code,
            city: row.city,
        },
        bank_details: row.iban.map(|iban| MaskedBankDetails {
            iban: mask_iban(&iban),
            bic: row.bic,
        }),
        direct_payment: row.direct_payment,
    })
}

/// R-SEC-2: the account, when it may change its partner's data (a moral partner's
/// administrator, or the one account of a physical landlord).
async fn administrator(
    db: &impl ConnectionTrait,
    account_id: AccountId,
) -> Result<(account::Model, partner::Model), PartnerDataError> {
    let account = account::Entity::find_by_id(account_id)
        .one(db)
        .await?
        .ok_or(PartnerDataError::NotFound)?;
    let partner = partner_by_id(db, account.partner_id).await?;
    let in_charge =
        account.role == AccountRole::Administrator || partner.kind == PartnerKind::Physical;
    if account.status != UserStatus::Active || !in_charge {
        return Err(PartnerDataError::NotAdministrator);
    }
    Ok((account, partner))
}

/// R-SEC-2: the addresses every change of the partner's data is mailed to: its active
/// administrators (for a physical landlord, his own account).
async fn administrators_to_notify(
    db: &impl ConnectionTrait,
    partner: &partner::Model,
) -> Result<Vec<Email>, DbErr> {
    let mut select = account::Entity::find()
        .filter(account::Column::PartnerId.eq(partner.id))
        .filter(account::Column::Status.eq(UserStatus::Active));
    if partner.kind != PartnerKind::Physical {
        select = select.filter(account::Column::Role.eq(AccountRole::Administrator));
    }
    let mut to = Vec::new();
    for admin in select.all(db).await? {
        if let Some(id) = admin.email_id
            && let Some(row) = email_address::Entity::find_by_id(id).one(db).await?
            && let Ok(email) = Email::parse(&row.address)
            && !to.contains(&email)
        {
            to.push(email);
        }
    }
    Ok(to)
}

pub async fn get(
    db: &impl ConnectionTrait,
    partner_id: PartnerId,
) -> Result<PartnerData, PartnerDataError> {
    let row = partner_by_id(db, partner_id).await?;
    Ok(data(db, row).await?)
}

/// R-PROF-3: the address and direct payment, each audited, in one transaction.
pub async fn update(
    mailer: &crate::mail::Mailer,
    db: &DatabaseConnection,
    now: OffsetDateTime,
    who: &Authenticated,
    request: &UpdatePartnerRequest,
    client_address: Option<&str>,
) -> Result<PartnerData, PartnerDataError> {
    let address = request
        .address
        .as_ref()
        .map(checked_address)
        .transpose()
        .map_err(PartnerDataError::Invalid)?;
    let txn = db.begin().await?;
    let (account, row) = administrator(&txn, who.account_id).await?;
    let mut changed: partner::ActiveModel = row.clone().into();
    let mut detail = serde_json::Map::new();
    let mut told = Vec::new();
    if let Some(address) = address {
        told.push(format!(
            "adresse postale : {}, {} {}",
            address.line1, address.postal_code, address.city
        ));
        detail.insert("postal_code".to_owned(), address.postal_code.clone().into());
        changed.address_line1 = Set(address.line1);
        changed.address_line2 = Set(address.line2);
        changed.postal_code = Set(address.postal_code);
        changed.city = Set(address.city);
    }
    if let Some(direct) = request.direct_payment {
        told.push(if direct {
            "versement de l'aide au bailleur (tiers payant) : oui".to_owned()
        } else {
            "versement de l'aide au bailleur (tiers payant) : non".to_owned()
        });
        detail.insert("direct_payment".to_owned(), direct.into());
        changed.direct_payment = Set(direct);
    }
    let row = if detail.is_empty() {
        row
    } else {
        audit::record(
            &txn,
            now,
            AuditKind::PartnerUpdated,
            Some(who.account_id),
            client_address,
            detail.into(),
        )
        .await?;
        changed.update(&txn).await?
    };
    let notices = if told.is_empty() {
        vec![]
    } else {
        let mut mails = Vec::new();
        for to in administrators_to_notify(&txn, &row).await? {
            mails.push(partner_changed_mail(
                &to,
                &row.name,
                &account.identifier,
                &told,
            )?);
        }
        mails
    };
    let data = data(&txn, row).await?;
    txn.commit().await?;
    for mail in notices {
        // The change is made: a notice that fails is logged, not undone.
        if let Err(error) = mailer.send(mail).await {
            tracing::warn!(%error, "a partner change notice could not be sent");
        }
    }
    Ok(data)
}

/// R-PROF-3: checks the new bank details, then mails a code; they apply when it is entered.
pub async fn start_bank_change(
    auth: &Auth,
    db: &DatabaseConnection,
    now: OffsetDateTime,
    asker: Asker,
    request: &BankDetailsRequest,
    client_address: Option<&str>,
) -> Result<Flow, PartnerDataError> {
    let iban = Iban::parse(&request.iban).map_err(|error| field_error("iban", error));
    let bic = Bic::parse(&request.bic).map_err(|error| field_error("bic", error));
    let (iban, bic) = match (iban, bic) {
        (Ok(iban), Ok(bic)) if bic.country() != &iban.as_str()[..2] => {
            return Err(PartnerDataError::Invalid(vec![FieldError {
                field: "bic".to_owned(),
                code: "country_mismatch".to_owned(),
                message: "Le BIC n'est pas celui d'une banque du pays de l'IBAN.".to_owned(),
            }]));
        }
        (Ok(iban), Ok(bic)) => (iban, bic),
        (iban, bic) => {
            let errors = [iban.err(), bic.err()].into_iter().flatten().collect();
            return Err(PartnerDataError::Invalid(errors));
        }
    };
    let (account, _) = administrator(db, asker.account_id).await?;
    if account.email_id.is_none() {
        return Err(PartnerDataError::NoEmail);
    }
    let intent = Intent::ChangeBankDetails(BankDetails { iban, bic });
    let due = vec![Step::Otp];
    Ok(flow::open_change(auth, db, now, asker, intent, due, client_address).await?)
}

/// The flow's code was entered: the bank details change, in the flow's transaction, and the
/// confirmation mail goes to the account once it is committed.
pub async fn apply_bank_change(
    db: &impl ConnectionTrait,
    now: OffsetDateTime,
    account_id: AccountId,
    details: &BankDetails,
    client_address: Option<&str>,
) -> Result<Vec<OutgoingMail>, PartnerDataError> {
    // Checked again: the role may have been taken away since the code was sent.
    let (account, row) = administrator(db, account_id).await?;
    let partner_name = row.name.clone();
    let mut to = administrators_to_notify(db, &row).await?;
    let masked = mask_iban(details.iban.as_str());
    let mut changed: partner::ActiveModel = row.into();
    changed.iban = Set(Some(details.iban.as_str().to_owned()));
    changed.bic = Set(Some(details.bic.as_str().to_owned()));
    changed.update(db).await?;
    audit::record(
        db,
        now,
        AuditKind::BankDetailsChanged,
        Some(account.id),
        client_address,
        serde_json::json!({ "iban": masked }),
    )
    .await?;
    let address = match account.email_id {
        Some(id) => email_address::Entity::find_by_id(id).one(db).await?,
        None => None,
    }
    .ok_or(PartnerDataError::NoEmail)?;
    let own = Email::parse(&address.address)
        .map_err(|error| PartnerDataError::Corrupt(error.to_string()))?;
    if !to.contains(&own) {
        to.push(own);
    }
    to.into_iter()
        .map(|to| Ok(bank_details_changed_mail(&to, &partner_name, &masked)?))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_prof_3_the_iban_is_masked_but_its_country_key_and_last_digits() {
        assert_eq!(
            mask_iban("FR7630006000011234567890189"),
            "FR76 •••• •••• •••• •••• •••0 189"
        );
    }
}

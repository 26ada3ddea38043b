//! Changing the email (R-PROF-2): a code to the new address, then, once it is applied, linking
//! into the group of the new address with the common password (R-LINK-3) or detachment from the
//! old group (R-LINK-5), and the notifications to both addresses.
use super::{ProfileError, load};
use crate::audit::{self, AuditKind};
use crate::auth::Auth;
use crate::auth::flow::{self, Asker, FlowError, Intent};
use crate::auth::password::{self, Keep};
use crate::linking;
use crate::mail::{OutgoingMail, email_changed_mail};
use bailleur_api_types::Email;
use bailleur_api_types::auth::{Flow, Step};
use bailleur_entity::{account, email_address};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, Set,
};
use time::OffsetDateTime;

/// R-PROF-2: a new email (typed twice), behind a code sent to that new address. When other
/// accounts use it, the code's step is followed by the password common to all of them (R-LINK-3).
pub async fn start_email_change(
    auth: &Auth,
    db: &DatabaseConnection,
    now: OffsetDateTime,
    asker: Asker,
    email: &str,
    confirmation: &str,
    client_address: Option<&str>,
) -> Result<Flow, ProfileError> {
    let account = load(db, asker.account_id).await?;
    let email = Email::parse(email).map_err(FlowError::InvalidEmail)?;
    if Email::parse(confirmation).ok().as_ref() != Some(&email) {
        return Err(FlowError::EmailMismatch.into());
    }
    let current = match account.email_id {
        Some(id) => email_address::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    let Some(current) = current else {
        return Err(ProfileError::NoEmail);
    };
    if current.address == email.as_str() {
        return Err(ProfileError::SameEmail);
    }
    // The code goes to the new address; whether other accounts use it (and the password step
    // of a linking) is known only once that code is entered (R-LINK-3).
    let intent = Intent::ChangeEmail {
        new: email,
        common_password_hash: None,
    };
    let due = vec![Step::Otp];
    Ok(flow::open_change(auth, db, now, asker, intent, due, client_address).await?)
}

/// What an email change carries to its application.
#[derive(Debug)]
pub struct EmailChange<'a> {
    pub flow: &'a flow::Completed,
    pub new_email: &'a Email,
    pub common_password_hash: Option<&'a str>,
}

/// The email change itself, in the flow's transaction: detachment from the old group
/// (R-LINK-5) and linking into the new one (R-LINK-3). Returns the notifications to send.
pub async fn apply_email_change(
    auth: &Auth,
    db: &impl ConnectionTrait,
    now: OffsetDateTime,
    change: EmailChange<'_>,
    client_address: Option<&str>,
) -> Result<Vec<OutgoingMail>, ProfileError> {
    let account = load(db, change.flow.account_id).await?;
    let new_email = change.new_email;
    let old_email = match account.email_id {
        Some(id) => email_address::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    // Both addresses are locked, in one order: the old one may be removed below while a user
    // is being created on it. (The code step locked the new one first; two accounts swapping
    // addresses at the same instant would wait on each other, and PostgreSQL fails one.)
    let mut addresses = vec![new_email.as_str()];
    addresses.extend(old_email.as_ref().map(|row| row.address.as_str()));
    addresses.sort_unstable();
    for address in addresses {
        linking::lock_address(db, address).await?;
    }
    // Checked again here: someone may have taken the address since the flow began.
    linking::check_shareable(db, &account, new_email).await?;
    let target = email_address::Entity::find()
        .filter(email_address::Column::Address.eq(new_email.as_str()))
        .one(db)
        .await?;
    let group = linking::credential_at(db, new_email.as_str(), account.id).await?;
    let old_credential = account.credential_id;
    let (email_id, credential_id, kind) = match (target, group) {
        (Some(_), Some(group)) => {
            // Linking: the group's credential takes the common password chosen in the flow.
            // Other accounts took the address after its code was entered: the common password
            // was never asked, so nothing is joined.
            let hash = change
                .common_password_hash
                .ok_or(ProfileError::TakenMeanwhile)?;
            let keep = Keep {
                session: change.flow.session_id,
                flow: Some(change.flow.flow_id),
            };
            password::store(
                auth.recent_checks(),
                db,
                now,
                group.credential_id,
                hash.to_owned(),
                keep,
            )
            .await?;
            (
                group.email_id,
                group.credential_id,
                AuditKind::AccountLinked,
            )
        }
        (row, _) => {
            let email_id = match row {
                Some(row) => row.id,
                None => {
                    email_address::ActiveModel {
                        address: Set(new_email.as_str().to_owned()),
                        last_otp_validated_at: Set(None),
                        created_at: Set(now),
                        ..Default::default()
                    }
                    .insert(db)
                    .await?
                    .id
                }
            };
            let own = linking::detach(db, now, &account).await?;
            let kind = if own == old_credential {
                AuditKind::EmailChanged
            } else {
                AuditKind::AccountDetached
            };
            (email_id, own, kind)
        }
    };
    let mut row: account::ActiveModel = account.clone().into();
    row.email_id = Set(Some(email_id));
    row.credential_id = Set(credential_id);
    row.update(db).await?;
    // No orphan: a credential or an email row nobody uses any more is removed.
    if credential_id != old_credential {
        linking::remove_if_unused(db, old_credential).await?;
    }
    if let Some(old) = &old_email
        && account::Entity::find()
            .filter(account::Column::EmailId.eq(old.id))
            .count(db)
            .await?
            == 0
    {
        email_address::Entity::delete_by_id(old.id).exec(db).await?;
    }
    audit::record(
        db,
        now,
        kind,
        Some(account.id),
        client_address,
        serde_json::json!({
            "from": old_email.as_ref().map(|row| crate::auth::otp::mask(&row.address)),
            "to": crate::auth::otp::mask(new_email.as_str()),
        }),
    )
    .await?;
    let mut mails = vec![email_changed_mail(
        new_email,
        &account.identifier,
        new_email.as_str(),
    )?];
    if let Some(old) = old_email.and_then(|row| Email::parse(&row.address).ok()) {
        mails.push(email_changed_mail(
            &old,
            &account.identifier,
            new_email.as_str(),
        )?);
    }
    Ok(mails)
}

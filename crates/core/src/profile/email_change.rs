//! Changing the email (R-PROF-2): the refusals of R-LINK-2 / R-REF-4, linking into the group of
//! the new address after a common password (R-LINK-3), detachment from the old group with an own
//! credential row (R-LINK-5), and the notifications to both addresses.
use super::*;

/// How many accounts other than `account_id` use `address`.
pub async fn accounts_using(
    db: &impl ConnectionTrait,
    address: &str,
    account_id: i32,
) -> Result<u64, DbErr> {
    let Some(row) = email_address::Entity::find()
        .filter(email_address::Column::Address.eq(address))
        .one(db)
        .await?
    else {
        return Ok(0);
    };
    account::Entity::find()
        .filter(account::Column::EmailId.eq(row.id))
        .filter(account::Column::Id.ne(account_id))
        .count(db)
        .await
}

/// The group an email change to `address` joins: the address's row and the credential of its
/// other accounts.
pub async fn group_at(
    db: &impl ConnectionTrait,
    address: &str,
    account_id: i32,
) -> Result<Option<(i32, i32)>, DbErr> {
    let Some(row) = email_address::Entity::find()
        .filter(email_address::Column::Address.eq(address))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    Ok(account::Entity::find()
        .filter(account::Column::EmailId.eq(row.id))
        .filter(account::Column::Id.ne(account_id))
        .filter(account::Column::Status.eq("active"))
        .one(db)
        .await?
        .map(|member| (row.id, member.credential_id)))
}

/// R-LINK-2, R-REF-4: may `account` take `email`, given who already uses it? Asked only once
/// the address is proven by its code (R-LINK-3): the answer tells that someone uses it.
pub async fn check_shareable(
    db: &impl ConnectionTrait,
    account: &account::Model,
    email: &Email,
) -> Result<(), ProfileError> {
    let Some(row) = email_address::Entity::find()
        .filter(email_address::Column::Address.eq(email.as_str()))
        .one(db)
        .await?
    else {
        return Ok(());
    };
    let users = account::Entity::find()
        .filter(account::Column::EmailId.eq(row.id))
        .filter(account::Column::Id.ne(account.id))
        .all(db)
        .await?;
    if users.is_empty() {
        return Ok(());
    }
    let own = partner::Entity::find_by_id(account.partner_id)
        .one(db)
        .await?
        .ok_or(ProfileError::Account(AccountError::Dangling(account.id)))?;
    if own.kind == "physical"
        || users
            .iter()
            .any(|user| user.partner_id == account.partner_id)
    {
        return Err(ProfileError::EmailNotShareable);
    }
    for user in &users {
        let kind = partner::Entity::find_by_id(user.partner_id)
            .one(db)
            .await?
            .map(|partner| partner.kind);
        if kind.as_deref() != Some("moral") {
            return Err(ProfileError::EmailNotShareable);
        }
    }
    Ok(())
}

/// R-PROF-2: a new email (typed twice), behind a code sent to that new address. When other
/// accounts use it, the code's step is followed by the password common to all of them (R-LINK-3).
#[allow(clippy::too_many_arguments)]
pub async fn start_email_change(
    auth: &Auth,
    db: &DatabaseConnection,
    now: OffsetDateTime,
    who: &Authenticated,
    email: &str,
    confirmation: &str,
    client_address: Option<&str>,
) -> Result<Flow, FlowError> {
    let account = load(db, who.account_id).await?;
    let email = Email::parse(email).map_err(FlowError::InvalidEmail)?;
    if Email::parse(confirmation).ok().as_ref() != Some(&email) {
        return Err(FlowError::EmailMismatch);
    }
    let current = match account.email_id {
        Some(id) => email_address::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    let Some(current) = current else {
        return Err(ProfileError::NoEmail.into());
    };
    if current.address == email.as_str() {
        return Err(ProfileError::SameEmail.into());
    }
    // The code goes to the new address; whether other accounts use it (and the password step
    // of a linking) is known only once that code is entered (R-LINK-3).
    let due = vec![Step::Otp];
    flow::open_change(
        auth,
        db,
        now,
        account.id,
        CHANGE_EMAIL,
        due,
        flow::Pending::Email(&email),
        who.session_id,
        client_address,
    )
    .await
}

/// The email change itself, in the flow's transaction: detachment from the old group
/// (R-LINK-5) and linking into the new one (R-LINK-3). Returns the notifications to send.
pub async fn apply_email_change(
    db: &impl ConnectionTrait,
    now: OffsetDateTime,
    flow: &auth_flow::Model,
    client_address: Option<&str>,
) -> Result<Vec<OutgoingMail>, ProfileError> {
    let account = load(db, flow.account_id).await?;
    let new_email = flow
        .pending_email
        .as_deref()
        .map(Email::parse)
        .transpose()
        .map_err(|error| ProfileError::Corrupt(error.to_string()))?
        .ok_or_else(|| ProfileError::Corrupt("an email change without its email".to_owned()))?;
    // Checked again here: someone may have taken the address since the flow began.
    check_shareable(db, &account, &new_email).await?;
    let old_email = match account.email_id {
        Some(id) => email_address::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    let target = email_address::Entity::find()
        .filter(email_address::Column::Address.eq(new_email.as_str()))
        .one(db)
        .await?;
    let group = match &target {
        Some(row) => {
            account::Entity::find()
                .filter(account::Column::EmailId.eq(row.id))
                .filter(account::Column::Id.ne(account.id))
                .one(db)
                .await?
        }
        None => None,
    };
    let old_credential = account.credential_id;
    let (email_id, credential_id, kind) = match (target, group) {
        (Some(row), Some(member)) => {
            // Linking: the group's credential takes the common password chosen in the flow.
            // Other accounts took the address after its code was entered: the common password
            // was never asked, so nothing is joined.
            let hash = flow
                .pending_password_hash
                .clone()
                .ok_or(ProfileError::TakenMeanwhile)?;
            crate::auth::password::store(
                db,
                now,
                member.credential_id,
                hash,
                flow.session_id,
                Some(flow.id),
            )
            .await?;
            (row.id, member.credential_id, AuditKind::AccountLinked)
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
            let shared = account::Entity::find()
                .filter(account::Column::CredentialId.eq(old_credential))
                .count(db)
                .await?
                > 1;
            if shared {
                // Detachment: an own credential row holding the same hash (R-LINK-5).
                let current = credential::Entity::find_by_id(old_credential)
                    .one(db)
                    .await?
                    .ok_or_else(|| ProfileError::Corrupt("a missing credential".to_owned()))?;
                let copy = credential::ActiveModel {
                    password_hash: Set(current.password_hash),
                    provisional: Set(current.provisional),
                    version: Set(1),
                    changed_at: Set(now),
                    ..Default::default()
                }
                .insert(db)
                .await?;
                (email_id, copy.id, AuditKind::AccountDetached)
            } else {
                (email_id, old_credential, AuditKind::EmailChanged)
            }
        }
    };
    let mut row: account::ActiveModel = account.clone().into();
    row.email_id = Set(Some(email_id));
    row.credential_id = Set(credential_id);
    row.update(db).await?;
    // No orphan: a credential or an email row nobody uses any more is removed.
    if credential_id != old_credential && !used_credential(db, old_credential).await? {
        credential::Entity::delete_by_id(old_credential)
            .exec(db)
            .await?;
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
        &new_email,
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

async fn used_credential(db: &impl ConnectionTrait, credential_id: i32) -> Result<bool, DbErr> {
    Ok(account::Entity::find()
        .filter(account::Column::CredentialId.eq(credential_id))
        .count(db)
        .await?
        > 0)
}

/// R-LINK-3 at a first connection: the credential of the other accounts using this account's
/// email, when this account does not share it yet.
pub async fn group_credential(
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

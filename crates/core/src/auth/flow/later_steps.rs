//! The steps that follow the code: a personal password (R-AUTH-5, R-AUTH-6, R-LINK-3), the terms
//! (R-AUTH-5) and the choice among the accounts of an email (R-AUTH-2).
use super::*;

/// R-AUTH-5: the first connection is over. The first user of a moral partner to complete it
/// becomes the partner's administrator.
pub(super) async fn activate_if_first_connection(
    db: &impl ConnectionTrait,
    now: OffsetDateTime,
    account_id: i32,
    client_address: Option<&str>,
) -> Result<(), FlowError> {
    let account = account::Entity::find_by_id(account_id)
        .one(db)
        .await?
        .ok_or(FlowError::NotFound)?;
    if account.status != "pending_first_connection" {
        return Ok(());
    }
    let partner = partner::Entity::find_by_id(account.partner_id)
        .one(db)
        .await?
        .ok_or(FlowError::NotFound)?;
    let has_administrator = account::Entity::find()
        .filter(account::Column::PartnerId.eq(partner.id))
        .filter(account::Column::Role.eq("administrator"))
        .filter(account::Column::Status.eq("active"))
        .one(db)
        .await?
        .is_some();
    let becomes_administrator = partner.kind == "moral" && !has_administrator;
    let mut row: account::ActiveModel = account.into();
    row.status = Set("active".to_owned());
    if becomes_administrator {
        row.role = Set("administrator".to_owned());
    }
    row.update(db).await?;
    if becomes_administrator {
        audit::record(
            db,
            now,
            AuditKind::BecameAdministrator,
            Some(account_id),
            client_address,
            serde_json::json!({ "partner": partner.id }),
        )
        .await?;
    }
    Ok(())
}

/// R-AUTH-5, R-AUTH-6: replaces the provisional password.
pub async fn set_password(
    auth: &Auth,
    db: &DatabaseConnection,
    now: OffsetDateTime,
    public_id: &str,
    password: &str,
    confirmation: &str,
    client_address: Option<&str>,
) -> Result<Progress, FlowError> {
    let (flow, mut due) = at_step(db, now, public_id, Step::NewPassword).await?;
    let hash = new_password::prepare(&auth.passwords, password, confirmation).await?;
    let account = account::Entity::find_by_id(flow.account_id)
        .one(db)
        .await?
        .ok_or(FlowError::NotFound)?;
    let txn = db.begin().await?;
    let flow = if flow.purpose == CHANGE_EMAIL {
        // The common password of a linking waits for the linking itself (R-LINK-3).
        let mut row: auth_flow::ActiveModel = flow.into();
        row.pending_password_hash = Set(Some(hash));
        row.update(&txn).await?
    } else if let Some((group, _)) = match flow.purpose.as_str() {
        SIGN_IN => crate::profile::group_credential(&txn, &account).await?,
        _ => None,
    } {
        // A first connection on an email other accounts use: the password chosen becomes the
        // common one and the account joins their credential (R-LINK-3, R-LINK-4).
        // Joined first, then stored: what a change ends (other flows, the provisional
        // passwords of letters) ends for this account too.
        let own = account.credential_id;
        let mut row: account::ActiveModel = account.clone().into();
        row.credential_id = Set(group);
        row.update(&txn).await?;
        new_password::store(&txn, now, group, hash, None, Some(flow.id)).await?;
        bailleur_entity::credential::Entity::delete_by_id(own)
            .exec(&txn)
            .await?;
        audit::record(
            &txn,
            now,
            AuditKind::AccountLinked,
            Some(account.id),
            client_address,
            serde_json::json!({ "reason": "first_connection" }),
        )
        .await?;
        // Now one of a group: the account to work on is chosen, as at every sign-in (R-AUTH-2).
        if !due.contains(&Step::SelectAccount) {
            due.push(Step::SelectAccount);
        }
        flow
    } else {
        new_password::store(
            &txn,
            now,
            account.credential_id,
            hash,
            flow.session_id,
            Some(flow.id),
        )
        .await?;
        audit::record(
            &txn,
            now,
            AuditKind::PasswordChanged,
            Some(account.id),
            client_address,
            serde_json::json!({ "reason": flow.purpose }),
        )
        .await?;
        flow
    };
    let finished = finish_step(auth, &txn, now, flow, due, client_address).await?;
    txn.commit().await?;
    advance_after_commit(auth, db, now, finished, client_address).await
}

/// R-AUTH-5: the usage rules and the terms of use, both accepted.
pub async fn accept_terms(
    auth: &Auth,
    db: &DatabaseConnection,
    now: OffsetDateTime,
    public_id: &str,
    usage_rules: bool,
    terms_of_use: bool,
    client_address: Option<&str>,
) -> Result<Progress, FlowError> {
    let (flow, due) = at_step(db, now, public_id, Step::AcceptTerms).await?;
    if !(usage_rules && terms_of_use) {
        return Err(FlowError::TermsRefused {
            usage_rules,
            terms_of_use,
        });
    }
    let txn = db.begin().await?;
    if !crate::auth::terms::all_accepted(&txn, flow.account_id).await? {
        crate::auth::terms::accept_all(&txn, flow.account_id, now).await?;
    }
    audit::record(
        &txn,
        now,
        AuditKind::TermsAccepted,
        Some(flow.account_id),
        client_address,
        serde_json::json!({ "versions": crate::auth::terms::DOCUMENTS }),
    )
    .await?;
    let finished = finish_step(auth, &txn, now, flow, due, client_address).await?;
    txn.commit().await?;
    advance_after_commit(auth, db, now, finished, client_address).await
}

/// The email row and the credential of the flow's account (the group to choose from).
async fn group_of(
    db: &impl ConnectionTrait,
    flow: &auth_flow::Model,
) -> Result<(i32, i32), FlowError> {
    account::Entity::find_by_id(flow.account_id)
        .one(db)
        .await?
        .and_then(|account| account.email_id.map(|email| (email, account.credential_id)))
        .ok_or(FlowError::NotFound)
}

/// R-AUTH-2: the accounts sharing the email, searchable and paginated; R-LINK-3: the accounts a
/// linking joins, once the new address is proven.
pub async fn accounts(
    db: &DatabaseConnection,
    now: OffsetDateTime,
    public_id: &str,
    query: Option<&str>,
    page: u64,
) -> Result<AccountPage, FlowError> {
    let (flow, due) = match load(db, now, public_id).await {
        Err(FlowError::NotFound) => return Err(decoy_or_not_found(db, now, public_id).await?),
        other => other?,
    };
    if flow.purpose == CHANGE_EMAIL && due.first() == Some(&Step::NewPassword) {
        let pending = flow.pending_email.as_deref().unwrap_or_default();
        let (email_id, credential_id) = crate::profile::group_at(db, pending, flow.account_id)
            .await?
            .ok_or(FlowError::NotFound)?;
        return Ok(crate::accounts::group_page(db, email_id, credential_id, query, page).await?);
    }
    if due.first() != Some(&Step::SelectAccount) {
        return Err(FlowError::WrongStep {
            expected: due.first().copied().unwrap_or(Step::SelectAccount),
        });
    }
    let (email_id, credential_id) = group_of(db, &flow).await?;
    Ok(crate::accounts::group_page(db, email_id, credential_id, query, page).await?)
}

/// R-AUTH-2: the session starts on the chosen account of the group.
pub async fn select_account(
    auth: &Auth,
    db: &DatabaseConnection,
    now: OffsetDateTime,
    public_id: &str,
    account_id: i32,
    client_address: Option<&str>,
) -> Result<Progress, FlowError> {
    let (flow, due) = at_step(db, now, public_id, Step::SelectAccount).await?;
    let (email_id, credential_id) = group_of(db, &flow).await?;
    let txn = db.begin().await?;
    // The password verified is the group's: only accounts sharing it, and through their first
    // connection, can be chosen.
    let chosen = account::Entity::find_by_id(account_id)
        .one(&txn)
        .await?
        .filter(|account| {
            account.email_id == Some(email_id)
                && account.credential_id == credential_id
                && account.status == "active"
        })
        .ok_or(FlowError::NotInGroup)?;
    let mut row: auth_flow::ActiveModel = flow.into();
    row.account_id = Set(chosen.id);
    let flow = row.update(&txn).await?;
    audit::record(
        &txn,
        now,
        AuditKind::AccountSelected,
        Some(chosen.id),
        client_address,
        serde_json::json!({ "flow": flow.public_id }),
    )
    .await?;
    let finished = finish_step(auth, &txn, now, flow, due, client_address).await?;
    txn.commit().await?;
    advance_after_commit(auth, db, now, finished, client_address).await
}

//! The steps that follow the code: a personal password (R-AUTH-5, R-AUTH-6, R-LINK-3), the terms
//! (R-AUTH-5) and the choice among the accounts of an email (R-AUTH-2).
use super::advancing::{conclude, finish_step, store_intent};
use super::reading::{at_step, decoy_or_not_found, load};
use super::{FlowError, Intent, Live, Outcome};
use crate::audit::{self, AuditKind};
use crate::auth::Auth;
use crate::auth::password::{self as new_password, Keep};
use crate::linking::{self, Group};
use bailleur_api_types::AccountId;
use bailleur_api_types::auth::{AccountPage, Step};
use bailleur_entity::account;
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseConnection, EntityTrait, Set, TransactionTrait,
};
use time::OffsetDateTime;

/// R-AUTH-5, R-AUTH-6: replaces the provisional password.
pub async fn set_password(
    auth: &Auth,
    db: &DatabaseConnection,
    now: OffsetDateTime,
    public_id: &str,
    password: &str,
    confirmation: &str,
    client_address: Option<&str>,
) -> Result<Outcome, FlowError> {
    let mut flow = at_step(db, now, public_id, Step::NewPassword).await?;
    let hash = new_password::prepare(&auth.passwords, password, confirmation).await?;
    let account = account::Entity::find_by_id(flow.row.account_id)
        .one(db)
        .await?
        .ok_or(FlowError::NotFound)?;
    let keep = Keep {
        session: flow.row.session_id,
        flow: Some(flow.row.id),
    };
    let txn = db.begin().await?;
    let to_join = match &flow.intent {
        Intent::SignIn { .. } => linking::group_to_join(&txn, &account).await?,
        _ => None,
    };
    if let Intent::ChangeEmail {
        common_password_hash,
        ..
    } = &mut flow.intent
    {
        // The common password of a linking waits for the linking itself (R-LINK-3).
        *common_password_hash = Some(hash);
        store_intent(&txn, &flow).await?;
    } else if let Some((group, _)) = to_join {
        // A first connection on an email other accounts use: the password chosen becomes the
        // common one and the account joins their credential (R-LINK-3, R-LINK-4).
        let keep = Keep {
            session: None,
            ..keep
        };
        linking::join(&txn, &account, group).await?;
        new_password::store(auth.recent_checks(), &txn, now, group, hash, keep).await?;
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
        if !flow.due.contains(&Step::SelectAccount) {
            flow.due.push(Step::SelectAccount);
        }
    } else {
        let credential = account.credential_id;
        new_password::store(auth.recent_checks(), &txn, now, credential, hash, keep).await?;
        audit::record(
            &txn,
            now,
            AuditKind::PasswordChanged,
            Some(account.id),
            client_address,
            serde_json::json!({ "reason": flow.intent.kind() }),
        )
        .await?;
    }
    let finished = finish_step(auth, &txn, now, flow, client_address).await?;
    conclude(auth, db, txn, now, finished, client_address).await
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
) -> Result<Outcome, FlowError> {
    let flow = at_step(db, now, public_id, Step::AcceptTerms).await?;
    if !(usage_rules && terms_of_use) {
        return Err(FlowError::TermsRefused {
            usage_rules,
            terms_of_use,
        });
    }
    let txn = db.begin().await?;
    let account_id = flow.row.account_id;
    if !crate::auth::terms::all_accepted(&txn, account_id).await? {
        crate::auth::terms::accept_all(&txn, account_id, now).await?;
    }
    audit::record(
        &txn,
        now,
        AuditKind::TermsAccepted,
        Some(account_id),
        client_address,
        serde_json::json!({ "versions": crate::auth::terms::DOCUMENTS }),
    )
    .await?;
    let finished = finish_step(auth, &txn, now, flow, client_address).await?;
    conclude(auth, db, txn, now, finished, client_address).await
}

/// The group of the flow's account (the accounts to choose from).
async fn group_of(db: &impl ConnectionTrait, flow: &Live) -> Result<Group, FlowError> {
    account::Entity::find_by_id(flow.row.account_id)
        .one(db)
        .await?
        .as_ref()
        .and_then(Group::of)
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
    let flow = match load(db, now, public_id).await {
        Err(FlowError::NotFound) => return Err(decoy_or_not_found(db, now, public_id).await?),
        other => other?,
    };
    let next = flow.due.first().copied();
    if let (Intent::ChangeEmail { new, .. }, Some(Step::NewPassword)) = (&flow.intent, next) {
        let group = linking::group_at(db, new.as_str(), flow.row.account_id)
            .await?
            .ok_or(FlowError::NotFound)?;
        return Ok(crate::accounts::group_page(db, group.members(), query, page).await?);
    }
    if next != Some(Step::SelectAccount) {
        return Err(FlowError::WrongStep {
            expected: next.unwrap_or(Step::SelectAccount),
        });
    }
    let group = group_of(db, &flow).await?;
    Ok(crate::accounts::group_page(db, group.members(), query, page).await?)
}

/// R-AUTH-2: the session starts on the chosen account of the group.
pub async fn select_account(
    auth: &Auth,
    db: &DatabaseConnection,
    now: OffsetDateTime,
    public_id: &str,
    account_id: AccountId,
    client_address: Option<&str>,
) -> Result<Outcome, FlowError> {
    let mut flow = at_step(db, now, public_id, Step::SelectAccount).await?;
    let group = group_of(db, &flow).await?;
    let txn = db.begin().await?;
    // The password verified is the group's: only accounts sharing it, and through their first
    // connection, can be chosen.
    let chosen = account::Entity::find_by_id(account_id)
        .one(&txn)
        .await?
        .filter(|account| group.holds(account))
        .ok_or(FlowError::NotInGroup)?;
    let mut row: bailleur_entity::auth_flow::ActiveModel = flow.row.clone().into();
    row.account_id = Set(chosen.id);
    flow.row = row.update(&txn).await?;
    audit::record(
        &txn,
        now,
        AuditKind::AccountSelected,
        Some(chosen.id),
        client_address,
        serde_json::json!({ "flow": flow.row.public_id }),
    )
    .await?;
    let finished = finish_step(auth, &txn, now, flow, client_address).await?;
    conclude(auth, db, txn, now, finished, client_address).await
}

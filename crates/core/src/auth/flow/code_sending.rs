//! Mailing a flow's code: to which address, counted on which throttle target.
use super::{FlowError, Live};
use crate::auth::Auth;
use crate::auth::otp::{self, Holder};
use bailleur_api_types::Email;
use bailleur_api_types::auth::Step;
use bailleur_entity::{account, email_address};
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait};
use time::OffsetDateTime;

/// Work a step needs on arrival: the `otp` step mails its code.
pub(super) async fn enter(
    auth: &Auth,
    db: &DatabaseConnection,
    now: OffsetDateTime,
    flow: &Live,
    client_address: Option<&str>,
) -> Result<(), FlowError> {
    if flow.due.first() == Some(&Step::Otp) {
        send_code(auth, db, now, flow, None, client_address).await?;
    }
    Ok(())
}

/// Mails the flow's code to its address, counted on `target` (by default the address's own, a
/// recovery's the one it was opened with); the previous code of the target dies.
pub(super) async fn send_code(
    auth: &Auth,
    db: &DatabaseConnection,
    now: OffsetDateTime,
    flow: &Live,
    target: Option<&str>,
    client_address: Option<&str>,
) -> Result<(), FlowError> {
    let email = code_address(db, flow).await?;
    // The account's own address in a flow its password opened (`otp::address_target`).
    let own = flow.intent.address_proven().is_none() && !flow.intent.is_recovery();
    let target = match target {
        Some(target) => target.to_owned(),
        None if flow.intent.is_recovery() => otp::target_of(db, Holder::Flow(flow.row.id))
            .await?
            // Turned into a decoy meanwhile (a password change): gone, as an ended flow is.
            .ok_or(FlowError::NotFound)?,
        None => otp::address_target(&email, own),
    };
    let recipient = otp::Recipient {
        email: &email,
        purpose: flow.intent.code_purpose(),
        account_id: flow.row.account_id,
        flow: &flow.row.public_id,
        background: flow.intent.is_recovery(),
        own,
    };
    otp::send(
        auth,
        db,
        now,
        Holder::Flow(flow.row.id),
        &target,
        Some(recipient),
        client_address,
    )
    .await?;
    Ok(())
}

/// The address the flow's code goes to: the one being proven (a first connection's, the new
/// one of an email change, R-LINK-3), or the account's.
pub(super) async fn code_address(
    db: &impl ConnectionTrait,
    flow: &Live,
) -> Result<Email, FlowError> {
    if let Some(proven) = flow.intent.address_proven() {
        return Ok(proven.clone());
    }
    let address = account::Entity::find_by_id(flow.row.account_id)
        .find_also_related(email_address::Entity)
        .one(db)
        .await?
        .ok_or(FlowError::NotFound)?
        .1
        .ok_or_else(|| FlowError::Corrupt("an otp step without an email".to_owned()))?;
    Email::parse(&address.address).map_err(|e| FlowError::Corrupt(e.to_string()))
}

//! The code steps of a flow: the email to confirm (R-AUTH-4), the code itself (R-OTP-1) and a
//! new code (R-OTP-4).
use super::advancing::{advance, conclude, finish_step, store_intent};
use super::code_sending::send_code;
use super::reading::{at_step, view};
use super::{FlowError, Intent, Outcome};
use crate::audit::{self, AuditKind};
use crate::auth::Auth;
use crate::auth::otp::{self, Holder};
use crate::linking;
use bailleur_api_types::Email;
use bailleur_api_types::auth::{Flow, Step};
use bailleur_entity::{account, email_address};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, Set,
    TransactionTrait,
};
use time::OffsetDateTime;

/// R-AUTH-4: the email and its confirmation; a code then goes to that address.
pub async fn confirm_email(
    auth: &Auth,
    db: &DatabaseConnection,
    now: OffsetDateTime,
    public_id: &str,
    email: &str,
    confirmation: &str,
    client_address: Option<&str>,
) -> Result<Outcome, FlowError> {
    let mut flow = at_step(db, now, public_id, Step::ConfirmEmail).await?;
    let email = Email::parse(email).map_err(FlowError::InvalidEmail)?;
    if Email::parse(confirmation).ok().as_ref() != Some(&email) {
        return Err(FlowError::EmailMismatch);
    }
    let Intent::SignIn { new_email } = &mut flow.intent else {
        return Err(FlowError::Corrupt(
            "an email to confirm outside a sign-in".to_owned(),
        ));
    };
    // Whether other accounts use it is looked at only once its code is entered (R-LINK-3).
    *new_email = Some(email);
    store_intent(db, &flow).await?;
    advance(auth, db, now, flow, client_address).await
}

/// R-OTP-1: the code mailed for this flow.
pub async fn submit_code(
    auth: &Auth,
    db: &DatabaseConnection,
    now: OffsetDateTime,
    public_id: &str,
    code: &str,
    client_address: Option<&str>,
) -> Result<Outcome, FlowError> {
    let mut flow = match at_step(db, now, public_id, Step::Otp).await {
        Err(FlowError::NotFound) => match crate::auth::decoy::find(db, public_id, now).await? {
            Some(decoy) => {
                let error = crate::auth::decoy::submit(auth, db, now, &decoy, code).await;
                return Err(FlowError::Otp(error));
            }
            None => return Err(FlowError::NotFound),
        },
        other => other?,
    };
    // Outside a transaction: a wrong try must be counted even though the request fails.
    let tried = otp::Tried {
        holder: Holder::Flow(flow.row.id),
        bound_to: &flow.row.public_id,
        account_id: Some(flow.row.account_id),
    };
    let target = otp::verify(auth, db, now, tried, code, client_address).await?;
    let email = Email::parse(&target).map_err(|e| FlowError::Corrupt(e.to_string()))?;
    let txn = db.begin().await?;
    let address_id = validated_address(&txn, &email, now).await?;
    if flow.intent.address_proven().is_some() {
        // The address is proven: now, and only now, who else uses it matters (R-LINK-2/3),
        // decided in the transaction that gives it to the account, after the upsert above
        // (which waits for anyone inserting the address meanwhile).
        let account = account::Entity::find_by_id(flow.row.account_id)
            .one(&txn)
            .await?
            .ok_or(FlowError::NotFound)?;
        linking::check_shareable(&txn, &account, &email).await?;
        let others = linking::others_using(&txn, email.as_str(), account.id).await?;
        if others > 0 && !flow.due.contains(&Step::NewPassword) {
            flow.due.insert(1, Step::NewPassword);
        }
    }
    if let Intent::SignIn { new_email: Some(_) } = &flow.intent {
        account::Entity::update_many()
            .col_expr(account::Column::EmailId, Expr::value(address_id))
            .filter(account::Column::Id.eq(flow.row.account_id))
            .exec(&txn)
            .await?;
        audit::record(
            &txn,
            now,
            AuditKind::EmailConfirmed,
            Some(flow.row.account_id),
            client_address,
            serde_json::json!({ "to": otp::mask(email.as_str()) }),
        )
        .await?;
    }
    let finished = finish_step(auth, &txn, now, flow, client_address).await?;
    conclude(auth, db, txn, now, finished, client_address).await
}

/// Records that `email` was just proven, creating its row if it is new (by one upsert: two
/// flows proving one new address at once both find it).
async fn validated_address(
    db: &impl ConnectionTrait,
    email: &Email,
    now: OffsetDateTime,
) -> Result<i32, DbErr> {
    email_address::Entity::insert(email_address::ActiveModel {
        address: Set(email.as_str().to_owned()),
        last_otp_validated_at: Set(Some(now)),
        created_at: Set(now),
        ..Default::default()
    })
    .on_conflict(
        sea_orm::sea_query::OnConflict::column(email_address::Column::Address)
            .update_column(email_address::Column::LastOtpValidatedAt)
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    email_address::Entity::find()
        .filter(email_address::Column::Address.eq(email.as_str()))
        .one(db)
        .await?
        .map(|row| row.id)
        .ok_or_else(|| DbErr::RecordNotFound(email.as_str().to_owned()))
}

/// A new code for the current `otp` step (the previous one dies).
pub async fn resend_code(
    auth: &Auth,
    db: &DatabaseConnection,
    now: OffsetDateTime,
    public_id: &str,
    client_address: Option<&str>,
) -> Result<Flow, FlowError> {
    let flow = match at_step(db, now, public_id, Step::Otp).await {
        Err(FlowError::NotFound) => match crate::auth::decoy::find(db, public_id, now).await? {
            Some(decoy) => return Ok(crate::auth::decoy::resend(auth, db, now, &decoy).await?),
            None => return Err(FlowError::NotFound),
        },
        other => other?,
    };
    send_code(auth, db, now, &flow, None, client_address).await?;
    view(auth, db, now, &flow).await
}

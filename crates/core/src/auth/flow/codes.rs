//! The code steps of a flow: the email to confirm (R-AUTH-4), the code itself (R-OTP-1) and a
//! new code (R-OTP-4).
use super::*;

/// R-AUTH-4: the email and its confirmation; a code then goes to that address.
pub async fn confirm_email(
    auth: &Auth,
    db: &DatabaseConnection,
    now: OffsetDateTime,
    public_id: &str,
    email: &str,
    confirmation: &str,
    client_address: Option<&str>,
) -> Result<Progress, FlowError> {
    let (flow, due) = at_step(db, now, public_id, Step::ConfirmEmail).await?;
    let email = Email::parse(email).map_err(FlowError::InvalidEmail)?;
    if Email::parse(confirmation).ok().as_ref() != Some(&email) {
        return Err(FlowError::EmailMismatch);
    }
    // Whether other accounts use it is looked at only once its code is entered (R-LINK-3).
    let mut pending: auth_flow::ActiveModel = flow.into();
    pending.pending_email = Set(Some(email.into()));
    let flow = pending.update(db).await?;
    advance(auth, db, now, flow, due, client_address).await
}

/// R-OTP-1: the code mailed for this flow.
pub async fn submit_code(
    auth: &Auth,
    db: &DatabaseConnection,
    now: OffsetDateTime,
    public_id: &str,
    code: &str,
    client_address: Option<&str>,
) -> Result<Progress, FlowError> {
    let (flow, mut due) = match at_step(db, now, public_id, Step::Otp).await {
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
        holder: Holder::Flow(flow.id),
        bound_to: &flow.public_id,
        account_id: Some(flow.account_id),
    };
    let target = otp::verify(auth, db, now, tried, code, client_address).await?;
    let email = Email::parse(&target).map_err(|e| FlowError::Corrupt(e.to_string()))?;
    let proving_new_address =
        flow.pending_email.is_some() && (flow.purpose == SIGN_IN || flow.purpose == CHANGE_EMAIL);
    if proving_new_address {
        // The address is proven: now, and only now, who else uses it matters (R-LINK-2/3).
        let account = account::Entity::find_by_id(flow.account_id)
            .one(db)
            .await?
            .ok_or(FlowError::NotFound)?;
        crate::profile::check_shareable(db, &account, &email).await?;
        let others = crate::profile::accounts_using(db, email.as_str(), account.id).await?;
        if others > 0 && !due.contains(&Step::NewPassword) {
            due.insert(1, Step::NewPassword);
        }
    }
    let txn = db.begin().await?;
    let address_id = validated_address(&txn, &email, now).await?;
    if flow.purpose == SIGN_IN && flow.pending_email.is_some() {
        account::Entity::update_many()
            .col_expr(account::Column::EmailId, Expr::value(address_id))
            .filter(account::Column::Id.eq(flow.account_id))
            .exec(&txn)
            .await?;
        audit::record(
            &txn,
            now,
            AuditKind::EmailConfirmed,
            Some(flow.account_id),
            client_address,
            serde_json::json!({ "to": otp::mask(email.as_str()) }),
        )
        .await?;
    }
    let progress = finish_step(auth, &txn, now, flow, due, client_address).await?;
    txn.commit().await?;
    advance_after_commit(auth, db, now, progress, client_address).await
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
    let (flow, due) = match at_step(db, now, public_id, Step::Otp).await {
        Err(FlowError::NotFound) => match crate::auth::decoy::find(db, public_id, now).await? {
            Some(decoy) => return Ok(crate::auth::decoy::resend(auth, db, now, &decoy).await?),
            None => return Err(FlowError::NotFound),
        },
        other => other?,
    };
    send_code(auth, db, now, &flow, None, client_address).await?;
    view(auth, db, now, &flow, due).await
}

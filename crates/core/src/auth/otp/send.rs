//! Sending a code: counted on its target, issued, the previous one killed, then mailed.
use super::code_hash::code_hash;
use super::targets::MAILS_PER_ADDRESS_PER_HOUR;
use super::{Holder, OtpError, Recipient, mask};
use crate::audit::{self, AuditKind};
use crate::auth::Auth;
use crate::mail::otp_mail;
use crate::random;
use bailleur_entity::otp_challenge;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use time::{Duration, OffsetDateTime};

/// A new code for `holder`, counted on `target`, mailed to `recipient` (a decoy has none). The
/// previous code of the target dies; its failures carry over to the new one. Counting the codes
/// sent, issuing the new one and killing the old one are one transaction, serialised per target.
pub async fn send(
    auth: &Auth,
    db: &DatabaseConnection,
    now: OffsetDateTime,
    holder: Holder,
    target: &str,
    recipient: Option<Recipient<'_>>,
    client_address: Option<&str>,
) -> Result<(), OtpError> {
    let window_start = now - Duration::hours(1);
    let txn = db.begin().await?;
    crate::database::lock_key(&txn, target).await?;
    let recent = otp_challenge::Entity::find()
        .filter(otp_challenge::Column::Email.eq(target))
        .filter(otp_challenge::Column::CreatedAt.gt(window_start))
        .order_by_asc(otp_challenge::Column::Id)
        .all(&txn)
        .await?;
    if recent.len() as u64 >= auth.settings.codes_per_hour {
        let oldest = recent.first().map_or(now, |row| row.created_at);
        return Err(OtpError::TooManySends {
            retry_after: oldest + Duration::hours(1) - now,
        });
    }
    let code = random::six_digit_code();
    let code_hash = match recipient {
        Some(to) => code_hash(&auth.keys.code, to.flow, &code),
        // A tag no code's hash can equal: a decoy's code is never right.
        None => random::token(),
    };
    let (flow_id, decoy_id) = match holder {
        Holder::Flow(id) => (Some(id), None),
        Holder::Decoy(id) => (None, Some(id)),
    };
    let challenge = otp_challenge::ActiveModel {
        flow_id: Set(flow_id),
        decoy_id: Set(decoy_id),
        email: Set(target.to_owned()),
        address: Set(recipient.map(|to| to.email.as_str().to_owned())),
        code_hash: Set(code_hash),
        failed_attempts: Set(0),
        created_at: Set(now),
        expires_at: Set(now + auth.settings.code_lifetime),
        consumed_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    // Killing takes the previous codes' rows: a try being taken on one of them ends first, and
    // its count is read here (none is lost to the new code).
    let killed = txn
        .query_all_raw(crate::database::statement(
            txn.get_database_backend(),
            "UPDATE otp_challenge SET consumed_at = $1 \
             WHERE email = $2 AND consumed_at IS NULL AND id <> $3 \
             RETURNING CASE WHEN created_at > $4 THEN failed_attempts ELSE 0 END AS carried",
            [
                now.into(),
                target.into(),
                challenge.id.into(),
                window_start.into(),
            ],
        ))
        .await?;
    // Failures of the last hour carry over; older ones are forgotten, as sends are.
    let mut carried = recent.last().map_or(0, |row| row.failed_attempts);
    for row in killed {
        carried = carried.max(row.try_get::<i32>("", "carried")?);
    }
    if carried > 0 {
        otp_challenge::Entity::update_many()
            .col_expr(otp_challenge::Column::FailedAttempts, Expr::value(carried))
            .filter(otp_challenge::Column::Id.eq(challenge.id))
            .exec(&txn)
            .await?;
    }
    let Some(to) = recipient else {
        txn.commit().await?;
        return Ok(());
    };
    let mailed_to_address = if to.own {
        0
    } else {
        otp_challenge::Entity::find()
            .filter(otp_challenge::Column::Address.eq(to.email.as_str()))
            .filter(otp_challenge::Column::CreatedAt.gt(window_start))
            .filter(otp_challenge::Column::Email.not_like("own:%"))
            .count(&txn)
            .await?
    };
    audit::record(
        &txn,
        now,
        AuditKind::OtpSent,
        Some(to.account_id),
        client_address,
        serde_json::json!({ "flow": to.flow, "to": mask(to.email.as_str()) }),
    )
    .await?;
    txn.commit().await?;
    if mailed_to_address > MAILS_PER_ADDRESS_PER_HOUR {
        tracing::warn!("a code was not mailed: too many codes to one address this hour");
        return Ok(());
    }
    let mail = otp_mail(
        to.email,
        &code,
        auth.settings.code_lifetime.whole_minutes(),
        to.purpose,
    )?;
    if to.background {
        let (mailer, db) = (auth.mailer.clone(), db.clone());
        tokio::spawn(async move {
            if let Err(error) = mailer.send(mail).await {
                tracing::warn!(%error, "a code could not be mailed");
                forget_unsent(&db, challenge.id).await;
            }
        });
        return Ok(());
    }
    if let Err(error) = auth.mailer.send(mail).await {
        forget_unsent(db, challenge.id).await;
        return Err(error.into());
    }
    Ok(())
}

/// A code nobody received cannot be right any more; it stays counted (sends, tries) and shown,
/// as a decoy's is.
async fn forget_unsent(db: &DatabaseConnection, challenge_id: i32) {
    let unusable = otp_challenge::Entity::update_many()
        .col_expr(
            otp_challenge::Column::CodeHash,
            Expr::value(random::token()),
        )
        .filter(otp_challenge::Column::Id.eq(challenge_id))
        .exec(db)
        .await;
    if let Err(error) = unusable {
        tracing::warn!(%error, "an unsent code could not be put out of use");
    }
}

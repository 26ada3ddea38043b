//! R-RESET-4: a forgotten-password request that cannot lead anywhere (a login with no account,
//! an account reached by post, a real account whose code could not go out) gets a decoy flow.
//! Its code is held in the same table and by the same statements as a real flow's (`otp`),
//! counted on the login: same steps, same validity, tries and resends counted and limited the
//! same way, across decoys of one login as across flows of one address.
use super::Auth;
use super::otp::{self, Holder, OtpError};
use bailleur_api_types::auth::{Flow, Step};
use bailleur_entity::recovery_decoy;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, Set,
};
use time::OffsetDateTime;

/// How a recovery flow names where its code went: never the address itself.
pub const SENT_TO: &str = "l'adresse mail du compte";

pub const STEPS: [Step; 2] = [Step::Otp, Step::NewPassword];

/// A decoy whose codes are counted on `target` (see `otp::decoy_target`). A code that cannot be
/// "sent" (too many this hour) leaves it without one, as a real flow would be.
pub async fn create(
    auth: &Auth,
    db: &DatabaseConnection,
    now: OffsetDateTime,
    target: &str,
) -> Result<Flow, OtpError> {
    let decoy = recovery_decoy::ActiveModel {
        public_id: Set(crate::random::uuid().to_string()),
        target: Set(target.to_owned()),
        created_at: Set(now),
        expires_at: Set(now + auth.settings.flow_lifetime),
        ..Default::default()
    }
    .insert(db)
    .await?;
    match otp::send(auth, db, now, Holder::Decoy(decoy.id), target, None, None).await {
        Ok(()) | Err(OtpError::TooManySends { .. }) => Ok(view(auth, db, &decoy, now).await?),
        Err(error) => Err(error),
    }
}

/// A real recovery flow that can no longer lead anywhere (its account's password changed since it
/// began) becomes a decoy under the same id, with the same end and the same codes, now never
/// right: it answers from then on exactly as it did, and as any decoy does (R-RESET-4).
pub async fn take_over(
    db: &impl ConnectionTrait,
    flow: &bailleur_entity::auth_flow::Model,
) -> Result<(), DbErr> {
    use bailleur_entity::{auth_flow, otp_challenge};
    use sea_orm::sea_query::Expr;
    // A flow whose first code is being sent right now is left to end as flows do (its code
    // refers to it).
    let Some(target) = otp::target_of(db, Holder::Flow(flow.id)).await? else {
        return Ok(());
    };
    let decoy = recovery_decoy::ActiveModel {
        public_id: Set(flow.public_id.clone()),
        target: Set(target),
        created_at: Set(flow.created_at),
        expires_at: Set(flow.expires_at),
        ..Default::default()
    }
    .insert(db)
    .await?;
    otp_challenge::Entity::update_many()
        .col_expr(otp_challenge::Column::DecoyId, Expr::value(decoy.id))
        .col_expr(
            otp_challenge::Column::FlowId,
            Expr::value(Option::<i32>::None),
        )
        .col_expr(
            otp_challenge::Column::CodeHash,
            Expr::value(crate::random::token()),
        )
        .filter(otp_challenge::Column::FlowId.eq(flow.id))
        .exec(db)
        .await?;
    auth_flow::Entity::delete_by_id(flow.id).exec(db).await?;
    Ok(())
}

pub async fn find(
    db: &impl ConnectionTrait,
    public_id: &str,
    now: OffsetDateTime,
) -> Result<Option<recovery_decoy::Model>, DbErr> {
    Ok(recovery_decoy::Entity::find()
        .filter(recovery_decoy::Column::PublicId.eq(public_id))
        .one(db)
        .await?
        .filter(|decoy| decoy.expires_at > now))
}

pub async fn view(
    auth: &Auth,
    db: &impl ConnectionTrait,
    decoy: &recovery_decoy::Model,
    now: OffsetDateTime,
) -> Result<Flow, DbErr> {
    let otp = otp::status(auth, db, now, Holder::Decoy(decoy.id))
        .await?
        .map(|mut status| {
            SENT_TO.clone_into(&mut status.sent_to);
            status
        });
    Ok(Flow {
        id: decoy.public_id.clone(),
        next_step: Step::Otp,
        steps_due: STEPS.to_vec(),
        expires_at: decoy.expires_at,
        otp,
        linking_accounts: None,
    })
}

/// Any code is wrong, counted as a real flow counts it.
pub async fn submit(
    auth: &Auth,
    db: &impl ConnectionTrait,
    now: OffsetDateTime,
    decoy: &recovery_decoy::Model,
    code: &str,
) -> OtpError {
    let tried = otp::Tried {
        holder: Holder::Decoy(decoy.id),
        bound_to: &decoy.public_id,
        account_id: None,
    };
    match otp::verify(auth, db, now, tried, code, None).await {
        Err(error) => error,
        // Unreachable (a decoy's stored tag matches no code); told as a dead code if it were.
        Ok(_) => OtpError::Expired,
    }
}

/// A "new code": the same limits as real sends, on the same counts.
pub async fn resend(
    auth: &Auth,
    db: &DatabaseConnection,
    now: OffsetDateTime,
    decoy: &recovery_decoy::Model,
) -> Result<Flow, OtpError> {
    otp::send(
        auth,
        db,
        now,
        Holder::Decoy(decoy.id),
        &decoy.target,
        None,
        None,
    )
    .await?;
    Ok(view(auth, db, decoy, now).await?)
}

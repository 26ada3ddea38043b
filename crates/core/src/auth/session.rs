//! Sessions (R-AUTH-8): a short access JWT (algorithm pinned, `iss`, `aud`, `typ` and the expiry
//! checked against the injected clock) and an opaque refresh token stored hashed, rotated at
//! every use; a reused refresh token revokes its session. Requests also check the session row
//! (remembered for a second, `recent_checks`), so a revoked session is refused even while its JWT
//! has not expired.
use super::Auth;
pub use super::principal::Authenticated;
pub use super::revocation::{Revoke, revoke, sign_out};
use crate::accounts;
use crate::audit::{self, AuditKind};
use crate::random;
use bailleur_api_types::auth::AccountSummary;
use bailleur_api_types::{AccountId, PartnerId, SessionId, UserStatus};
use bailleur_entity::{account, auth_session, refresh_token};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, JoinType,
    QueryFilter, QuerySelect, RelationTrait, Select, Set,
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

pub const ISSUER: &str = "espace-bailleur";
pub const AUDIENCE: &str = "espace-bailleur-api";
const ACCESS: &str = "access";

#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    /// Missing, malformed, forged, expired or revoked: all look the same to the client.
    #[error("the credentials of the request are not valid")]
    Unauthenticated,
    #[error("a refresh token was used twice: the session is revoked")]
    RefreshReused,
    #[error("signing the token failed: {0}")]
    Signing(#[from] jsonwebtoken::errors::Error),
    #[error(transparent)]
    Account(#[from] accounts::AccountError),
    #[error(transparent)]
    Database(#[from] DbErr),
}

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    iss: String,
    aud: String,
    sub: String,
    /// The session's public id: revocation is checked on it.
    sid: String,
    typ: String,
    iat: i64,
    exp: i64,
}

/// New tokens for a session.
#[derive(Debug, Clone)]
pub struct Issued {
    pub access_token: String,
    pub expires_in: u32,
    pub refresh_token: String,
    pub account: AccountSummary,
    pub session_expires_at: OffsetDateTime,
}

/// A session with its account's partner, read in one statement: the check every request makes.
#[derive(Debug, FromQueryResult)]
struct SessionRow {
    id: SessionId,
    account_id: AccountId,
    partner_id: PartnerId,
    absolute_expires_at: OffsetDateTime,
    revoked_at: Option<OffsetDateTime>,
}

impl From<SessionRow> for Authenticated {
    fn from(row: SessionRow) -> Self {
        Self {
            account_id: row.account_id,
            partner_id: row.partner_id,
            session_id: row.id,
            session_expires_at: row.absolute_expires_at,
        }
    }
}

fn sessions_with_partner() -> Select<auth_session::Entity> {
    auth_session::Entity::find()
        .select_only()
        .columns([
            auth_session::Column::Id,
            auth_session::Column::AccountId,
            auth_session::Column::AbsoluteExpiresAt,
            auth_session::Column::RevokedAt,
        ])
        .column(account::Column::PartnerId)
        .join(JoinType::InnerJoin, auth_session::Relation::Account.def())
}

/// Opens a session on `account_id` (the sign-in flow is complete).
pub async fn start(
    auth: &Auth,
    db: &impl ConnectionTrait,
    now: OffsetDateTime,
    account_id: AccountId,
    client_address: Option<&str>,
) -> Result<Issued, SessionError> {
    // Only on an active account, checked by the write itself in the caller's transaction: an
    // account disabled while its flow ran gets nothing.
    let signed_in = account::Entity::update_many()
        .col_expr(account::Column::LastSignInAt, Expr::value(now))
        .filter(account::Column::Id.eq(account_id))
        .filter(account::Column::Status.eq(UserStatus::Active))
        .exec(db)
        .await?
        .rows_affected;
    if signed_in != 1 {
        return Err(SessionError::Unauthenticated);
    }
    let session = open(db, now, account_id, now + auth.settings.session_lifetime).await?;
    audit::record(
        db,
        now,
        AuditKind::SignInSucceeded,
        Some(account_id),
        client_address,
        serde_json::json!({ "session": session.public_id }),
    )
    .await?;
    issue(auth, db, now, &session).await
}

/// A session on another account of the group that ends when the current one would have
/// (switching never extends the 12 hours).
pub async fn continue_on(
    auth: &Auth,
    db: &impl ConnectionTrait,
    now: OffsetDateTime,
    account_id: AccountId,
    expires_at: OffsetDateTime,
) -> Result<Issued, SessionError> {
    let session = open(db, now, account_id, expires_at).await?;
    issue(auth, db, now, &session).await
}

async fn open(
    db: &impl ConnectionTrait,
    now: OffsetDateTime,
    account_id: AccountId,
    expires_at: OffsetDateTime,
) -> Result<auth_session::Model, DbErr> {
    auth_session::ActiveModel {
        public_id: Set(crate::random::uuid().to_string()),
        account_id: Set(account_id),
        created_at: Set(now),
        absolute_expires_at: Set(expires_at),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// How a refresh token is stored: it carries 256 bits, so a plain SHA-256 is enough (R-AUTH-8).
fn token_hash(token: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(token.as_bytes()))
}

async fn issue(
    auth: &Auth,
    db: &impl ConnectionTrait,
    now: OffsetDateTime,
    session: &auth_session::Model,
) -> Result<Issued, SessionError> {
    let refresh_token = random::token();
    refresh_token::ActiveModel {
        session_id: Set(session.id),
        token_hash: Set(token_hash(&refresh_token)),
        issued_at: Set(now),
        used_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let expires_at = (now + auth.settings.access_token_lifetime).min(session.absolute_expires_at);
    let claims = Claims {
        iss: ISSUER.to_owned(),
        aud: AUDIENCE.to_owned(),
        sub: session.account_id.to_string(),
        sid: session.public_id.clone(),
        typ: ACCESS.to_owned(),
        iat: now.unix_timestamp(),
        exp: expires_at.unix_timestamp(),
    };
    let access_token = jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        &claims,
        &EncodingKey::from_secret(&auth.keys.jwt),
    )?;
    Ok(Issued {
        access_token,
        expires_in: u32::try_from((expires_at - now).whole_seconds()).unwrap_or(0),
        refresh_token,
        account: accounts::summary(db, session.account_id).await?,
        session_expires_at: session.absolute_expires_at,
    })
}

/// Checks an access token and its session.
pub async fn authenticate(
    auth: &Auth,
    db: &impl ConnectionTrait,
    now: OffsetDateTime,
    token: &str,
) -> Result<Authenticated, SessionError> {
    let mut validation = Validation::new(Algorithm::HS256);
    validation.set_audience(&[AUDIENCE]);
    validation.set_issuer(&[ISSUER]);
    validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
    // The expiry is checked below against the injected clock, not the system's.
    validation.validate_exp = false;
    let claims = jsonwebtoken::decode::<Claims>(
        token,
        &DecodingKey::from_secret(&auth.keys.jwt),
        &validation,
    )
    .map_err(|_| SessionError::Unauthenticated)?
    .claims;
    if claims.typ != ACCESS || claims.exp <= now.unix_timestamp() {
        return Err(SessionError::Unauthenticated);
    }
    let of_subject = |who: &Authenticated| who.account_id.to_string() == claims.sub;
    if let Some(who) = auth.recent.get(&claims.sid, now).filter(of_subject) {
        return Ok(who);
    }
    let generation = auth.recent.generation();
    let who = sessions_with_partner()
        .filter(auth_session::Column::PublicId.eq(&claims.sid))
        .into_model::<SessionRow>()
        .one(db)
        .await?
        .filter(|session| live(session.revoked_at, session.absolute_expires_at, now))
        .map(Authenticated::from)
        .filter(of_subject)
        .ok_or(SessionError::Unauthenticated)?;
    auth.recent.remember(&claims.sid, who, now, generation);
    Ok(who)
}

fn live(
    revoked_at: Option<OffsetDateTime>,
    expires_at: OffsetDateTime,
    now: OffsetDateTime,
) -> bool {
    revoked_at.is_none() && expires_at > now
}

/// Exchanges a refresh token for new tokens; the old one can never serve again.
pub async fn refresh(
    auth: &Auth,
    db: &impl ConnectionTrait,
    now: OffsetDateTime,
    token: &str,
    client_address: Option<&str>,
) -> Result<Issued, SessionError> {
    let stored = refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(token_hash(token)))
        .one(db)
        .await?
        .ok_or(SessionError::Unauthenticated)?;
    let session = auth_session::Entity::find_by_id(stored.session_id)
        .one(db)
        .await?
        .ok_or(SessionError::Unauthenticated)?;
    // Marking it used only if nobody did: two concurrent uses cannot both win.
    let claimed = refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::UsedAt, Expr::value(now))
        .filter(refresh_token::Column::Id.eq(stored.id))
        .filter(refresh_token::Column::UsedAt.is_null())
        .exec(db)
        .await?
        .rows_affected
        == 1;
    if !claimed {
        revoke(&auth.recent, db, now, Revoke::One(session.id)).await?;
        audit::record(
            db,
            now,
            AuditKind::RefreshTokenReused,
            Some(session.account_id),
            client_address,
            serde_json::json!({ "session": session.public_id }),
        )
        .await?;
        return Err(SessionError::RefreshReused);
    }
    if !live(session.revoked_at, session.absolute_expires_at, now) {
        return Err(SessionError::Unauthenticated);
    }
    issue(auth, db, now, &session).await
}

/// The session a refresh token belongs to, for a sign-out by cookie alone.
pub async fn by_refresh_token(
    db: &impl ConnectionTrait,
    token: &str,
) -> Result<Option<Authenticated>, DbErr> {
    let Some(stored) = refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(token_hash(token)))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    Ok(sessions_with_partner()
        .filter(auth_session::Column::Id.eq(stored.session_id))
        .into_model::<SessionRow>()
        .one(db)
        .await?
        .map(Authenticated::from))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_distinct_and_hashed() {
        let (a, b) = (random::token(), random::token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_ne!(token_hash(&a), a);
        assert_eq!(token_hash(&a), token_hash(&a));
    }
}

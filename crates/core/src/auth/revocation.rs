//! Ending sessions: every revocation goes through `revoke`, which also voids the checks this
//! process remembers (`recent_checks`).
use super::principal::Authenticated;
use super::recent_checks::RecentChecks;
use crate::audit::{self, AuditKind};
use bailleur_api_types::{AccountId, SessionId};
use bailleur_entity::auth_session;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use time::OffsetDateTime;

/// Which sessions a revocation ends.
#[derive(Debug, Clone, Copy)]
pub enum Revoke {
    One(SessionId),
    /// Every live session of the account (a disabled user, a password reset by post).
    AllOf(AccountId),
    /// Every live session of the accounts on the credential (a password change, R-LINK-4), but
    /// `except`, the one making the change.
    Credential {
        credential_id: i32,
        except: Option<SessionId>,
    },
}

/// Every revocation goes through here: the checks this process remembers are forgotten at once.
pub async fn revoke(
    recent: &RecentChecks,
    db: &impl ConnectionTrait,
    now: OffsetDateTime,
    which: Revoke,
) -> Result<(), DbErr> {
    recent.revoked();
    let mut revoke = auth_session::Entity::update_many()
        .col_expr(auth_session::Column::RevokedAt, Expr::value(now))
        .filter(auth_session::Column::RevokedAt.is_null());
    revoke = match which {
        Revoke::One(session_id) => revoke.filter(auth_session::Column::Id.eq(session_id)),
        Revoke::AllOf(account_id) => revoke.filter(auth_session::Column::AccountId.eq(account_id)),
        Revoke::Credential {
            credential_id,
            except,
        } => {
            // Only live sessions are looked at (an index on their end), each checked against
            // the credential by its account's primary key: the cost follows the sessions of the
            // last hours, not the size of the group (R-LINK-4 benchmark).
            let of_this_credential = crate::accounts::of_credential(
                (auth_session::Entity, auth_session::Column::AccountId),
                credential_id,
            );
            let revoke = revoke
                .filter(auth_session::Column::AbsoluteExpiresAt.gt(now))
                .filter(Expr::exists(of_this_credential));
            match except {
                Some(keep) => revoke.filter(auth_session::Column::Id.ne(keep)),
                None => revoke,
            }
        }
    };
    revoke.exec(db).await.map(|_| ())
}

/// Sign-out: the session ends now, whatever tokens are still around.
pub async fn sign_out(
    recent: &RecentChecks,
    db: &impl ConnectionTrait,
    now: OffsetDateTime,
    who: &Authenticated,
    client_address: Option<&str>,
) -> Result<(), DbErr> {
    revoke(recent, db, now, Revoke::One(who.session_id)).await?;
    audit::record(
        db,
        now,
        AuditKind::SignedOut,
        Some(who.account_id),
        client_address,
        serde_json::json!({}),
    )
    .await
}

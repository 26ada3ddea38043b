//! The API clients of a partner, managed by its administrator (R-API-2): created with a name
//! and scopes, listed, their secret rotated (the previous one works 24 h more), revoked. The
//! secret is shown once and only its hash is kept. Each change is an audit event.
use super::{CLIENT_ID_PREFIX, PREVIOUS_SECRET_GRACE, SECRET_PREFIX, assertion, secret_hash};
use crate::audit::{self, AuditKind};
use crate::auth::Auth;
use crate::auth::session::Authenticated;
use crate::random;
use bailleur_api_types::software::{ApiClient, CreateApiClient, IssuedApiClient, Scopes};
use bailleur_api_types::{AccountRole, ApiClientId, FieldError, PartnerId, UserStatus};
use bailleur_entity::{account, api_client};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, Set, TransactionTrait,
};
use serde_json::json;
use time::OffsetDateTime;

#[derive(Debug, thiserror::Error)]
pub enum ClientsError {
    #[error("only the partner's administrator manages its API clients")]
    NotAdministrator,
    #[error("no live API client of this partner has this id")]
    NotFound,
    #[error("invalid fields: {0:?}")]
    Invalid(Vec<FieldError>),
    #[error(transparent)]
    Database(#[from] DbErr),
}

const BASE62: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// 43 characters of base64url: 256 random bits after the prefix.
fn new_secret() -> String {
    format!("{SECRET_PREFIX}{}", random::token())
}

fn last_four(secret: &str) -> String {
    secret
        .char_indices()
        .rev()
        .nth(3)
        .map_or_else(|| secret.to_owned(), |(at, _)| secret[at..].to_owned())
}

/// The partner of an active administrator, or `NotAdministrator`.
async fn administrator(
    db: &impl ConnectionTrait,
    who: &Authenticated,
) -> Result<PartnerId, ClientsError> {
    account::Entity::find_by_id(who.account_id)
        .one(db)
        .await?
        .filter(|account| {
            account.role == AccountRole::Administrator
                && account.status == UserStatus::Active
                && account.partner_id == who.partner_id
        })
        .map(|account| account.partner_id)
        .ok_or(ClientsError::NotAdministrator)
}

pub(crate) fn scopes_of(row: &api_client::Model) -> Scopes {
    Scopes::parse_space_separated(&row.scopes).unwrap_or_default()
}

fn view(row: &api_client::Model) -> ApiClient {
    ApiClient {
        id: row.id,
        client_id: row.public_id.clone(),
        name: row.name.clone(),
        scopes: scopes_of(row).iter().collect(),
        created_at: row.created_at,
        last_used_at: row.last_used_at,
        secret_last_four: row.secret_last_four.clone(),
        previous_secret_expires_at: row.previous_secret_expires_at,
        public_key_algorithm: row.public_key_algorithm.clone(),
    }
}

pub async fn list(
    db: &DatabaseConnection,
    who: &Authenticated,
) -> Result<Vec<ApiClient>, ClientsError> {
    let partner_id = administrator(db, who).await?;
    let rows = api_client::Entity::find()
        .filter(api_client::Column::PartnerId.eq(partner_id))
        .filter(api_client::Column::RevokedAt.is_null())
        .order_by_desc(api_client::Column::Id)
        .all(db)
        .await?;
    Ok(rows.iter().map(view).collect())
}

pub async fn create(
    txn: &impl ConnectionTrait,
    who: &Authenticated,
    request: &CreateApiClient,
    now: OffsetDateTime,
) -> Result<IssuedApiClient, ClientsError> {
    let scopes: Scopes = request.scopes.iter().copied().collect();
    let mut errors = Vec::new();
    if scopes.is_empty() {
        errors.push(FieldError {
            field: "scopes".to_owned(),
            code: "required".to_owned(),
            message: "Choisissez au moins une autorisation.".to_owned(),
        });
    }
    let public_key = match &request.public_key {
        Some(jwk) => match assertion::accepted_key(jwk) {
            Ok(algorithm) => Some((jwk, algorithm)),
            Err(message) => {
                errors.push(FieldError {
                    field: "public_key".to_owned(),
                    code: "format".to_owned(),
                    message: message.to_owned(),
                });
                None
            }
        },
        None => None,
    };
    if !errors.is_empty() {
        return Err(ClientsError::Invalid(errors));
    }
    let partner_id = administrator(txn, who).await?;
    let secret = new_secret();
    let stored_key = public_key
        .map(|(jwk, _)| serde_json::to_string(jwk))
        .transpose()
        .map_err(|error| DbErr::Custom(error.to_string()))?;
    let row = api_client::ActiveModel {
        public_id: Set(format!(
            "{CLIENT_ID_PREFIX}{}",
            random::string_from(BASE62, 22)
        )),
        partner_id: Set(partner_id),
        created_by: Set(who.account_id),
        name: Set(request.name.as_str().to_owned()),
        scopes: Set(scopes.to_space_separated()),
        secret_hash: Set(secret_hash(&secret)),
        secret_last_four: Set(last_four(&secret)),
        previous_secret_hash: Set(None),
        previous_secret_expires_at: Set(None),
        public_key: Set(stored_key),
        public_key_algorithm: Set(public_key.map(|(_, algorithm)| algorithm.to_owned())),
        created_at: Set(now),
        last_used_at: Set(None),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    audit::record(
        txn,
        now,
        AuditKind::ApiClientCreated,
        Some(who.account_id),
        None,
        json!({"api_client": row.public_id, "partner_id": partner_id, "scopes": row.scopes}),
    )
    .await?;
    Ok(IssuedApiClient {
        client: view(&row),
        client_secret: secret,
    })
}

async fn live_client(
    db: &impl ConnectionTrait,
    partner_id: PartnerId,
    id: ApiClientId,
) -> Result<api_client::Model, ClientsError> {
    api_client::Entity::find_by_id(id)
        .filter(api_client::Column::PartnerId.eq(partner_id))
        .filter(api_client::Column::RevokedAt.is_null())
        .one(db)
        .await?
        .ok_or(ClientsError::NotFound)
}

/// A new secret, in the caller's transaction; the one it replaces works until `PREVIOUS_SECRET_GRACE` from now (a secret
/// replaced earlier stops at once: only one predecessor is kept).
pub async fn rotate(
    txn: &impl ConnectionTrait,
    who: &Authenticated,
    id: ApiClientId,
    now: OffsetDateTime,
) -> Result<IssuedApiClient, ClientsError> {
    let partner_id = administrator(txn, who).await?;
    crate::database::lock_key(txn, &format!("api-client:{id}")).await?;
    let row = live_client(txn, partner_id, id).await?;
    let secret = new_secret();
    let previous = row.secret_hash.clone();
    let mut active: api_client::ActiveModel = row.into();
    active.previous_secret_hash = Set(Some(previous));
    active.previous_secret_expires_at = Set(Some(now + PREVIOUS_SECRET_GRACE));
    active.secret_hash = Set(secret_hash(&secret));
    active.secret_last_four = Set(last_four(&secret));
    let row = active.update(txn).await?;
    audit::record(
        txn,
        now,
        AuditKind::ApiClientSecretRotated,
        Some(who.account_id),
        None,
        json!({"api_client": row.public_id, "partner_id": partner_id}),
    )
    .await?;
    Ok(IssuedApiClient {
        client: view(&row),
        client_secret: secret,
    })
}

/// Revoked at once: no new token, and the tokens already given are refused by every process
/// within `recent_checks::RECHECK_AFTER` (this one at once).
pub async fn revoke(
    auth: &Auth,
    db: &DatabaseConnection,
    who: &Authenticated,
    id: ApiClientId,
    now: OffsetDateTime,
) -> Result<(), ClientsError> {
    let txn = db.begin().await?;
    let partner_id = administrator(&txn, who).await?;
    let row = live_client(&txn, partner_id, id).await?;
    let public_id = row.public_id.clone();
    let mut active: api_client::ActiveModel = row.into();
    active.revoked_at = Set(Some(now));
    active.update(&txn).await?;
    audit::record(
        &txn,
        now,
        AuditKind::ApiClientRevoked,
        Some(who.account_id),
        None,
        json!({"api_client": public_id, "partner_id": partner_id}),
    )
    .await?;
    txn.commit().await?;
    auth.clients.revoked();
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn r_api_2_secrets_carry_256_bits_behind_a_recognisable_prefix() {
        let secret = super::new_secret();
        assert!(secret.starts_with("eb_live_"));
        // base64url: 6 bits a character.
        assert!((secret.len() - "eb_live_".len()) * 6 >= 256);
        assert_eq!(super::last_four(&secret), secret[secret.len() - 4..]);
        assert_ne!(secret, super::new_secret());
    }
}

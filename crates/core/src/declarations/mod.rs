//! Declarations (R-SPACE-5): submitted by the landlord, all of a submission or none, each with
//! its status history; processed by the operator (R-OPS-2), which gives the delays (R-SPACE-6).
use crate::auth::principal::Principal;
use crate::tenants::{self, TenantError};
use bailleur_api_types::DeclarationId;
use bailleur_api_types::FieldError;
use bailleur_api_types::declarations::{
    Declaration, DeclarationFields, DeclarationStatus, StatusChange, SubmitDeclarations,
    SubmittedDeclarations,
};
use bailleur_entity::{declaration, declaration_status_change};
use sea_orm::{ConnectionTrait, DbErr};
use time::OffsetDateTime;

pub mod batches;
pub mod delays;
pub mod feed;
mod process;
mod read;
mod submission;
use crate::declaration_rules as rules;

pub use process::{ProcessError, QueueItem, advance, queue};
pub use read::{get, list};

#[derive(Debug, thiserror::Error)]
pub enum DeclarationError {
    #[error("no tenant or declaration of this landlord has this id")]
    NotFound,
    #[error("invalid fields: {0:?}")]
    Invalid(Vec<FieldError>),
    #[error("a stored declaration is unreadable: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Database(#[from] DbErr),
}

impl From<TenantError> for DeclarationError {
    fn from(error: TenantError) -> Self {
        match error {
            TenantError::NotFound => DeclarationError::NotFound,
            TenantError::Database(error) => DeclarationError::Database(error),
        }
    }
}

/// `DB26-7KQ2-M9XH`: short enough to read on the phone, without 0/O or 1/I.
fn new_reference(year: i32) -> String {
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTVWXYZ";
    let code = crate::random::string_from(ALPHABET, 8);
    format!("DB{:02}-{}-{}", year % 100, &code[..4], &code[4..])
}

/// R-SPACE-5: every declaration checked, then all written in `txn`, or none. A rent
/// declaration replaces the lease's previous one of the same campaign.
pub async fn submit(
    txn: &impl ConnectionTrait,
    who: &Principal,
    body: &SubmitDeclarations,
    now: OffsetDateTime,
) -> Result<SubmittedDeclarations, DeclarationError> {
    let mut items = submission::record(
        txn,
        who,
        std::slice::from_ref(body),
        submission::Addressing::Single,
        None,
        now,
    )
    .await?;
    items.pop().ok_or(DeclarationError::NotFound)
}

async fn record_status(
    db: &impl ConnectionTrait,
    declaration_id: DeclarationId,
    status: DeclarationStatus,
    at: OffsetDateTime,
) -> Result<(), DbErr> {
    submission::record_statuses(db, [declaration_id], status, at).await
}

/// The stored fields; rows written before the kind was part of them get it from the column.
fn parse_fields(row: &declaration::Model) -> Result<DeclarationFields, DeclarationError> {
    let mut value: serde_json::Value = serde_json::from_str(&row.fields)
        .map_err(|error| DeclarationError::Corrupt(format!("{}: {error}", row.reference)))?;
    if let Some(object) = value.as_object_mut() {
        object
            .entry("kind")
            .or_insert_with(|| serde_json::Value::String(row.kind.clone()));
    }
    serde_json::from_value(value)
        .map_err(|error| DeclarationError::Corrupt(format!("{}: {error}", row.reference)))
}

fn parse_history(
    rows: Vec<declaration_status_change::Model>,
) -> Result<Vec<StatusChange>, DeclarationError> {
    rows.into_iter()
        .map(|row| {
            DeclarationStatus::parse(&row.status)
                .map(|status| StatusChange { status, at: row.at })
                .ok_or_else(|| DeclarationError::Corrupt(format!("status {}", row.status)))
        })
        .collect()
}

fn to_declaration(
    row: declaration::Model,
    tenant: &tenants::TenantName,
    history: Vec<StatusChange>,
) -> Result<Declaration, DeclarationError> {
    let fields = parse_fields(&row)?;
    let status = DeclarationStatus::parse(&row.status)
        .ok_or_else(|| DeclarationError::Corrupt(format!("status {}", row.status)))?;
    Ok(Declaration {
        id: row.id,
        reference: row.reference,
        tenant_id: tenant.id,
        beneficiary_number: tenant.beneficiary_number.clone(),
        tenant_name: tenant.full_name(),
        kind: fields.kind(),
        status,
        late: row.late,
        campaign_year: row.campaign_year,
        fields,
        submitted_at: row.submitted_at,
        processed_at: row.processed_at,
        history,
    })
}

//! Declarations (R-SPACE-5): submitted by the landlord, all of a submission or none, each with
//! its status history; processed by the operator (R-OPS-2), which gives the delays (R-SPACE-6).
use crate::auth::session::Authenticated;
use crate::tenants::{self, TenantError};
use bailleur_api_types::FieldError;
use bailleur_api_types::declarations::{
    Declaration, DeclarationFields, DeclarationKind, DeclarationStatus, StatusChange,
    SubmittedDeclarations,
};
use bailleur_api_types::{DeclarationId, TenantId};
use bailleur_entity::{declaration, declaration_status_change};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, Set, TransactionTrait,
};
use std::collections::HashSet;
use time::OffsetDateTime;

pub mod delays;
mod process;
mod read;
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

fn field_errors(index: usize, errors: &[rules::RuleError]) -> impl Iterator<Item = FieldError> {
    errors.iter().map(move |error| FieldError {
        field: format!("declarations[{index}].{}", error.field()),
        code: error.code().to_owned(),
        message: error.message_fr(),
    })
}

/// R-SPACE-5: every declaration checked, then all written in one transaction, or none. A rent
/// declaration replaces the lease's previous one of the same campaign.
pub async fn submit(
    db: &DatabaseConnection,
    who: &Authenticated,
    tenant_id: TenantId,
    declarations: &[DeclarationFields],
    now: OffsetDateTime,
) -> Result<SubmittedDeclarations, DeclarationError> {
    let lease = tenants::lease_of(db, who.partner_id, tenant_id).await?;
    let facts = rules::LeaseFacts {
        today: now.date(),
        started_on: lease.lease.started_on,
        rent_cents: lease.lease.rent_cents,
        charges_cents: lease.lease.charges_cents,
        aid_paid_to_landlord: lease.lease.aid_paid_to_landlord,
        last_aid_cents: lease.lease.last_aid_cents,
        co_tenants: lease.lease.co_tenants,
        open_campaign_year: crate::campaigns::open_campaign_year(db, lease.caf_id, now.date())
            .await?,
    };
    let mut errors = Vec::new();
    if declarations.is_empty() {
        errors.push(FieldError {
            field: "declarations".to_owned(),
            code: "required".to_owned(),
            message: "Sélectionnez au moins une déclaration.".to_owned(),
        });
    }
    let mut seen = HashSet::new();
    let mut accepted = Vec::new();
    for (index, fields) in declarations.iter().enumerate() {
        if !seen.insert(fields.kind()) {
            errors.push(FieldError {
                field: format!("declarations[{index}].kind"),
                code: "duplicate_kind".to_owned(),
                message: "Cette déclaration est sélectionnée deux fois.".to_owned(),
            });
            continue;
        }
        match rules::check(fields, &facts) {
            Ok(decision) => accepted.push((fields, decision)),
            Err(broken) => errors.extend(field_errors(index, &broken)),
        }
    }
    if !errors.is_empty() {
        return Err(DeclarationError::Invalid(errors));
    }

    let txn = db.begin().await?;
    let mut rows = Vec::with_capacity(accepted.len());
    for (fields, decision) in accepted {
        if let Some(year) = decision.campaign_year {
            replace_previous_rent(&txn, lease.lease.id, year, now).await?;
        }
        let stored = serde_json::to_string(fields)
            .map_err(|error| DeclarationError::Corrupt(error.to_string()))?;
        let row = declaration::ActiveModel {
            reference: Set(new_reference(now.year())),
            account_id: Set(who.account_id),
            partner_id: Set(lease.lease.partner_id),
            lease_id: Set(lease.lease.id),
            caf_id: Set(lease.caf_id),
            kind: Set(fields.kind().as_str().to_owned()),
            fields: Set(stored),
            status: Set(DeclarationStatus::Submitted.as_str().to_owned()),
            late: Set(decision.late),
            campaign_year: Set(decision.campaign_year),
            submitted_at: Set(now),
            processed_at: Set(None),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        record_status(&txn, row.id, DeclarationStatus::Submitted, now).await?;
        rows.push(row);
    }
    txn.commit().await?;

    Ok(SubmittedDeclarations {
        items: read::with_details(db, rows).await?,
    })
}

async fn replace_previous_rent(
    db: &impl ConnectionTrait,
    lease_id: i32,
    year: i32,
    now: OffsetDateTime,
) -> Result<(), DbErr> {
    let previous = declaration::Entity::find()
        .filter(declaration::Column::LeaseId.eq(lease_id))
        .filter(declaration::Column::Kind.eq(DeclarationKind::Rent.as_str()))
        .filter(declaration::Column::CampaignYear.eq(year))
        .filter(declaration::Column::Status.ne(DeclarationStatus::Replaced.as_str()))
        .all(db)
        .await?;
    for row in previous {
        let id = row.id;
        let mut row: declaration::ActiveModel = row.into();
        row.status = Set(DeclarationStatus::Replaced.as_str().to_owned());
        row.update(db).await?;
        record_status(db, id, DeclarationStatus::Replaced, now).await?;
    }
    Ok(())
}

async fn record_status(
    db: &impl ConnectionTrait,
    declaration_id: DeclarationId,
    status: DeclarationStatus,
    at: OffsetDateTime,
) -> Result<(), DbErr> {
    declaration_status_change::Entity::insert(declaration_status_change::ActiveModel {
        declaration_id: Set(declaration_id),
        status: Set(status.as_str().to_owned()),
        at: Set(at),
        ..Default::default()
    })
    .exec_without_returning(db)
    .await
    .map(|_| ())
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

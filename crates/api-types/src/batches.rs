//! Declarations in bulk and their follow-up, for software (R-API-2): batches of submissions and
//! the feed of status changes.
use crate::declarations::{DeclarationStatus, SubmitDeclarations, SubmittedDeclarations};
use crate::{BatchId, DeclarationId, TenantId};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// The most submissions one batch carries.
pub const MAX_BATCH_ITEMS: usize = 1_000;

/// `POST /declaration-batches`: submissions about the partner's tenants, recorded all together
/// or not at all; each item is the body of `POST /declarations` and follows its rules.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SubmitBatch {
    #[cfg_attr(feature = "server", schema(min_items = 1, max_items = 1000))]
    pub items: Vec<SubmitDeclarations>,
}

/// A recorded batch: each item's declarations, in the order sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Batch {
    pub id: BatchId,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    pub items: Vec<SubmittedDeclarations>,
}

/// `?after=&limit=` of the change feed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::IntoParams))]
pub struct ChangeQuery {
    /// The `next_cursor` of the previous page; from the beginning when absent.
    #[serde(default)]
    #[cfg_attr(
        feature = "server",
        param(max_length = 64, pattern = "^[A-Za-z0-9_-]+$")
    )]
    pub after: Option<String>,
    /// From 1 to 500; 100 when absent.
    #[serde(default)]
    #[cfg_attr(feature = "server", param(minimum = 1, maximum = 500))]
    pub limit: Option<u32>,
}

/// The most changes a page of the feed holds.
pub const MAX_CHANGES_PER_PAGE: u32 = 500;

/// One status change of a declaration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct DeclarationChange {
    pub declaration_id: DeclarationId,
    pub reference: String,
    pub tenant_id: TenantId,
    pub status: DeclarationStatus,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
}

/// A page of the feed. `next_cursor` is always given: ask again with it to get what follows
/// (an empty page means nothing yet).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ChangePage {
    pub items: Vec<DeclarationChange>,
    pub next_cursor: String,
}

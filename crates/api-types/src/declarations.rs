//! Declarations a landlord makes about a tenant (R-SPACE-5). Money in cents, dates as
//! `2026-07-01`, instants in RFC 3339.
use crate::ids::{DeclarationId, TenantId};
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

time::serde::format_description!(iso_date, Date, "[year]-[month]-[day]");

/// 100 000 €: above any rent or debt a landlord declares; catches a misplaced decimal point.
pub const MAX_AMOUNT_CENTS: i64 = 10_000_000;
/// The most co-tenants of a co-tenancy.
pub const MAX_CO_TENANTS: i32 = 20;
/// The most characters of an end of management's new manager, once trimmed.
pub const MAX_NAME_CHARS: usize = 200;

/// The six kinds of declaration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DeclarationKind {
    /// The July rent of the campaign year.
    Rent,
    UnpaidRent,
    MovingOut,
    /// A change in the number of co-tenants.
    CoTenancy,
    Death,
    /// End of management, or sale of the dwelling.
    EndOfManagement,
}

impl DeclarationKind {
    pub const ALL: [DeclarationKind; 6] = [
        DeclarationKind::Rent,
        DeclarationKind::UnpaidRent,
        DeclarationKind::MovingOut,
        DeclarationKind::CoTenancy,
        DeclarationKind::Death,
        DeclarationKind::EndOfManagement,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DeclarationKind::Rent => "rent",
            DeclarationKind::UnpaidRent => "unpaid_rent",
            DeclarationKind::MovingOut => "moving_out",
            DeclarationKind::CoTenancy => "co_tenancy",
            DeclarationKind::Death => "death",
            DeclarationKind::EndOfManagement => "end_of_management",
        }
    }

    pub fn parse(value: &str) -> Option<DeclarationKind> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == value)
    }

    /// The name the agency's screens give it.
    pub fn label_fr(self) -> &'static str {
        match self {
            DeclarationKind::Rent => "Loyer de juillet",
            DeclarationKind::UnpaidRent => "Impayé de loyer",
            DeclarationKind::MovingOut => "Départ du locataire",
            DeclarationKind::CoTenancy => "Nouvelle colocation",
            DeclarationKind::Death => "Décès du locataire",
            DeclarationKind::EndOfManagement => "Fin de gestion ou vente",
        }
    }
}

/// Where a declaration stands; `replaced` is a rent declaration superseded by a newer one of
/// the same lease and campaign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DeclarationStatus {
    Submitted,
    InProgress,
    Processed,
    Replaced,
}

impl DeclarationStatus {
    pub const ALL: [DeclarationStatus; 4] = [
        DeclarationStatus::Submitted,
        DeclarationStatus::InProgress,
        DeclarationStatus::Processed,
        DeclarationStatus::Replaced,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DeclarationStatus::Submitted => "submitted",
            DeclarationStatus::InProgress => "in_progress",
            DeclarationStatus::Processed => "processed",
            DeclarationStatus::Replaced => "replaced",
        }
    }

    pub fn parse(value: &str) -> Option<DeclarationStatus> {
        Self::ALL
            .into_iter()
            .find(|status| status.as_str() == value)
    }

    pub fn label_fr(self) -> &'static str {
        match self {
            DeclarationStatus::Submitted => "Transmise",
            DeclarationStatus::InProgress => "En cours de traitement",
            DeclarationStatus::Processed => "Traitée",
            DeclarationStatus::Replaced => "Remplacée",
        }
    }
}

/// What is declared, by kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DeclarationFields {
    /// The July rent of the open campaign's year.
    Rent {
        /// Rent excluding charges.
        #[cfg_attr(feature = "server", schema(minimum = 1, maximum = 10_000_000))]
        rent_cents: i64,
        #[cfg_attr(feature = "server", schema(minimum = 0, maximum = 10_000_000))]
        charges_cents: i64,
    },
    /// The debt reached the legal threshold (CCH art. R824-1) on `reached_on`.
    UnpaidRent {
        /// At least the lease's threshold (`unpaid_rent_threshold_cents` of the tenant).
        #[cfg_attr(feature = "server", schema(minimum = 1, maximum = 10_000_000))]
        debt_cents: i64,
        #[serde(with = "iso_date")]
        #[cfg_attr(feature = "server", schema(value_type = String, format = Date))]
        reached_on: Date,
    },
    MovingOut {
        #[serde(with = "iso_date")]
        #[cfg_attr(feature = "server", schema(value_type = String, format = Date))]
        date: Date,
    },
    CoTenancy {
        /// The new number of co-tenants, 1 to 20, other than the current one.
        #[cfg_attr(feature = "server", schema(minimum = 1, maximum = 20))]
        co_tenants: i32,
        #[serde(with = "iso_date")]
        #[cfg_attr(feature = "server", schema(value_type = String, format = Date))]
        date: Date,
    },
    Death {
        #[serde(with = "iso_date")]
        #[cfg_attr(feature = "server", schema(value_type = String, format = Date))]
        date: Date,
    },
    EndOfManagement {
        #[serde(with = "iso_date")]
        #[cfg_attr(feature = "server", schema(value_type = String, format = Date))]
        date: Date,
        /// The new owner or manager, when known.
        #[serde(default)]
        #[cfg_attr(feature = "server", schema(value_type = Option<crate::validated::schema::NewManagerName>))]
        new_manager: Option<String>,
    },
}

impl DeclarationFields {
    pub fn kind(&self) -> DeclarationKind {
        match self {
            DeclarationFields::Rent { .. } => DeclarationKind::Rent,
            DeclarationFields::UnpaidRent { .. } => DeclarationKind::UnpaidRent,
            DeclarationFields::MovingOut { .. } => DeclarationKind::MovingOut,
            DeclarationFields::CoTenancy { .. } => DeclarationKind::CoTenancy,
            DeclarationFields::Death { .. } => DeclarationKind::Death,
            DeclarationFields::EndOfManagement { .. } => DeclarationKind::EndOfManagement,
        }
    }
}

/// `POST /declarations`: one or several declarations about one tenant, accepted all together
/// or not at all. At most one of each kind.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SubmitDeclarations {
    pub tenant_id: TenantId,
    /// At least one; at most one of each kind.
    #[cfg_attr(feature = "server", schema(min_items = 1, max_items = 6))]
    pub declarations: Vec<DeclarationFields>,
}

/// One step of a declaration's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct StatusChange {
    pub status: DeclarationStatus,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
}

/// A declaration as the landlord sees it; its `reference` is the receipt's number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Declaration {
    pub id: DeclarationId,
    #[cfg_attr(feature = "server", schema(example = "DB26-7KQ2-M9XH"))]
    pub reference: String,
    pub tenant_id: TenantId,
    pub beneficiary_number: String,
    pub tenant_name: String,
    pub kind: DeclarationKind,
    pub status: DeclarationStatus,
    /// A declaration made more than two months after the debt reached the threshold (R824-4).
    pub late: bool,
    pub campaign_year: Option<i32>,
    pub fields: DeclarationFields,
    #[serde(with = "time::serde::rfc3339")]
    pub submitted_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub processed_at: Option<OffsetDateTime>,
    /// Oldest first.
    pub history: Vec<StatusChange>,
}

/// `201` to `POST /declarations`: the declarations created, in the order sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SubmittedDeclarations {
    pub items: Vec<Declaration>,
}

/// A page of declarations, newest first; `page` starts at 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct DeclarationPage {
    pub items: Vec<Declaration>,
    pub total: u64,
    pub page: u64,
    pub page_size: u64,
}

/// `?tenant=&kind=&status=&page=` of the declaration list.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::IntoParams))]
pub struct DeclarationQuery {
    #[serde(default)]
    pub tenant: Option<i32>,
    #[serde(default)]
    pub kind: Option<DeclarationKind>,
    #[serde(default)]
    pub status: Option<DeclarationStatus>,
    /// From 1 to 100,000.
    #[serde(default)]
    #[cfg_attr(feature = "server", param(value_type = Option<u32>, minimum = 1, maximum = 100000))]
    pub page: Option<crate::PageNumber>,
}

//! Public data of a Caf office: contact addresses and notices (R-SPACE-2).
use crate::CafNumber;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CafOffice {
    pub number: CafNumber,
    /// e.g. "Caisse d'allocations familiales de Loire-Atlantique"
    pub name: String,
    /// e.g. "Loire-Atlantique"
    pub department_name: String,
    pub postal_address: String,
    pub contacts: Vec<CafContact>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ContactKind {
    Email,
    Web,
    Phone,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CafContact {
    pub kind: ContactKind,
    pub label: String,
    pub value: String,
}

/// A notice ("À savoir") published by a Caf for its landlords.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Notice {
    pub id: i32,
    pub title: String,
    pub body: String,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "server", schema(value_type = String, format = DateTime))]
    pub published_at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct NoticeList {
    pub caf: CafNumber,
    pub items: Vec<Notice>,
}

/// The average time the Caf took to process one kind of declaration (R-SPACE-6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ProcessingDelay {
    pub kind: crate::declarations::DeclarationKind,
    /// From submission to processing, averaged over the declarations processed in the window;
    /// absent when there were none ("pas assez de données").
    pub average_minutes: Option<i64>,
    pub samples: u64,
}

/// `GET /cafs/{number}/delays`: one line per kind of declaration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ProcessingDelays {
    pub caf: CafNumber,
    /// The days before `computed_at` whose processed declarations are averaged.
    pub window_days: u32,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "server", schema(value_type = String, format = DateTime))]
    pub computed_at: OffsetDateTime,
    pub items: Vec<ProcessingDelay>,
}

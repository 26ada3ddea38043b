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

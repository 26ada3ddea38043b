//! RFC 9457 problem details: the only error body of the API (R-API-3).
use serde::{Deserialize, Serialize};

/// An error answer. `type` is stable (a URI the client can match on), `title` is French and
/// readable by a person, `errors` names each refused field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

/// One refused field: its name in the request, a stable code, a French message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct FieldError {
    pub field: String,
    pub code: String,
    pub message: String,
}

impl Problem {
    /// The media type every error answer carries.
    pub const CONTENT_TYPE: &'static str = "application/problem+json";
}

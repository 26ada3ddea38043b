//! "Mon profil" (R-PROF-1, R-PROF-2): the account's own data and its connection data.
use crate::auth::AccountSummary;
use crate::kinds::{AccountRole, PartnerKind};
use serde::{Deserialize, Serialize};

/// `GET /me`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Me {
    pub account: AccountSummary,
    #[cfg_attr(feature = "server", schema(example = "44100004010001"))]
    pub user_number: String,
    pub phone: Option<String>,
    pub mobile_phone: Option<String>,
    pub email: Option<String>,
    pub role: AccountRole,
    pub partner_kind: PartnerKind,
    /// Accounts sharing the email and the password, this one included (1 when not linked).
    pub linked_accounts: u32,
}

/// `PATCH /me`: only the fields present change; `null` clears a phone.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct UpdateMeRequest {
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub last_name: Option<String>,
    #[serde(default, with = "double_option")]
    #[cfg_attr(feature = "server", schema(value_type = Option<String>))]
    pub phone: Option<Option<String>>,
    #[serde(default, with = "double_option")]
    #[cfg_attr(feature = "server", schema(value_type = Option<String>))]
    pub mobile_phone: Option<Option<String>>,
}

/// `POST /me/email` (R-PROF-2, R-LINK-3, R-LINK-5).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ChangeEmailRequest {
    pub email: String,
    pub email_confirmation: String,
}

/// `POST /me/password` (R-PROF-2): the current password first.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ChangePasswordRequest {
    #[cfg_attr(feature = "server", schema(format = Password))]
    pub current_password: String,
}

/// Absent → `None`; `null` → `Some(None)`; a value → `Some(Some(v))`.
mod double_option {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Option<String>>, D::Error> {
        Option::<String>::deserialize(d).map(Some)
    }

    pub fn serialize<S: Serializer>(
        value: &Option<Option<String>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(inner) => inner.serialize(s),
            None => s.serialize_none(),
        }
    }
}

//! "Mon profil" (R-PROF-1, R-PROF-2): the account's own data and its connection data.
use crate::auth::AccountSummary;
use crate::kinds::{AccountRole, PartnerKind};
use serde::{Deserialize, Serialize};

/// The most characters of a first or last name, once trimmed (Mon profil, the partner's users).
pub const PERSON_NAME_MAX_CHARS: usize = 80;

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
    #[cfg_attr(feature = "server", schema(value_type = Option<crate::validated::schema::PersonName>))]
    pub first_name: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "server", schema(value_type = Option<crate::validated::schema::PersonName>))]
    pub last_name: Option<String>,
    // Absent → `None`, `null` → `Some(None)`, a value → `Some(Some(v))`: the schema is an
    // optional, nullable `PhoneNumberOrBlank` (blank clears too).
    #[serde(default, with = "::serde_with::rust::double_option")]
    #[cfg_attr(feature = "server", schema(value_type = Option<crate::validated::schema::PhoneNumberOrBlank>))]
    pub phone: Option<Option<String>>,
    #[serde(default, with = "::serde_with::rust::double_option")]
    #[cfg_attr(feature = "server", schema(value_type = Option<crate::validated::schema::PhoneNumberOrBlank>))]
    pub mobile_phone: Option<Option<String>>,
}

/// `POST /me/email` (R-PROF-2, R-LINK-3, R-LINK-5).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ChangeEmailRequest {
    #[cfg_attr(feature = "server", schema(value_type = crate::Email))]
    pub email: String,
    /// The same address, as `Email` reads it.
    #[cfg_attr(feature = "server", schema(value_type = crate::Email))]
    pub email_confirmation: String,
}

/// `POST /me/password` (R-PROF-2): the current password first.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ChangePasswordRequest {
    #[cfg_attr(feature = "server", schema(format = Password))]
    pub current_password: String,
}

#[cfg(test)]
mod tests {
    use super::UpdateMeRequest;

    #[test]
    fn phones_tell_absent_from_null() {
        let absent: UpdateMeRequest = serde_json::from_str("{}").unwrap();
        assert_eq!(absent.phone, None);
        let cleared: UpdateMeRequest = serde_json::from_str(r#"{"phone":null}"#).unwrap();
        assert_eq!(cleared.phone, Some(None));
        let set: UpdateMeRequest = serde_json::from_str(r#"{"mobile_phone":"0601"}"#).unwrap();
        assert_eq!(set.mobile_phone, Some(Some("0601".to_owned())));
        assert_eq!(set.phone, None);
    }

    #[test]
    fn phones_serialize_as_before() {
        let request = UpdateMeRequest {
            first_name: None,
            last_name: None,
            phone: None,
            mobile_phone: Some(Some("0601".to_owned())),
        };
        assert_eq!(
            serde_json::to_string(&request).unwrap(),
            r#"{"first_name":null,"last_name":null,"phone":null,"mobile_phone":"0601"}"#
        );
        let cleared = UpdateMeRequest {
            phone: Some(None),
            ..request
        };
        assert_eq!(
            serde_json::to_value(&cleared).unwrap()["phone"],
            serde_json::Value::Null
        );
    }
}

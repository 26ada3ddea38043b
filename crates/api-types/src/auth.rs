//! Signing in: the request bodies, the sign-in flow and its steps, the session tokens
//! (R-AUTH-1, R-AUTH-4, R-AUTH-8, R-OTP-1, R-OTP-2).
use crate::ids::AccountId;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// The header by which the web app asks for the refresh token in an HttpOnly cookie instead of
/// the body (third-party software keeps it in the body).
pub const REFRESH_TRANSPORT_HEADER: &str = "Bailleur-Refresh-Transport";
/// The cookie holding the web app's refresh token.
pub const REFRESH_COOKIE: &str = "bailleur_refresh";
/// The digits of a code mailed for the `otp` step (R-OTP-1).
pub const OTP_CODE_DIGITS: usize = 6;

/// `POST /auth/sign-in`: the identifier or the email, and the password.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SignInRequest {
    /// The identifier (`A6D5AZT301`) or the email; case and surrounding spaces do not matter.
    #[cfg_attr(feature = "server", schema(example = "A6D5AZT301"))]
    pub login: String,
    #[cfg_attr(feature = "server", schema(example = "Bailleur-Demo-2026!", format = Password))]
    pub password: String,
}

/// A step the user must still go through before the session starts, in the order they come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Enter and confirm an email, then validate it by a code (R-AUTH-4).
    ConfirmEmail,
    /// Enter the code mailed to the email (R-OTP-1, R-OTP-2).
    Otp,
    /// Replace a provisional password (R-AUTH-5, R-RESET-3).
    NewPassword,
    /// Accept the usage rules and the terms of use (R-AUTH-5).
    AcceptTerms,
    /// Choose among the accounts that share the email (R-AUTH-2).
    SelectAccount,
}

impl Step {
    pub const ALL: [Step; 5] = [
        Step::ConfirmEmail,
        Step::Otp,
        Step::NewPassword,
        Step::AcceptTerms,
        Step::SelectAccount,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Step::ConfirmEmail => "confirm_email",
            Step::Otp => "otp",
            Step::NewPassword => "new_password",
            Step::AcceptTerms => "accept_terms",
            Step::SelectAccount => "select_account",
        }
    }

    pub fn parse(value: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|step| step.as_str() == value)
    }
}

/// The code mailed for the current `otp` step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OtpStatus {
    /// Where the code went, partly hidden (`c•••••@rdport.example`).
    pub sent_to: String,
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
    /// Wrong codes still allowed before this code dies.
    pub attempts_left: u8,
}

/// A sign-in in progress: what is left to do before the session starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Flow {
    /// Put it in `/auth/flows/{id}/…` to continue.
    pub id: String,
    pub next_step: Step,
    pub steps_due: Vec<Step>,
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
    /// Present while the next step is `otp`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub otp: Option<OtpStatus>,
    /// When the flow links the account to others (R-LINK-3): how many accounts already use
    /// the new email; `/auth/flows/{id}/accounts` lists them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub linking_accounts: Option<u64>,
}

/// The signed-in account, as the header of the app shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct AccountSummary {
    pub id: AccountId,
    #[cfg_attr(feature = "server", schema(example = "A6D5AZT301"))]
    pub identifier: String,
    pub first_name: String,
    pub last_name: String,
    pub partner_name: String,
    #[cfg_attr(feature = "server", schema(example = "441"))]
    pub caf_number: String,
    pub role: crate::kinds::AccountRole,
}

/// The tokens of a session (R-AUTH-8).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SessionTokens {
    /// A JWT for `Authorization: Bearer`, valid `expires_in` seconds.
    pub access_token: String,
    #[cfg_attr(feature = "server", schema(example = "Bearer"))]
    pub token_type: String,
    pub expires_in: u32,
    /// Opaque, single use: `/auth/refresh` exchanges it for new tokens. Absent when the web app
    /// asked for it in a cookie.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    pub account: AccountSummary,
}

/// What a flow step answers: a step still due, the session (sign-in), or `completed` (a change
/// made from Mon profil, whose session goes on).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum SignInOutcome {
    StepDue { flow: Flow },
    SignedIn { session: SessionTokens },
    Completed,
}

/// `POST /auth/flows/{id}/email` (R-AUTH-4).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ConfirmEmailRequest {
    #[cfg_attr(feature = "server", schema(value_type = crate::Email))]
    pub email: String,
    /// The same address, as `Email` reads it.
    #[cfg_attr(feature = "server", schema(value_type = crate::Email))]
    pub email_confirmation: String,
}

/// `POST /auth/flows/{id}/otp` (R-OTP-1).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OtpRequest {
    #[cfg_attr(feature = "server", schema(value_type = crate::validated::schema::OtpCode))]
    pub code: String,
}

/// `POST /auth/refresh`: the body may carry the token; the web app's cookie is used otherwise.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct RefreshRequest {
    #[serde(default)]
    pub refresh_token: Option<String>,
}

/// `GET /session`: the account the session works on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SessionInfo {
    pub account: AccountSummary,
    /// How many accounts share this account's email (1 when not linked).
    pub accounts_sharing_email: u32,
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
}

/// One mail of the development outbox (only served when mails go to files).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OutboxMail {
    pub id: String,
    pub to: String,
    pub subject: String,
    #[serde(with = "time::serde::rfc3339")]
    pub sent_at: OffsetDateTime,
    pub text: String,
}

/// `POST /auth/flows/{id}/password` (R-AUTH-5, R-AUTH-6): replaces a provisional password.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct NewPasswordRequest {
    #[cfg_attr(feature = "server", schema(value_type = crate::validated::schema::NewPassword))]
    pub new_password: String,
    /// The same password.
    #[cfg_attr(feature = "server", schema(value_type = crate::validated::schema::NewPassword))]
    pub confirmation: String,
}

/// `POST /auth/flows/{id}/terms` (R-AUTH-5): both must be `true`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TermsRequest {
    #[cfg_attr(feature = "server", schema(value_type = crate::validated::schema::Accepted))]
    pub usage_rules: bool,
    #[cfg_attr(feature = "server", schema(value_type = crate::validated::schema::Accepted))]
    pub terms_of_use: bool,
}

/// One account of an email group, as the selection page lists it (R-AUTH-2, R-LINK-3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct AccountChoice {
    pub id: AccountId,
    #[cfg_attr(feature = "server", schema(example = "A6D5AZT301"))]
    pub identifier: String,
    /// The partner's SIRET, or its Tiers number when it has none.
    pub partner_number: String,
    pub partner_name: String,
    #[cfg_attr(feature = "server", schema(example = "441"))]
    pub caf_number: String,
}

/// A page of accounts; `page` starts at 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct AccountPage {
    pub items: Vec<AccountChoice>,
    pub total: u64,
    pub page: u64,
    pub page_size: u64,
}

/// `?q=&page=` of the account lists.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::IntoParams))]
pub struct AccountQuery {
    /// Part of the identifier, the SIRET or Tiers number, the name or the Caf number.
    #[serde(default)]
    pub q: Option<String>,
    /// From 1 to 100,000.
    #[serde(default)]
    #[cfg_attr(feature = "server", param(value_type = Option<u32>, minimum = 1, maximum = 100000))]
    pub page: Option<crate::PageNumber>,
}

/// `POST /auth/flows/{id}/accounts` (R-AUTH-2).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SelectAccountRequest {
    pub account_id: AccountId,
}

/// `POST /captcha` (R-RESET-1): find `nonce` such that SHA-256(`token` ":" `nonce` in decimal)
/// starts with `difficulty` zero bits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CaptchaChallenge {
    pub token: String,
    pub difficulty: u32,
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
}

/// A solved captcha.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CaptchaAnswer {
    pub token: String,
    pub nonce: u64,
}

/// `POST /auth/recovery` (R-RESET-1): the identifier or the email, and the solved captcha.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct RecoveryRequest {
    pub login: String,
    pub captcha: CaptchaAnswer,
}

/// The proof of work of the captcha: leading zero bits of SHA-256(`token` ":" `nonce` in
/// decimal). One definition for the server that checks it and the app that solves it.
pub fn captcha_work(token: &str, nonce: u64) -> u32 {
    use sha2::{Digest, Sha256};
    let digest = Sha256::new()
        .chain_update(token.as_bytes())
        .chain_update(b":")
        .chain_update(nonce.to_string().as_bytes())
        .finalize();
    let mut bits = 0;
    for byte in digest {
        if byte == 0 {
            bits += 8;
        } else {
            bits += byte.leading_zeros();
            break;
        }
    }
    bits
}

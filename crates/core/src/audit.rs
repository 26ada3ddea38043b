//! The audit log of security events (R-OPS-3). Written in the same transaction as the change it
//! records when there is one, so that the log and the data never disagree.
use bailleur_api_types::AccountId;
use bailleur_entity::audit_event;
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, Set};
use time::OffsetDateTime;

/// The kinds of event, as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditKind {
    SignInSucceeded,
    SignInFailed,
    SignInLocked,
    OtpSent,
    OtpValidated,
    OtpFailed,
    EmailConfirmed,
    RefreshTokenReused,
    SignedOut,
    PasswordChanged,
    TermsAccepted,
    AccountSelected,
    AccountSwitched,
    BecameAdministrator,
    EmailChanged,
    AccountLinked,
    AccountDetached,
    UserCreated,
    UserDisabled,
    UserEnabled,
    PasswordResetRequested,
    LetterIssued,
    PartnerUpdated,
    BankDetailsChanged,
    ApiClientCreated,
    ApiClientSecretRotated,
    ApiClientRevoked,
    ApiTokenIssued,
    ApiTokenRefused,
}

impl AuditKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditKind::SignInSucceeded => "sign_in_succeeded",
            AuditKind::SignInFailed => "sign_in_failed",
            AuditKind::SignInLocked => "sign_in_locked",
            AuditKind::OtpSent => "otp_sent",
            AuditKind::OtpValidated => "otp_validated",
            AuditKind::OtpFailed => "otp_failed",
            AuditKind::EmailConfirmed => "email_confirmed",
            AuditKind::RefreshTokenReused => "refresh_token_reused",
            AuditKind::SignedOut => "signed_out",
            AuditKind::PasswordChanged => "password_changed",
            AuditKind::TermsAccepted => "terms_accepted",
            AuditKind::AccountSelected => "account_selected",
            AuditKind::AccountSwitched => "account_switched",
            AuditKind::BecameAdministrator => "became_administrator",
            AuditKind::EmailChanged => "email_changed",
            AuditKind::AccountLinked => "account_linked",
            AuditKind::AccountDetached => "account_detached",
            AuditKind::UserCreated => "user_created",
            AuditKind::UserDisabled => "user_disabled",
            AuditKind::UserEnabled => "user_enabled",
            AuditKind::PasswordResetRequested => "password_reset_requested",
            AuditKind::LetterIssued => "letter_issued",
            AuditKind::PartnerUpdated => "partner_updated",
            AuditKind::BankDetailsChanged => "bank_details_changed",
            AuditKind::ApiClientCreated => "api_client_created",
            AuditKind::ApiClientSecretRotated => "api_client_secret_rotated",
            AuditKind::ApiClientRevoked => "api_client_revoked",
            AuditKind::ApiTokenIssued => "api_token_issued",
            AuditKind::ApiTokenRefused => "api_token_refused",
        }
    }
}

/// One event. `detail` is JSON; it never holds a password, a code or a token.
pub async fn record(
    db: &impl ConnectionTrait,
    at: OffsetDateTime,
    kind: AuditKind,
    account_id: Option<AccountId>,
    client_address: Option<&str>,
    detail: serde_json::Value,
) -> Result<(), DbErr> {
    audit_event::Entity::insert(audit_event::ActiveModel {
        at: Set(at),
        kind: Set(kind.as_str().to_owned()),
        account_id: Set(account_id),
        client_address: Set(client_address.map(str::to_owned)),
        detail: Set(detail.to_string()),
        ..Default::default()
    })
    .exec_without_returning(db)
    .await
    .map(|_| ())
}

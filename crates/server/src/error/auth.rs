//! How the sign-in use cases' errors answer (R-AUTH-7, R-OTP-4, R-AUTH-8).
use super::ApiError;
use bailleur_api_types::FieldError;
use bailleur_api_types::auth::Step;
use bailleur_core::auth::captcha::CaptchaError;
use bailleur_core::auth::flow::FlowError;
use bailleur_core::auth::otp::OtpError;
use bailleur_core::auth::password::PasswordChangeError;
use bailleur_core::auth::recovery::RecoveryError;
use bailleur_core::auth::sign_in::SignInError;
use bailleur_core::hashing::PasswordServiceError;
use bailleur_core::letters::LetterError;
use bailleur_core::linking::NotShareable;
use bailleur_core::profile::ProfileError;
use time::Duration;

pub(super) fn field(field: &str, code: &str, message: String) -> ApiError {
    ApiError::Invalid(vec![FieldError {
        field: field.to_owned(),
        code: code.to_owned(),
        message,
    }])
}

fn seconds(wait: Duration) -> i64 {
    // Rounded up: a client retrying at once after the given time is never refused.
    let whole = wait.whole_seconds();
    if wait > Duration::seconds(whole) {
        whole + 1
    } else {
        whole
    }
    .max(1)
}

fn step_name_fr(step: Step) -> &'static str {
    match step {
        Step::ConfirmEmail => "la validation de l'adresse mail",
        Step::Otp => "la saisie du code",
        Step::NewPassword => "le choix d'un nouveau mot de passe",
        Step::AcceptTerms => "l'acceptation des conditions d'utilisation",
        Step::SelectAccount => "la sélection du compte",
    }
}

impl From<SignInError> for ApiError {
    fn from(error: SignInError) -> Self {
        match error {
            SignInError::InvalidCredentials => Self::InvalidCredentials,
            SignInError::AddressThrottled { retry_after } => Self::TooManyRequests {
                kind: "too-many-sign-in-failures",
                title: "Trop de tentatives de connexion depuis votre réseau : réessayez dans quelques minutes",
                retry_after_seconds: seconds(retry_after),
            },
            SignInError::Flow(error) => error.into(),
            SignInError::Password(error) => error.into(),
            other @ SignInError::Database(_) => Self::Unexpected(other.into()),
        }
    }
}

impl From<FlowError> for ApiError {
    fn from(error: FlowError) -> Self {
        match error {
            FlowError::NotFound => Self::NotFound(
                "Cette connexion a expiré ou est terminée : recommencez depuis la page de connexion.",
            ),
            FlowError::WrongStep { expected } => Self::Conflict {
                kind: "wrong-step",
                title: "Cette étape n'est pas celle attendue",
                detail: format!("L'étape attendue est {}.", step_name_fr(expected)),
            },
            FlowError::InvalidEmail(format) => Self::field("email", format),
            FlowError::EmailMismatch => field(
                "email_confirmation",
                "mismatch",
                "Les deux adresses mail saisies ne sont pas identiques.".to_owned(),
            ),
            FlowError::Password(error) => error.into(),
            FlowError::TermsRefused {
                usage_rules,
                terms_of_use,
            } => {
                let mut errors = Vec::new();
                if !usage_rules {
                    errors.push(("usage_rules", "Vous devez accepter les règles d'usage."));
                }
                if !terms_of_use {
                    errors.push((
                        "terms_of_use",
                        "Vous devez accepter les conditions générales d'utilisation.",
                    ));
                }
                Self::Invalid(
                    errors
                        .into_iter()
                        .map(|(field, message)| FieldError {
                            field: field.to_owned(),
                            code: "required".to_owned(),
                            message: message.to_owned(),
                        })
                        .collect(),
                )
            }
            FlowError::NotInGroup => field(
                "account_id",
                "not_in_group",
                "Ce compte ne partage pas votre adresse mail.".to_owned(),
            ),
            FlowError::NotShareable(_) => ProfileError::NotShareable(NotShareable).into(),
            FlowError::Otp(error) => error.into(),
            FlowError::Session(error) => error.into(),
            other @ (FlowError::Corrupt(_) | FlowError::Database(_)) => {
                Self::Unexpected(other.into())
            }
        }
    }
}

impl From<PasswordChangeError> for ApiError {
    fn from(error: PasswordChangeError) -> Self {
        match error {
            PasswordChangeError::Policy(rules) => Self::Invalid(
                rules
                    .into_iter()
                    .map(|rule| FieldError {
                        field: "new_password".to_owned(),
                        code: rule.code().to_owned(),
                        message: format!("Le mot de passe doit contenir {}.", rule.label_fr()),
                    })
                    .collect(),
            ),
            PasswordChangeError::Mismatch => field(
                "confirmation",
                "mismatch",
                "La confirmation ne correspond pas au mot de passe.".to_owned(),
            ),
            PasswordChangeError::Hashing(error) => error.into(),
            other @ PasswordChangeError::Database(_) => Self::Unexpected(other.into()),
        }
    }
}

impl From<RecoveryError> for ApiError {
    fn from(error: RecoveryError) -> Self {
        match error {
            RecoveryError::Captcha(CaptchaError::Invalid) => field(
                "captcha",
                "invalid",
                "La vérification de sécurité a expiré ou a déjà servi : recommencez.".to_owned(),
            ),
            RecoveryError::Captcha(CaptchaError::NotSolved) => field(
                "captcha",
                "not_solved",
                "La vérification de sécurité n'est pas résolue.".to_owned(),
            ),
            RecoveryError::Flow(error) => error.into(),
            RecoveryError::Otp(error) => error.into(),
            RecoveryError::Password(error) => error.into(),
            RecoveryError::Letter(error) => error.into(),
            other @ (RecoveryError::Captcha(CaptchaError::Database(_))
            | RecoveryError::Database(_)) => Self::Unexpected(other.into()),
        }
    }
}

/// The recovery letter's password could not be made or its account has no partner: a fault.
impl From<LetterError> for ApiError {
    fn from(error: LetterError) -> Self {
        match error {
            other
            @ (LetterError::Hash(_) | LetterError::Dangling(_) | LetterError::Database(_)) => {
                Self::Unexpected(other.into())
            }
        }
    }
}

impl From<OtpError> for ApiError {
    fn from(error: OtpError) -> Self {
        match error {
            OtpError::Malformed => field(
                "code",
                "format",
                "Le code se compose de 6 chiffres.".to_owned(),
            ),
            OtpError::Wrong { attempts_left } => field(
                "code",
                "wrong",
                format!(
                    "Le code saisi est incorrect. Il vous reste {attempts_left} essai{}.",
                    if attempts_left > 1 { "s" } else { "" }
                ),
            ),
            OtpError::Expired => field(
                "code",
                "expired",
                "Ce code a expiré ou a été remplacé : demandez un nouveau code.".to_owned(),
            ),
            OtpError::Exhausted => field(
                "code",
                "exhausted",
                "Trop de codes incorrects : ce code n'est plus valable, demandez un nouveau code."
                    .to_owned(),
            ),
            OtpError::TooManySends { retry_after } => Self::TooManyRequests {
                kind: "too-many-codes",
                title: "Trop de codes envoyés à cette adresse : réessayez dans quelques minutes",
                retry_after_seconds: seconds(retry_after),
            },
            OtpError::Mail(error) => Self::Unavailable(error.into()),
            other @ OtpError::Database(_) => Self::Unexpected(other.into()),
        }
    }
}

impl From<PasswordServiceError> for ApiError {
    fn from(error: PasswordServiceError) -> Self {
        match error {
            // The hashing queue is full: a client retrying in a second finds room.
            PasswordServiceError::Busy => Self::Overloaded {
                retry_after_seconds: 1,
            },
            other @ (PasswordServiceError::Hash(_) | PasswordServiceError::Stopped) => {
                Self::Unexpected(other.into())
            }
        }
    }
}

//! How the sign-in use cases' errors answer (R-AUTH-7, R-OTP-4, R-AUTH-8).
use super::ApiError;
use bailleur_api_types::FieldError;
use bailleur_api_types::auth::Step;
use bailleur_core::auth::captcha::CaptchaError;
use bailleur_core::auth::flow::FlowError;
use bailleur_core::auth::otp::OtpError;
use bailleur_core::auth::password::PasswordChangeError;
use bailleur_core::auth::recovery::RecoveryError;
use bailleur_core::auth::session::SessionError;
use bailleur_core::auth::sign_in::SignInError;
use bailleur_core::auth::switch::SwitchError;
use bailleur_core::changes::ChangeError;
use bailleur_core::hashing::PasswordServiceError;
use bailleur_core::linking::NotShareable;
use bailleur_core::profile::ProfileError;
use time::Duration;

fn field(field: &str, code: &str, message: String) -> ApiError {
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
            other => Self::Unexpected(other.into()),
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
            other => Self::Unexpected(other.into()),
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
            other => Self::Unexpected(other.into()),
        }
    }
}

impl From<ProfileError> for ApiError {
    fn from(error: ProfileError) -> Self {
        match error {
            ProfileError::Invalid(errors) => Self::Invalid(errors),
            ProfileError::WrongCurrentPassword => field(
                "current_password",
                "wrong",
                "Le mot de passe actuel est incorrect.".to_owned(),
            ),
            ProfileError::NoEmail => Self::Conflict {
                kind: "no-email",
                title: "Votre compte n'a pas d'adresse mail",
                detail: "Une adresse mail validée est nécessaire pour recevoir le code.".to_owned(),
            },
            ProfileError::SameEmail => field(
                "email",
                "unchanged",
                "C'est déjà l'adresse mail de votre compte.".to_owned(),
            ),
            ProfileError::NotShareable(_) => field(
                "email",
                "not_shareable",
                "Cette adresse mail ne peut pas être utilisée pour ce compte : l'adresse d'un bailleur \
                 physique est propre à un seul compte, et deux utilisateurs d'un même bailleur ne \
                 partagent pas une adresse."
                    .to_owned(),
            ),
            ProfileError::TakenMeanwhile => Self::Conflict {
                kind: "email-taken-meanwhile",
                title: "Cette adresse mail vient d'être prise par d'autres comptes",
                detail: "Recommencez la modification : le mot de passe commun vous sera demandé."
                    .to_owned(),
            },
            ProfileError::Password(error) => error.into(),
            ProfileError::Flow(error) => error.into(),
            ProfileError::Mail(error) => Self::Unavailable(error.into()),
            other => Self::Unexpected(other.into()),
        }
    }
}

impl From<ChangeError> for ApiError {
    fn from(error: ChangeError) -> Self {
        match error {
            ChangeError::Flow(error) => error.into(),
            ChangeError::Profile(error) => error.into(),
            ChangeError::PartnerData(error) => error.into(),
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
            other => Self::Unexpected(other.into()),
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
            other => Self::Unexpected(other.into()),
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
            other => Self::Unexpected(other.into()),
        }
    }
}

impl From<SwitchError> for ApiError {
    fn from(error: SwitchError) -> Self {
        match error {
            SwitchError::NotInGroup => field(
                "account_id",
                "not_in_group",
                "Ce compte ne partage pas votre adresse mail.".to_owned(),
            ),
            SwitchError::Session(error) => error.into(),
            other => Self::Unexpected(other.into()),
        }
    }
}

impl From<SessionError> for ApiError {
    fn from(error: SessionError) -> Self {
        match error {
            SessionError::Unauthenticated | SessionError::RefreshReused => Self::Unauthenticated,
            other => Self::Unexpected(other.into()),
        }
    }
}

//! How the profile and confirmed-change use cases answer (email, password, partner data).
use super::ApiError;
use super::auth::field;
use bailleur_core::changes::ChangeError;
use bailleur_core::profile::ProfileError;

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
            ProfileError::Account(error) => error.into(),
            ProfileError::Password(error) => error.into(),
            ProfileError::Flow(error) => error.into(),
            ProfileError::Mail(error) => Self::Unavailable(error.into()),
            other @ (ProfileError::Corrupt(_) | ProfileError::Database(_)) => {
                Self::Unexpected(other.into())
            }
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

//! How the partner-users use case answers (R-AUTH-5).
use super::ApiError;
use bailleur_api_types::FieldError;
use bailleur_core::partner_data::PartnerDataError;
use bailleur_core::partner_users::PartnerUsersError;

impl From<PartnerUsersError> for ApiError {
    fn from(error: PartnerUsersError) -> Self {
        match error {
            PartnerUsersError::NotAdministrator => {
                Self::Forbidden("Seul l'administrateur du bailleur gère ses utilisateurs.")
            }
            PartnerUsersError::NotFound => {
                Self::NotFound("Aucun utilisateur de votre organisme ne porte cet identifiant.")
            }
            PartnerUsersError::SelfDisable => Self::Conflict {
                kind: "self-disable",
                title: "Vous ne pouvez pas désactiver votre propre compte",
                detail: "Un autre administrateur doit le faire.".to_owned(),
            },
            PartnerUsersError::PhysicalPartner(_) => Self::Conflict {
                kind: "physical-partner",
                title: "Un bailleur physique n'a qu'un compte par département",
                detail: "Il ne peut pas créer d'autres utilisateurs.".to_owned(),
            },
            PartnerUsersError::Invalid(errors) => Self::Invalid(errors),
            PartnerUsersError::NotShareable(_) => Self::Invalid(vec![FieldError {
                field: "email".to_owned(),
                code: "not_shareable".to_owned(),
                message: "Cette adresse mail est déjà celle d'un autre utilisateur de votre \
                          organisme ou d'un bailleur physique : chaque utilisateur a son adresse \
                          personnelle."
                    .to_owned(),
            }]),
            // A full hashing queue answers 503 with `Retry-After`, as the contract says.
            PartnerUsersError::Password(error) => error.into(),
            other @ (PartnerUsersError::Mail(_) | PartnerUsersError::Database(_)) => {
                Self::Unexpected(other.into())
            }
        }
    }
}

impl From<PartnerDataError> for ApiError {
    fn from(error: PartnerDataError) -> Self {
        match error {
            PartnerDataError::Invalid(errors) => Self::Invalid(errors),
            PartnerDataError::NotAdministrator => Self::Forbidden(
                "Seul l'administrateur du bailleur modifie son adresse, ses coordonnées bancaires \
                 et le versement de l'aide.",
            ),
            PartnerDataError::NotFound => Self::Unauthenticated,
            PartnerDataError::Flow(error) => error.into(),
            PartnerDataError::NoEmail => Self::Conflict {
                kind: "no-email",
                title: "Votre compte n'a pas d'adresse mail",
                detail: "Une adresse mail validée est nécessaire pour recevoir le code.".to_owned(),
            },
            // A mail failure answers 500 here (503 in the profile use cases).
            other @ (PartnerDataError::Corrupt(_)
            | PartnerDataError::Mail(_)
            | PartnerDataError::Database(_)) => Self::Unexpected(other.into()),
        }
    }
}

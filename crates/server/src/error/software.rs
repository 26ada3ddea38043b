//! How the API clients and idempotency keys answer (R-API-2). The token endpoint answers RFC
//! 6749's errors itself (`routes::oauth::token`).
use super::ApiError;
use bailleur_core::idempotency::{IdempotencyError, MalformedKey};
use bailleur_core::software::ClientsError;

impl From<ClientsError> for ApiError {
    fn from(error: ClientsError) -> Self {
        match error {
            ClientsError::NotAdministrator => {
                Self::Forbidden("Seul l'administrateur du bailleur gère ses accès API.")
            }
            ClientsError::NotFound => {
                Self::NotFound("Aucun accès API actif de votre organisme ne porte cet identifiant.")
            }
            ClientsError::Invalid(errors) => Self::Invalid(errors),
            other @ ClientsError::Database(_) => Self::Unexpected(other.into()),
        }
    }
}

impl<E: Into<ApiError>> From<IdempotencyError<E>> for ApiError {
    fn from(error: IdempotencyError<E>) -> Self {
        match error {
            IdempotencyError::Reused => Self::IdempotencyKeyReused,
            IdempotencyError::InFlight => Self::Conflict {
                kind: "idempotency-key-in-flight",
                title: "Une requête avec cette clé d'idempotence est en cours",
                detail: "Attendez sa réponse, puis renvoyez la requête avec la même clé : \
                         sa réponse sera rejouée."
                    .to_owned(),
            },
            IdempotencyError::Work(error) => error.into(),
            IdempotencyError::Database(error) => Self::Unexpected(error.into()),
        }
    }
}

impl From<MalformedKey> for ApiError {
    fn from(_: MalformedKey) -> Self {
        Self::Invalid(vec![bailleur_api_types::FieldError {
            field: "Idempotency-Key".to_owned(),
            code: "format".to_owned(),
            message: "La clé d'idempotence compte de 1 à 255 caractères ASCII imprimables."
                .to_owned(),
        }])
    }
}

//! The one place where errors become HTTP answers: RFC 9457 problem+json (R-API-3).
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use bailleur_api_types::{FieldError, FormatError, Problem};
use bailleur_core::cafs::CafError;

/// An error answer. Unexpected errors keep their cause for the log and show nothing of it.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("not found: {0}")]
    NotFound(&'static str),
    #[error("invalid request")]
    Invalid(Vec<FieldError>),
    #[error("unexpected: {0:#}")]
    Unexpected(anyhow::Error),
}

impl ApiError {
    pub fn field(field: &str, error: FormatError) -> Self {
        Self::Invalid(vec![FieldError {
            field: field.to_owned(),
            code: error.code().to_owned(),
            message: error.message_fr(),
        }])
    }

    pub fn problem(&self) -> Problem {
        let (kind, title, detail, errors) = match self {
            Self::NotFound(what) => ("not-found", "Ressource introuvable", Some(*what), vec![]),
            Self::Invalid(errors) => (
                "validation",
                "Certaines informations saisies sont incorrectes",
                None,
                errors.clone(),
            ),
            Self::Unexpected(_) => (
                "internal",
                "Une erreur inattendue est survenue, veuillez réessayer",
                None,
                vec![],
            ),
        };
        Problem {
            kind: format!("/problems/{kind}"),
            title: title.to_owned(),
            status: self.status_code().as_u16(),
            detail: detail.map(str::to_owned),
            errors,
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::NotFound(_) => StatusCode::NOT_FOUND,
            Self::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Unexpected(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let Self::Unexpected(cause) = self {
            tracing::error!(error = %format!("{cause:#}"), "unexpected error");
        }
        HttpResponse::build(self.status_code())
            .content_type(Problem::CONTENT_TYPE)
            .json(self.problem())
    }
}

impl From<CafError> for ApiError {
    fn from(error: CafError) -> Self {
        match error {
            CafError::NotFound => Self::NotFound("Aucune Caf ne porte ce numéro."),
            other => Self::Unexpected(other.into()),
        }
    }
}

//! The one place where errors become HTTP answers: RFC 9457 problem+json (R-API-3).
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use bailleur_api_types::{FieldError, FormatError, Problem};

mod auth;
mod partner;
mod profile;
mod session;
mod software;
mod tenancy;

/// An error answer. Unexpected errors keep their cause for the log and show nothing of it.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("not found: {0}")]
    NotFound(&'static str),
    #[error("invalid request")]
    Invalid(Vec<FieldError>),
    /// No valid session: a missing, forged, expired or revoked token.
    #[error("unauthenticated")]
    Unauthenticated,
    /// The one answer to an unknown login, a wrong password or a locked account (R-AUTH-7).
    #[error("invalid credentials")]
    InvalidCredentials,
    #[error("too many requests ({kind}), retry after {retry_after_seconds} s")]
    TooManyRequests {
        kind: &'static str,
        title: &'static str,
        retry_after_seconds: i64,
    },
    /// Signed in, but not allowed to do this.
    #[error("forbidden: {0}")]
    Forbidden(&'static str),
    /// Software called an endpoint that only makes sense for a person (R-API-2).
    #[error("person-only endpoint")]
    PersonOnly,
    /// A client token without the scope this endpoint needs (RFC 6750 §3.1).
    #[error("insufficient scope: {0}")]
    InsufficientScope(bailleur_api_types::software::Scope),
    /// A path of the contract asked with a method it does not answer.
    #[error("method not allowed (allowed: {allow})")]
    MethodNotAllowed { allow: String },
    /// The `Idempotency-Key` was used with another request (R-API-2).
    #[error("idempotency key reused with another request")]
    IdempotencyKeyReused,
    #[error("conflict ({kind})")]
    Conflict {
        kind: &'static str,
        title: &'static str,
        detail: String,
    },
    /// Too much work waiting (the hashing queue is full): retry after the given time.
    #[error("overloaded, retry after {retry_after_seconds} s")]
    Overloaded { retry_after_seconds: i64 },
    /// A dependency (the mail relay) failed; the request may be retried.
    #[error("unavailable: {0:#}")]
    Unavailable(anyhow::Error),
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
            Self::Unauthenticated => (
                "unauthenticated",
                "Votre session a expiré ou n'est pas valide : veuillez vous reconnecter",
                None,
                vec![],
            ),
            Self::InvalidCredentials => (
                "invalid-credentials",
                "Identifiant, adresse mail ou mot de passe incorrect",
                Some(
                    "Vérifiez votre saisie. Après plusieurs essais infructueux, la connexion est \
                     suspendue quelques minutes.",
                ),
                vec![],
            ),
            Self::TooManyRequests { kind, title, .. } => (*kind, *title, None, vec![]),
            Self::Forbidden(detail) => (
                "forbidden",
                "Vous n'avez pas le droit de faire cette action",
                Some(*detail),
                vec![],
            ),
            Self::PersonOnly => (
                "person-only",
                "Cette opération est réservée aux utilisateurs connectés",
                Some("Un logiciel (jeton d'accès API) ne peut pas appeler cette opération."),
                vec![],
            ),
            Self::InsufficientScope(_) => (
                "insufficient-scope",
                "Ce jeton d'accès n'autorise pas cette opération",
                Some("Demandez un jeton avec l'autorisation nommée dans WWW-Authenticate."),
                vec![],
            ),
            Self::MethodNotAllowed { .. } => (
                "method-not-allowed",
                "Cette ressource ne répond pas à cette méthode",
                Some("L'en-tête Allow donne les méthodes acceptées."),
                vec![],
            ),
            Self::IdempotencyKeyReused => (
                "idempotency-key-reused",
                "Cette clé d'idempotence a déjà servi pour une autre requête",
                Some("Une même Idempotency-Key ne vaut que pour une même requête."),
                vec![],
            ),
            Self::Conflict {
                kind,
                title,
                detail,
            } => (*kind, *title, Some(detail.as_str()), vec![]),
            Self::Overloaded { .. } => (
                "overloaded",
                "Le service est très sollicité : réessayez dans un instant",
                None,
                vec![],
            ),
            Self::Unavailable(_) => (
                "unavailable",
                "Le service est momentanément indisponible, veuillez réessayer",
                None,
                vec![],
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
            Self::Unauthenticated | Self::InvalidCredentials => StatusCode::UNAUTHORIZED,
            Self::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Conflict { .. } => StatusCode::CONFLICT,
            Self::Forbidden(_) | Self::PersonOnly | Self::InsufficientScope(_) => {
                StatusCode::FORBIDDEN
            }
            Self::IdempotencyKeyReused => StatusCode::UNPROCESSABLE_ENTITY,
            Self::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            Self::Unavailable(_) | Self::Overloaded { .. } => StatusCode::SERVICE_UNAVAILABLE,
            Self::Unexpected(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            Self::Unexpected(cause) => {
                tracing::error!(error = %format!("{cause:#}"), "unexpected error");
            }
            Self::Unavailable(cause) => {
                tracing::warn!(error = %format!("{cause:#}"), "dependency unavailable");
            }
            Self::NotFound(_)
            | Self::Invalid(_)
            | Self::Unauthenticated
            | Self::InvalidCredentials
            | Self::TooManyRequests { .. }
            | Self::Forbidden(_)
            | Self::PersonOnly
            | Self::InsufficientScope(_)
            | Self::IdempotencyKeyReused
            | Self::MethodNotAllowed { .. }
            | Self::Conflict { .. }
            | Self::Overloaded { .. } => {}
        }
        let mut response = HttpResponse::build(self.status_code());
        match self {
            Self::Unauthenticated => {
                response.insert_header(("WWW-Authenticate", "Bearer"));
            }
            Self::MethodNotAllowed { allow } => {
                response.insert_header(("Allow", allow.as_str()));
            }
            Self::InsufficientScope(scope) => {
                response.insert_header((
                    "WWW-Authenticate",
                    format!("Bearer error=\"insufficient_scope\", scope=\"{scope}\""),
                ));
            }
            Self::TooManyRequests {
                retry_after_seconds,
                ..
            }
            | Self::Overloaded {
                retry_after_seconds,
            } => {
                response.insert_header(("Retry-After", retry_after_seconds.max(&1).to_string()));
            }
            Self::NotFound(_)
            | Self::Invalid(_)
            | Self::InvalidCredentials
            | Self::Forbidden(_)
            | Self::PersonOnly
            | Self::IdempotencyKeyReused
            | Self::Conflict { .. }
            | Self::Unavailable(_)
            | Self::Unexpected(_) => {}
        }
        response
            .content_type(Problem::CONTENT_TYPE)
            .json(self.problem())
    }
}

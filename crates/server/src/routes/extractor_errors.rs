//! Malformed bodies, paths and queries answer problem+json like every other error (R-API-3).
use crate::error::ApiError;
use actix_web::{HttpRequest, HttpResponse, error, web};
use bailleur_api_types::FieldError;

pub(crate) fn invalid(field: &str, message: String) -> actix_web::Error {
    ApiError::Invalid(vec![FieldError {
        field: field.to_owned(),
        code: "malformed".to_owned(),
        message,
    }])
    .into()
}

pub fn json_config() -> web::JsonConfig {
    web::JsonConfig::default()
        // A batch of 1,000 submissions with several declarations each fits (R-API-2).
        .limit(1024 * 1024)
        .error_handler(|error, _| {
            let message = match &error {
                error::JsonPayloadError::Deserialize(cause) => {
                    format!("Le contenu JSON est invalide : {cause}")
                }
                error::JsonPayloadError::ContentType => {
                    "Le contenu doit être envoyé en application/json.".to_owned()
                }
                _ => "Le contenu de la requête est illisible ou trop volumineux.".to_owned(),
            };
            invalid("body", message)
        })
}

pub fn path_config() -> web::PathConfig {
    web::PathConfig::default()
        .error_handler(|_, _| invalid("path", "Le chemin est invalide.".to_owned()))
}

pub fn query_config() -> web::QueryConfig {
    web::QueryConfig::default().error_handler(|error, _| {
        invalid(
            "query",
            format!("Les paramètres de la requête sont invalides : {error}"),
        )
    })
}

/// A path of the contract asked with another method is 405 with `Allow`; any other, 404.
pub async fn unknown_api_path(request: HttpRequest) -> Result<HttpResponse, ApiError> {
    let allowed = request
        .app_data::<web::Data<crate::allowed_methods::AllowedMethods>>()
        .and_then(|allowed| allowed.of(request.path()));
    match allowed {
        Some(allow) => Err(ApiError::MethodNotAllowed { allow }),
        None => Err(ApiError::NotFound(
            "Cette adresse ne correspond à aucune ressource de l'API.",
        )),
    }
}

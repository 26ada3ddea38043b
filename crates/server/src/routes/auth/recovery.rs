use crate::error::ApiError;
use crate::extractors::ClientAddress;
use crate::state::AppState;
use actix_web::{post, web};
use bailleur_api_types::Problem;
use bailleur_api_types::auth::{Flow, RecoveryRequest};

/// Forgotten password (R-RESET-1 … R-RESET-4): the identifier or the email and a solved
/// captcha. Answers a flow (`otp`, then `new_password`) whether or not the login exists; an
/// account without email gets a provisional password by post instead of a code.
#[utoipa::path(
    tag = "auth",
    operation_id = "start_recovery",
    summary = "Start a forgotten-password flow",
    request_body = RecoveryRequest,
    responses(
        (status = 200, body = Flow, description = "The same for every login, known or not"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "Missing login, or a security check not solved, expired or used"),
        (status = 503, body = Problem, content_type = "application/problem+json", description = "The password hashing queue is full: retry after `Retry-After` seconds"),
    )
)]
#[post("/auth/recovery")]
pub async fn handler(
    state: web::Data<AppState>,
    client: ClientAddress,
    body: crate::routes::body::Json<RecoveryRequest>,
) -> Result<web::Json<Flow>, ApiError> {
    if body.login.trim().is_empty() {
        return Err(ApiError::field(
            "login",
            bailleur_api_types::FormatError::Empty,
        ));
    }
    let flow = bailleur_core::auth::recovery::start(
        &state.auth,
        &state.db,
        state.clock.now(),
        &body.login,
        &body.captcha,
        Some(&client.0),
    )
    .await?;
    Ok(web::Json(flow))
}

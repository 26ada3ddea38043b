use crate::error::ApiError;
use crate::extractors::ClientAddress;
use crate::state::AppState;
use actix_web::{post, web};
use bailleur_api_types::Problem;
use bailleur_api_types::auth::Flow;

/// Mails a new code; the previous one dies (R-OTP-4). At most 5 codes per hour per address.
#[utoipa::path(
    tag = "auth",
    operation_id = "resend_code",
    summary = "Mail a new code for the otp step",
    params(("id" = String, Path, description = "The flow's id")),
    responses(
        (status = 200, body = Flow),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A malformed path, query or body: each refused field named"),
        (status = 429, body = Problem, content_type = "application/problem+json", description = "Too many codes sent to this address"),
        (status = 503, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/flows/{id}/otp/resend")]
pub async fn handler(
    state: web::Data<AppState>,
    client: ClientAddress,
    id: web::Path<String>,
) -> Result<web::Json<Flow>, ApiError> {
    let flow = bailleur_core::auth::flow::resend_code(
        &state.auth,
        &state.db,
        state.clock.now(),
        &id,
        Some(&client.0),
    )
    .await?;
    Ok(web::Json(flow))
}

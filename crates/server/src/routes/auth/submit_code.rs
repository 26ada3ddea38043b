use crate::error::ApiError;
use crate::extractors::ClientAddress;
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, post, web};
use bailleur_api_types::Problem;
use bailleur_api_types::auth::{OtpRequest, SignInOutcome};

/// The `otp` step (R-OTP-1, R-OTP-4): the 6-digit code mailed for this flow.
#[utoipa::path(
    tag = "auth",
    operation_id = "submit_code",
    summary = "Enter the code mailed for this flow (step otp)",
    params(("id" = String, Path, description = "The flow's id"),
           ("Bailleur-Refresh-Transport" = Option<String>, Header, description = "`cookie`: the refresh token goes in an HttpOnly cookie")),
    request_body = OtpRequest,
    responses(
        (status = 200, body = SignInOutcome, description = "The next step, or the session"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "Another step is due"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "Wrong, expired or dead code"),
    )
)]
#[post("/auth/flows/{id}/otp")]
pub async fn handler(
    request: HttpRequest,
    state: web::Data<AppState>,
    client: ClientAddress,
    id: web::Path<String>,
    body: crate::routes::body::Json<OtpRequest>,
) -> Result<HttpResponse, ApiError> {
    let outcome = bailleur_core::auth::flow::submit_code(
        &state.auth,
        &state.db,
        state.clock.now(),
        &id,
        &body.code,
        Some(&client.0),
    )
    .await;
    super::step_response(&request, &state, &client, outcome).await
}

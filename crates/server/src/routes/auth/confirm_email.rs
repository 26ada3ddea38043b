use crate::error::ApiError;
use crate::extractors::ClientAddress;
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, post, web};
use bailleur_api_types::Problem;
use bailleur_api_types::auth::{ConfirmEmailRequest, SignInOutcome};

/// The `confirm_email` step (R-AUTH-4): an email typed twice; a code is then mailed to it.
#[utoipa::path(
    tag = "auth",
    operation_id = "confirm_email",
    summary = "Enter and confirm the email of the account (step confirm_email)",
    params(("id" = String, Path, description = "The flow's id")),
    request_body = ConfirmEmailRequest,
    responses(
        (status = 200, body = SignInOutcome, description = "The next step (otp)"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "Another step is due"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "Invalid email, the two emails differ, or the email is taken"),
        (status = 429, body = Problem, content_type = "application/problem+json"),
        (status = 503, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/flows/{id}/email")]
pub async fn handler(
    request: HttpRequest,
    state: web::Data<AppState>,
    client: ClientAddress,
    id: web::Path<String>,
    body: crate::routes::body::Json<ConfirmEmailRequest>,
) -> Result<HttpResponse, ApiError> {
    let outcome = bailleur_core::auth::flow::confirm_email(
        &state.auth,
        &state.db,
        state.clock.now(),
        &id,
        &body.email,
        &body.email_confirmation,
        Some(&client.0),
    )
    .await;
    super::step_response(&request, &state, &client, outcome).await
}

use crate::error::ApiError;
use crate::extractors::ClientAddress;
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, post, web};
use bailleur_api_types::Problem;
use bailleur_api_types::auth::{NewPasswordRequest, SignInOutcome};

/// The `new_password` step (R-AUTH-5, R-AUTH-6): replaces a provisional password; every failed
/// rule of the policy is listed.
#[utoipa::path(
    tag = "auth",
    operation_id = "set_flow_password",
    summary = "Choose a personal password (step new_password)",
    params(("id" = String, Path, description = "The flow's id"),
           ("Bailleur-Refresh-Transport" = Option<String>, Header, description = "`cookie`: the refresh token goes in an HttpOnly cookie")),
    request_body = NewPasswordRequest,
    responses(
        (status = 200, body = SignInOutcome, description = "The next step, or the session"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "Another step is due"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "Each failed rule of the policy, or a confirmation that differs"),
        (status = 503, body = Problem, content_type = "application/problem+json", description = "The password hashing queue is full: retry after `Retry-After` seconds"),
    )
)]
#[post("/auth/flows/{id}/password")]
pub async fn handler(
    request: HttpRequest,
    state: web::Data<AppState>,
    client: ClientAddress,
    id: web::Path<String>,
    body: crate::routes::body::Json<NewPasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    let outcome = bailleur_core::auth::flow::set_password(
        &state.auth,
        &state.db,
        state.clock.now(),
        &id,
        &body.new_password,
        &body.confirmation,
        Some(&client.0),
    )
    .await;
    super::step_response(&request, &state, &client, outcome).await
}

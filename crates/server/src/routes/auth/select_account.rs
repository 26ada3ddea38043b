use crate::error::ApiError;
use crate::extractors::ClientAddress;
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, post, web};
use bailleur_api_types::Problem;
use bailleur_api_types::auth::{SelectAccountRequest, SignInOutcome};

/// The `select_account` step (R-AUTH-2): the session starts on the chosen account.
#[utoipa::path(
    tag = "auth",
    operation_id = "select_account",
    summary = "Choose the account to work on (step select_account)",
    params(("id" = String, Path, description = "The flow's id"),
           ("Bailleur-Refresh-Transport" = Option<String>, Header, description = "`cookie`: the refresh token goes in an HttpOnly cookie")),
    request_body = SelectAccountRequest,
    responses(
        (status = 200, body = SignInOutcome, description = "The session"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "The account does not share the email"),
    )
)]
#[post("/auth/flows/{id}/accounts")]
pub async fn handler(
    request: HttpRequest,
    state: web::Data<AppState>,
    client: ClientAddress,
    id: web::Path<String>,
    body: crate::routes::body::Json<SelectAccountRequest>,
) -> Result<HttpResponse, ApiError> {
    let outcome = bailleur_core::auth::flow::select_account(
        &state.auth,
        &state.db,
        state.clock.now(),
        &id,
        body.account_id,
        Some(&client.0),
    )
    .await;
    super::step_response(&request, &state, &client, outcome).await
}

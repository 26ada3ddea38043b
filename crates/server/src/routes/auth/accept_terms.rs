use crate::error::ApiError;
use crate::extractors::ClientAddress;
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, post, web};
use bailleur_api_types::Problem;
use bailleur_api_types::auth::{SignInOutcome, TermsRequest};

/// The `accept_terms` step (R-AUTH-5): the usage rules and the terms of use, both accepted.
#[utoipa::path(
    tag = "auth",
    operation_id = "accept_terms",
    summary = "Accept the usage rules and the terms of use (step accept_terms)",
    params(("id" = String, Path, description = "The flow's id"),
           ("Bailleur-Refresh-Transport" = Option<String>, Header, description = "`cookie`: the refresh token goes in an HttpOnly cookie")),
    request_body = TermsRequest,
    responses(
        (status = 200, body = SignInOutcome, description = "The next step, or the session"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A document not accepted"),
    )
)]
#[post("/auth/flows/{id}/terms")]
pub async fn handler(
    request: HttpRequest,
    state: web::Data<AppState>,
    client: ClientAddress,
    id: web::Path<String>,
    body: crate::routes::body::Json<TermsRequest>,
) -> Result<HttpResponse, ApiError> {
    let outcome = bailleur_core::auth::flow::accept_terms(
        &state.auth,
        &state.db,
        state.clock.now(),
        &id,
        body.usage_rules,
        body.terms_of_use,
        Some(&client.0),
    )
    .await;
    super::step_response(&request, &state, &client, outcome).await
}

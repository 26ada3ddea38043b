use crate::error::ApiError;
use crate::extractors::SignedIn;
use crate::state::AppState;
use actix_web::{HttpResponse, post, web};
use bailleur_api_types::Problem;
use bailleur_api_types::declarations::{SubmitDeclarations, SubmittedDeclarations};

/// Declares one or several things about a tenant at once: every declaration is checked against
/// its rules, then all are recorded, or none (R-SPACE-5). A rent declaration replaces the
/// lease's previous one of the same campaign.
#[utoipa::path(
    tag = "declarations",
    operation_id = "submit_declarations",
    summary = "Submit one or several declarations about a tenant",
    security(("bearer" = [])),
    request_body = SubmitDeclarations,
    responses(
        (status = 201, body = SubmittedDeclarations),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No tenant of this landlord has this id"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "Every broken rule, by field (`declarations[0].rent_cents`); nothing was recorded"),
    )
)]
#[post("/declarations")]
pub async fn handler(
    state: web::Data<AppState>,
    SignedIn(who): SignedIn,
    body: crate::routes::body::Json<SubmitDeclarations>,
) -> Result<HttpResponse, ApiError> {
    let submitted = bailleur_core::declarations::submit(
        &state.db,
        &who,
        body.tenant_id,
        &body.declarations,
        state.clock.now(),
    )
    .await?;
    Ok(HttpResponse::Created().json(submitted))
}

use crate::error::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use bailleur_api_types::Problem;
use bailleur_api_types::auth::Flow;

/// A sign-in flow in progress and its next step (R-AUTH-4, R-OTP-2).
#[utoipa::path(
    tag = "auth",
    operation_id = "get_flow",
    summary = "Get a sign-in flow and its next step",
    params(("id" = String, Path, description = "The flow's id")),
    responses(
        (status = 200, body = Flow),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "Unknown, expired or finished flow"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A malformed path, query or body: each refused field named"),
    )
)]
#[get("/auth/flows/{id}")]
pub async fn handler(
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<web::Json<Flow>, ApiError> {
    let flow =
        bailleur_core::auth::flow::get(&state.auth, &state.db, state.clock.now(), &id).await?;
    Ok(web::Json(flow))
}

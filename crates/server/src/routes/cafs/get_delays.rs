use crate::error::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use bailleur_api_types::Problem;
use bailleur_api_types::caf::ProcessingDelays;

/// A Caf's processing delays by kind of declaration, averaged over the declarations it processed
/// in the last 30 days (public, R-SPACE-6).
#[utoipa::path(
    tag = "cafs",
    operation_id = "get_caf_delays",
    summary = "Get a Caf's processing delays",
    params(("number" = String, Path, description = "The Caf's 3-character number", example = "441")),
    responses(
        (status = 200, body = ProcessingDelays),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cafs/{number}/delays")]
pub async fn handler(
    state: web::Data<AppState>,
    number: web::Path<String>,
) -> Result<web::Json<ProcessingDelays>, ApiError> {
    let number = super::parse_number(&number)?;
    Ok(web::Json(
        bailleur_core::declarations::delays::compute(&state.read, &number, state.clock.now())
            .await?,
    ))
}

use crate::error::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use bailleur_api_types::Problem;
use bailleur_api_types::caf::CafOffice;

/// A Caf office and its contact addresses (public).
#[utoipa::path(
    tag = "cafs",
    operation_id = "get_caf",
    summary = "Get a Caf office and its contact addresses",
    params(("number" = String, Path, description = "The Caf's 3-character number", example = "441")),
    responses(
        (status = 200, body = CafOffice),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cafs/{number}")]
pub async fn handler(
    state: web::Data<AppState>,
    number: web::Path<String>,
) -> Result<web::Json<CafOffice>, ApiError> {
    let number = super::parse_number(&number)?;
    Ok(web::Json(
        bailleur_core::cafs::find_office(&state.read, &number).await?,
    ))
}

use crate::error::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use bailleur_api_types::Problem;
use bailleur_api_types::caf::NoticeList;

/// The notices ("À savoir") a Caf currently shows its landlords (public).
#[utoipa::path(
    tag = "cafs",
    operation_id = "list_caf_notices",
    summary = "List a Caf's current notices",
    params(("number" = String, Path, description = "The Caf's 3-character number", example = "441")),
    responses(
        (status = 200, body = NoticeList),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cafs/{number}/notices")]
pub async fn handler(
    state: web::Data<AppState>,
    number: web::Path<String>,
) -> Result<web::Json<NoticeList>, ApiError> {
    let number = super::parse_number(&number)?;
    let now = state.clock.now();
    Ok(web::Json(
        bailleur_core::cafs::current_notices(&state.read, &number, now).await?,
    ))
}

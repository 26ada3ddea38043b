use crate::error::ApiError;
use crate::extractors::{Acting, DeclarationsRead};
use crate::state::AppState;
use actix_web::{get, web};
use bailleur_api_types::Problem;
use bailleur_api_types::batches::Batch;

/// A batch again, each item's declarations as they stand now.
#[utoipa::path(
    tag = "declarations",
    operation_id = "get_batch",
    summary = "Get a batch of declarations",
    security(("bearer" = []), ("oauth2" = ["declarations:read"])),
    params(("id" = i32, Path, description = "The batch's id")),
    responses(
        (status = 200, body = Batch),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "A client token without `declarations:read`"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No batch of this landlord has this id"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A malformed id"),
        (status = 429, body = Problem, content_type = "application/problem+json", description = "The API client's rate is spent", headers(("Retry-After" = u32, description = "Seconds to wait"))),
    )
)]
#[get("/declaration-batches/{id}")]
pub async fn handler(
    state: web::Data<AppState>,
    Acting(who, _): Acting<DeclarationsRead>,
    id: web::Path<bailleur_api_types::BatchId>,
) -> Result<web::Json<Batch>, ApiError> {
    Ok(web::Json(
        bailleur_core::declarations::batches::get(&state.read, who.partner_id(), id.into_inner())
            .await?,
    ))
}

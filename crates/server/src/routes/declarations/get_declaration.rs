use crate::error::ApiError;
use crate::extractors::{Acting, DeclarationsRead};
use crate::state::AppState;
use actix_web::{get, web};
use bailleur_api_types::Problem;
use bailleur_api_types::declarations::Declaration;

/// One of the landlord's declarations with its history: what its receipt shows.
#[utoipa::path(
    tag = "declarations",
    operation_id = "get_declaration",
    summary = "Get a declaration",
    security(("bearer" = []), ("oauth2" = ["declarations:read"])),
    params(("id" = i32, Path, description = "The declaration's id")),
    responses(
        (status = 200, body = Declaration),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "A client token without the scope (`WWW-Authenticate: Bearer error=\"insufficient_scope\"`)"),
        (status = 429, body = Problem, content_type = "application/problem+json", description = "The API client's rate is spent: retry after `Retry-After` seconds", headers(("Retry-After" = u32, description = "Seconds to wait"))),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A malformed path, query or body: each refused field named"),
    )
)]
#[get("/declarations/{id}")]
pub async fn handler(
    state: web::Data<AppState>,
    Acting(who, _): Acting<DeclarationsRead>,
    id: web::Path<bailleur_api_types::DeclarationId>,
) -> Result<web::Json<Declaration>, ApiError> {
    Ok(web::Json(
        bailleur_core::declarations::get(&state.read, who.partner_id(), id.into_inner()).await?,
    ))
}

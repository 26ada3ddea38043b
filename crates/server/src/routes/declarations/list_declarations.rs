use crate::error::ApiError;
use crate::extractors::{Acting, DeclarationsRead};
use crate::state::AppState;
use actix_web::{get, web};
use bailleur_api_types::Problem;
use bailleur_api_types::declarations::{DeclarationPage, DeclarationQuery};

/// The landlord's declarations, newest first, 20 per page, with their status history.
#[utoipa::path(
    tag = "declarations",
    operation_id = "list_declarations",
    summary = "List the landlord's declarations",
    security(("bearer" = []), ("oauth2" = ["declarations:read"])),
    params(DeclarationQuery),
    responses(
        (status = 200, body = DeclarationPage),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A malformed parameter"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "A client token without the scope (`WWW-Authenticate: Bearer error=\"insufficient_scope\"`)"),
        (status = 429, body = Problem, content_type = "application/problem+json", description = "The API client's rate is spent: retry after `Retry-After` seconds", headers(("Retry-After" = u32, description = "Seconds to wait"))),
    )
)]
#[get("/declarations")]
pub async fn handler(
    state: web::Data<AppState>,
    Acting(who, _): Acting<DeclarationsRead>,
    query: web::Query<DeclarationQuery>,
) -> Result<web::Json<DeclarationPage>, ApiError> {
    Ok(web::Json(
        bailleur_core::declarations::list(&state.read, who.partner_id(), &query).await?,
    ))
}

use crate::error::ApiError;
use crate::extractors::SignedIn;
use crate::state::AppState;
use actix_web::{get, web};
use bailleur_api_types::Problem;
use bailleur_api_types::declarations::{DeclarationPage, DeclarationQuery};

/// The landlord's declarations, newest first, 20 per page, with their status history.
#[utoipa::path(
    tag = "declarations",
    operation_id = "list_declarations",
    summary = "List the landlord's declarations",
    security(("bearer" = [])),
    params(DeclarationQuery),
    responses(
        (status = 200, body = DeclarationPage),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A malformed parameter"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/declarations")]
pub async fn handler(
    state: web::Data<AppState>,
    SignedIn(who): SignedIn,
    query: web::Query<DeclarationQuery>,
) -> Result<web::Json<DeclarationPage>, ApiError> {
    Ok(web::Json(
        bailleur_core::declarations::list(&state.read, who.partner_id, &query).await?,
    ))
}

use crate::error::ApiError;
use crate::extractors::SignedIn;
use crate::state::AppState;
use actix_web::{get, web};
use bailleur_api_types::Problem;
use bailleur_api_types::software::ApiClientList;

/// The partner's live API clients, newest first, with their last use (R-API-2).
#[utoipa::path(
    tag = "partner",
    operation_id = "list_api_clients",
    summary = "List the partner's API clients (administrator)",
    security(("bearer" = [])),
    responses(
        (status = 200, body = ApiClientList),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "Not the partner's administrator, or software (`/problems/person-only`)"),
    )
)]
#[get("/partner/api-clients")]
pub async fn handler(
    state: web::Data<AppState>,
    SignedIn(who): SignedIn,
) -> Result<web::Json<ApiClientList>, ApiError> {
    let items = bailleur_core::software::clients::list(&state.db, &who).await?;
    Ok(web::Json(ApiClientList { items }))
}

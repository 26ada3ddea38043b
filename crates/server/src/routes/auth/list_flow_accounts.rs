use crate::error::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use bailleur_api_types::Problem;
use bailleur_api_types::auth::{AccountPage, AccountQuery};

/// The accounts to choose from at the `select_account` step (R-AUTH-2), 20 per page.
#[utoipa::path(
    tag = "auth",
    operation_id = "list_flow_accounts",
    summary = "List the accounts sharing the email (step select_account)",
    params(("id" = String, Path, description = "The flow's id"), AccountQuery),
    responses(
        (status = 200, body = AccountPage),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A malformed path, query or body: each refused field named"),
    )
)]
#[get("/auth/flows/{id}/accounts")]
pub async fn handler(
    state: web::Data<AppState>,
    id: web::Path<String>,
    query: web::Query<AccountQuery>,
) -> Result<web::Json<AccountPage>, ApiError> {
    let page = bailleur_core::auth::flow::accounts(
        &state.db,
        state.clock.now(),
        &id,
        query.q.as_deref(),
        query.page.map_or(1, bailleur_api_types::PageNumber::get),
    )
    .await?;
    Ok(web::Json(page))
}

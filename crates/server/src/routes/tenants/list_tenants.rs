use crate::error::ApiError;
use crate::extractors::SignedIn;
use crate::state::AppState;
use actix_web::{get, web};
use bailleur_api_types::Problem;
use bailleur_api_types::tenants::{TenantPage, TenantQuery};

/// The tenants of the landlord's current leases, searched by name, beneficiary number or
/// address, sorted by name, 20 per page (R-SPACE-3).
#[utoipa::path(
    tag = "tenants",
    operation_id = "list_tenants",
    summary = "List the landlord's tenants receiving housing aid",
    security(("bearer" = [])),
    params(TenantQuery),
    responses(
        (status = 200, body = TenantPage),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A malformed path, query or body: each refused field named"),
    )
)]
#[get("/tenants")]
pub async fn handler(
    state: web::Data<AppState>,
    SignedIn(who): SignedIn,
    query: web::Query<TenantQuery>,
) -> Result<web::Json<TenantPage>, ApiError> {
    let page = bailleur_core::tenants::list(
        &state.read,
        who.partner_id,
        query.q.as_deref(),
        query.page.map_or(1, bailleur_api_types::PageNumber::get),
    )
    .await?;
    Ok(web::Json(page))
}

use crate::error::ApiError;
use crate::extractors::{Acting, TenantsRead};
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
    security(("bearer" = []), ("oauth2" = ["tenants:read"])),
    params(TenantQuery),
    responses(
        (status = 200, body = TenantPage),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "A client token without the scope (`WWW-Authenticate: Bearer error=\"insufficient_scope\"`)"),
        (status = 429, body = Problem, content_type = "application/problem+json", description = "The API client's rate is spent: retry after `Retry-After` seconds", headers(("Retry-After" = u32, description = "Seconds to wait"))),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A malformed path, query or body: each refused field named"),
    )
)]
#[get("/tenants")]
pub async fn handler(
    state: web::Data<AppState>,
    Acting(who, _): Acting<TenantsRead>,
    query: web::Query<TenantQuery>,
) -> Result<web::Json<TenantPage>, ApiError> {
    let page = bailleur_core::tenants::list(
        &state.read,
        who.partner_id(),
        query.q.as_deref(),
        query.page.map_or(1, bailleur_api_types::PageNumber::get),
    )
    .await?;
    Ok(web::Json(page))
}

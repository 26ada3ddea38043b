use crate::error::ApiError;
use crate::extractors::{Acting, TenantsRead};
use crate::state::AppState;
use actix_web::{get, web};
use bailleur_api_types::Problem;
use bailleur_api_types::tenants::TenantDetail;

/// A tenant of the landlord (R-SPACE-4); the tenant of another landlord is not found.
#[utoipa::path(
    tag = "tenants",
    operation_id = "get_tenant",
    summary = "Get a tenant's detail",
    security(("bearer" = []), ("oauth2" = ["tenants:read"])),
    params(("id" = i32, Path, description = "The tenant's id")),
    responses(
        (status = 200, body = TenantDetail),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "A client token without the scope (`WWW-Authenticate: Bearer error=\"insufficient_scope\"`)"),
        (status = 429, body = Problem, content_type = "application/problem+json", description = "The API client's rate is spent: retry after `Retry-After` seconds", headers(("Retry-After" = u32, description = "Seconds to wait"))),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No tenant of this landlord has this id"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A malformed path, query or body: each refused field named"),
    )
)]
#[get("/tenants/{id}")]
pub async fn handler(
    state: web::Data<AppState>,
    Acting(who, _): Acting<TenantsRead>,
    id: web::Path<bailleur_api_types::TenantId>,
) -> Result<web::Json<TenantDetail>, ApiError> {
    let tenant = bailleur_core::tenants::detail(
        &state.read,
        who.partner_id(),
        id.into_inner(),
        state.clock.now().date(),
    )
    .await?;
    Ok(web::Json(tenant))
}

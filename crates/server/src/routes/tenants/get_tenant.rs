use crate::error::ApiError;
use crate::extractors::SignedIn;
use crate::state::AppState;
use actix_web::{get, web};
use bailleur_api_types::Problem;
use bailleur_api_types::tenants::TenantDetail;

/// A tenant of the landlord (R-SPACE-4); the tenant of another landlord is not found.
#[utoipa::path(
    tag = "tenants",
    operation_id = "get_tenant",
    summary = "Get a tenant's detail",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "The tenant's id")),
    responses(
        (status = 200, body = TenantDetail),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No tenant of this landlord has this id"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A malformed path, query or body: each refused field named"),
    )
)]
#[get("/tenants/{id}")]
pub async fn handler(
    state: web::Data<AppState>,
    SignedIn(who): SignedIn,
    id: web::Path<bailleur_api_types::TenantId>,
) -> Result<web::Json<TenantDetail>, ApiError> {
    let tenant = bailleur_core::tenants::detail(
        &state.read,
        who.partner_id,
        id.into_inner(),
        state.clock.now().date(),
    )
    .await?;
    Ok(web::Json(tenant))
}

use crate::error::ApiError;
use crate::extractors::SignedIn;
use crate::state::AppState;
use actix_web::{HttpResponse, delete, web};
use bailleur_api_types::{ApiClientId, Problem};

/// Revokes the client: no new token, and its tokens stop working at once (within a second on
/// other server processes) (R-API-2).
#[utoipa::path(
    tag = "partner",
    operation_id = "revoke_api_client",
    summary = "Revoke an API client (administrator)",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "The client's id")),
    responses(
        (status = 204, description = "Revoked"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "Not the partner's administrator, or software (`/problems/person-only`)"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No live client of this partner has this id"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A malformed id"),
    )
)]
#[delete("/partner/api-clients/{id}")]
pub async fn handler(
    state: web::Data<AppState>,
    SignedIn(who): SignedIn,
    id: web::Path<ApiClientId>,
) -> Result<HttpResponse, ApiError> {
    bailleur_core::software::clients::revoke(
        &state.auth,
        &state.db,
        &who,
        id.into_inner(),
        state.clock.now(),
    )
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

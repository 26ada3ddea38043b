use crate::error::ApiError;
use crate::extractors::{IdempotencyKeyHeader, SignedIn};
use crate::routes::idempotent;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, post, web};
use bailleur_api_types::software::IssuedApiClient;
use bailleur_api_types::{ApiClientId, Problem};
use bailleur_core::auth::principal::Principal;

/// A new secret for the client, in this answer only; the previous one keeps working 24 h so
/// the software can be updated without a stop (R-API-2).
#[utoipa::path(
    tag = "partner",
    operation_id = "rotate_api_client_secret",
    summary = "Rotate an API client's secret (administrator)",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "The client's id"), crate::routes::idempotent::IdempotencyKeyParam),
    responses(
        (status = 200, body = IssuedApiClient),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "Not the partner's administrator, or software (`/problems/person-only`)"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No live client of this partner has this id"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "`/problems/idempotency-key-in-flight`"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A malformed id; or `/problems/idempotency-key-reused`"),
    )
)]
#[post("/partner/api-clients/{id}/secret")]
pub async fn handler(
    state: web::Data<AppState>,
    SignedIn(who): SignedIn,
    key: IdempotencyKeyHeader,
    id: web::Path<ApiClientId>,
) -> Result<HttpResponse, ApiError> {
    let now = state.clock.now();
    let id = id.into_inner();
    idempotent::respond_storing(
        &state,
        &Principal::Person(who),
        &key,
        &format!("POST /partner/api-clients/{id}/secret"),
        &(),
        StatusCode::OK,
        async |txn| bailleur_core::software::clients::rotate(txn, &who, id, now).await,
        |issued: &IssuedApiClient| serde_json::to_string(&issued.masked()),
    )
    .await
}

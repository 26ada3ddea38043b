use crate::extractors::{IdempotencyKeyHeader, SignedIn};
use crate::routes::idempotent;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, post, web};
use bailleur_api_types::Problem;
use bailleur_api_types::software::{CreateApiClient, IssuedApiClient};
use bailleur_core::auth::principal::Principal;

/// A new API client for the partner's software (R-API-2): its secret is in this answer only
/// (a replay under the same `Idempotency-Key` shows the client with its secret masked: a secret is never stored).
#[utoipa::path(
    tag = "partner",
    operation_id = "create_api_client",
    summary = "Create an API client (administrator)",
    security(("bearer" = [])),
    params(crate::routes::idempotent::IdempotencyKeyParam),
    request_body = CreateApiClient,
    responses(
        (status = 201, body = IssuedApiClient),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "Not the partner's administrator, or software (`/problems/person-only`)"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "`/problems/idempotency-key-in-flight`"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "Invalid fields (name, scopes, public key); or `/problems/idempotency-key-reused`"),
    )
)]
#[post("/partner/api-clients")]
pub async fn handler(
    state: web::Data<AppState>,
    SignedIn(who): SignedIn,
    key: IdempotencyKeyHeader,
    body: crate::routes::body::Deferred<CreateApiClient>,
) -> actix_web::Result<HttpResponse> {
    let body = body.get()?;
    let now = state.clock.now();
    idempotent::respond_storing(
        &state,
        &Principal::Person(who),
        &key,
        "POST /partner/api-clients",
        &body,
        StatusCode::CREATED,
        async |txn| bailleur_core::software::clients::create(txn, &who, &body, now).await,
        |issued: &IssuedApiClient| serde_json::to_string(&issued.masked()),
    )
    .await
    .map_err(Into::into)
}

use crate::extractors::{Acting, DeclarationsWrite, IdempotencyKeyHeader};
use crate::routes::idempotent;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, post, web};
use bailleur_api_types::Problem;
use bailleur_api_types::batches::{Batch, SubmitBatch};

/// Up to 1,000 submissions about the landlord's tenants (one item per tenant, each the body of
/// `POST /declarations` under its rules), recorded all together or not at all (R-API-2).
#[utoipa::path(
    tag = "declarations",
    operation_id = "submit_batch",
    summary = "Submit a batch of declarations about several tenants",
    security(("bearer" = []), ("oauth2" = ["declarations:write"])),
    params(crate::routes::idempotent::IdempotencyKeyParam),
    request_body = SubmitBatch,
    responses(
        (status = 201, body = Batch, headers(("Idempotent-Replayed" = String, description = "`true` when this is the stored answer of an earlier request with the same key"))),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "A client token without `declarations:write`"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "`/problems/idempotency-key-in-flight`"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "Every broken rule, by item and field (`items[3].declarations[0].date`), nothing recorded; a body over 1 MiB; or `/problems/idempotency-key-reused`"),
        (status = 429, body = Problem, content_type = "application/problem+json", description = "The API client's rate is spent", headers(("Retry-After" = u32, description = "Seconds to wait"))),
    )
)]
#[post("/declaration-batches")]
pub async fn handler(
    state: web::Data<AppState>,
    Acting(who, _): Acting<DeclarationsWrite>,
    key: IdempotencyKeyHeader,
    body: crate::routes::body::Deferred<SubmitBatch>,
) -> actix_web::Result<HttpResponse> {
    let body = body.get()?;
    let now = state.clock.now();
    idempotent::respond(
        &state,
        &who,
        &key,
        "POST /declaration-batches",
        &body,
        StatusCode::CREATED,
        async |txn| bailleur_core::declarations::batches::submit(txn, &who, &body, now).await,
    )
    .await
    .map_err(Into::into)
}
